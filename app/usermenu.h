// The signed-in clinician's menu, in the launcher and the tray: who is signed in and in which
// role, lock now (with the lock hot-key), switch role (when they have more than one), sign out.
#pragma once

#include <QKeySequence>
#include <QMenu>

namespace Lanyard::Sso {
class Session;
}

namespace Lanyard::Shell {

class UserMenu : public QMenu
{
    Q_OBJECT
public:
    UserMenu(Sso::Session &session, const QKeySequence &lockKeys, QWidget *parent = nullptr);
    void update(); // after sign-in, unlock or a role change

    QAction *lockAction() const { return m_lock; }
    QAction *switchRoleAction() const { return m_switchRole; }
    QAction *signOutAction() const { return m_signOut; }

signals:
    void switchRoleRequested();

private:
    Sso::Session &m_session;
    QAction *m_who;
    QAction *m_role;
    QAction *m_lock;
    QAction *m_switchRole;
    QAction *m_signOut;
};

} // namespace Lanyard::Shell
