// "Switch role" from the user menu: the clinician's other roles, and what switching does (the
// applications close and open again in the new role) before they confirm.
#pragma once

#include <lanyard/sso/user.h>

#include <QDialog>

namespace Lanyard::Shell {

class RolePage;

class RoleSwitchDialog : public QDialog
{
    Q_OBJECT
public:
    RoleSwitchDialog(const QList<Sso::Role> &roles, const Sso::Role &current,
                     int openApplications, QWidget *parent = nullptr);
    QString chosenRoleId() const { return m_chosen; }

private:
    RolePage *m_roles;
    QString m_chosen;
};

} // namespace Lanyard::Shell
