#include "launcher/roleswitchdialog.h"

#include "lock/rolepage.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace Lanyard::Shell {

RoleSwitchDialog::RoleSwitchDialog(const QList<Sso::Role> &roles, const Sso::Role &current,
                                   int openApplications, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("roleSwitchDialog"));
    setWindowTitle(tr("Switch role"));
    auto *layout = new QVBoxLayout(this);
    auto *now = new QLabel(tr("You are working as %1.").arg(roleLine(current)), this);
    now->setObjectName(QStringLiteral("currentRole"));
    now->setWordWrap(true);
    layout->addWidget(now);
    auto *warning = new QLabel(openApplications > 0
                                   ? tr("Your %n open application(s) will close and open again "
                                        "in the new role. Save your work in them first.",
                                        nullptr, openApplications)
                                   : tr("Applications you open from now on use the new role."),
                               this);
    warning->setObjectName(QStringLiteral("switchWarning"));
    warning->setWordWrap(true);
    layout->addWidget(warning);
    m_roles = new RolePage(this);
    QList<Sso::Role> others;
    for (const Sso::Role &role : roles)
        if (role.id != current.id)
            others << role;
    m_roles->offer(others);
    layout->addWidget(m_roles);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_roles, &RolePage::roleChosen, this, [this](const QString &id) {
        m_chosen = id;
        accept();
    });
    m_roles->focusList();
}

} // namespace Lanyard::Shell
