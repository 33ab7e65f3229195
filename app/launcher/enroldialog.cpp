#include "launcher/enroldialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace Lanyard::Shell {

namespace {

void wipeField(QLineEdit *field)
{
    field->setText(QString(field->text().size(), QLatin1Char(' ')));
    field->clear();
}

} // namespace

EnrolDialog::EnrolDialog(const QString &applicationName, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("enrolDialog"));
    setWindowTitle(tr("Sign in to %1 once").arg(applicationName));
    auto *layout = new QFormLayout(this);
    auto *intro = new QLabel(tr("%1 has its own username and password. Enter them once: Lanyard "
                                "keeps them sealed to your smartcard and signs you in to %1 "
                                "from now on.").arg(applicationName), this);
    intro->setWordWrap(true);
    layout->addRow(intro);
    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("enrolUsername"));
    m_username->setAccessibleName(tr("Username for %1").arg(applicationName));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("enrolPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password for %1").arg(applicationName));
    m_password->setContextMenuPolicy(Qt::NoContextMenu);
    layout->addRow(tr("&Username:"), m_username);
    layout->addRow(tr("&Password:"), m_password);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("enrolProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addRow(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Save and sign in"));
    layout->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

EnrolDialog::~EnrolDialog()
{
    wipeField(m_password);
}

QString EnrolDialog::username() const
{
    return m_username->text().trimmed();
}

Sso::Secret EnrolDialog::takePassword()
{
    QString typed = m_password->text();
    wipeField(m_password);
    return Sso::Secret::take(typed);
}

void EnrolDialog::showProblem(const QString &message)
{
    m_problem->setText(message);
    m_problem->show();
}

} // namespace Lanyard::Shell
