#include "usermenu.h"

#include "lock/rolepage.h"

#include <lanyard/sso/session.h>

namespace Lanyard::Shell {

UserMenu::UserMenu(Sso::Session &session, const QKeySequence &lockKeys, QWidget *parent)
    : QMenu(parent), m_session(session)
{
    setObjectName(QStringLiteral("userMenu"));
    setTitle(tr("User menu"));
    m_who = addAction(QString());
    m_who->setEnabled(false);
    m_role = addAction(QString());
    m_role->setEnabled(false);
    addSeparator();
    m_lock = addAction(tr("&Lock now"), &session, &Sso::Session::lockNow);
    m_lock->setObjectName(QStringLiteral("lockNow"));
    m_lock->setShortcut(lockKeys);
    m_lock->setShortcutContext(Qt::ApplicationShortcut);
    m_switchRole = addAction(tr("S&witch role…"), this, &UserMenu::switchRoleRequested);
    m_switchRole->setObjectName(QStringLiteral("switchRole"));
    m_signOut = addAction(tr("Sign &out"), &session, &Sso::Session::signOut);
    m_signOut->setObjectName(QStringLiteral("signOut"));
    update();
}

void UserMenu::update()
{
    const Sso::User user = m_session.user();
    m_who->setText(user.name.isEmpty() ? tr("Nobody is signed in")
                                       : tr("Signed in as %1").arg(user.name));
    m_role->setText(m_session.role().id.isEmpty() ? QString() : roleLine(m_session.role()));
    m_role->setVisible(!m_session.role().id.isEmpty());
    m_switchRole->setEnabled(user.roles.size() > 1);
}

} // namespace Lanyard::Shell
