#include "lock/signinpanel.h"

#include "lock/passcodepage.h"
#include "lock/rolepage.h"

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Lanyard::Shell {

namespace {

QLabel *label(const QString &objectName, QWidget *parent)
{
    auto *text = new QLabel(parent);
    text->setObjectName(objectName);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setTextFormat(Qt::PlainText);
    return text;
}

} // namespace

SignInPanel::SignInPanel(const QString &workstationName, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("signInPanel"));
    setAttribute(Qt::WA_StyledBackground);
    setMinimumWidth(fontMetrics().averageCharWidth() * 48);
    auto *layout = new QVBoxLayout(this);
    QLabel *product = label(QStringLiteral("product"), this);
    product->setText(tr("Lanyard"));
    layout->addWidget(product);
    QLabel *workstation = label(QStringLiteral("workstationName"), this);
    workstation->setText(tr("Workstation %1").arg(workstationName));
    layout->addWidget(workstation);

    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages);

    m_insertPage = new QWidget(m_pages);
    m_insertPage->setObjectName(QStringLiteral("insertCardPage"));
    auto *insert = new QVBoxLayout(m_insertPage);
    m_insertTitle = label(QStringLiteral("insertCardTitle"), m_insertPage);
    m_problem = label(QStringLiteral("problem"), m_insertPage);
    m_problem->setAccessibleName(tr("What went wrong"));
    insert->addWidget(m_insertTitle);
    insert->addWidget(m_problem);
    m_pages->addWidget(m_insertPage);

    m_workingPage = new QWidget(m_pages);
    m_workingPage->setObjectName(QStringLiteral("workingPage"));
    auto *working = new QVBoxLayout(m_workingPage);
    m_working = label(QStringLiteral("working"), m_workingPage);
    working->addWidget(m_working);
    m_pages->addWidget(m_workingPage);

    m_passcode = new PasscodePage(m_pages);
    m_pages->addWidget(m_passcode);

    m_roles = new RolePage(m_pages);
    m_pages->addWidget(m_roles);
    connect(m_roles, &RolePage::roleChosen, this, &SignInPanel::roleChosen);

    showInsertCard({}, false);
}

void SignInPanel::onPasscode(std::function<void(Smartcard::Passcode)> submit)
{
    m_passcode->onSubmit(std::move(submit));
}

void SignInPanel::showInsertCard(const QString &problem, bool sessionLocked)
{
    m_passcode->clear();
    m_roles->clear();
    m_insertTitle->setText(sessionLocked
                               ? tr("This workstation is locked. Insert your smartcard to "
                                    "unlock it or to sign in.")
                               : tr("Insert your smartcard"));
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_pages->setCurrentWidget(m_insertPage);
}

void SignInPanel::showWorking(const QString &what)
{
    m_working->setText(what);
    m_pages->setCurrentWidget(m_workingPage);
}

void SignInPanel::showPasscode(const QString &cardHolderName, bool unlocking)
{
    m_passcode->ask(cardHolderName, unlocking);
    m_pages->setCurrentWidget(m_passcode);
    focusDefault();
}

void SignInPanel::showPasscodeRejected(const QString &message)
{
    m_passcode->rejected(message);
    m_pages->setCurrentWidget(m_passcode);
    focusDefault();
}

void SignInPanel::showRoles(const QList<Sso::Role> &roles)
{
    m_roles->offer(roles);
    m_pages->setCurrentWidget(m_roles);
    focusDefault();
}

void SignInPanel::focusDefault()
{
    if (m_pages->currentWidget() == m_passcode)
        m_passcode->focusField();
    else if (m_pages->currentWidget() == m_roles)
        m_roles->focusList();
}

} // namespace Lanyard::Shell
