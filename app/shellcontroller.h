// What the clinician sees, driven by the workstation's session: the lock screen (insert card,
// passcode, signing in, role) whenever nobody is active, and the launcher, the patient banner,
// the user menu and tray while someone is. Nothing of a clinician or patient is on screen once
// the session locks or ends.
#pragma once

#include "shellconfig.h"

#include <QObject>

#include <memory>

class QMenu;

namespace Lanyard::Sso {
class Clock;
}

namespace Lanyard::Shell {

class IdleNotice;
class LauncherWindow;
class LockScreen;
class PatientBanner;
class SignInPanel;
class Workstation;

class ShellController : public QObject
{
    Q_OBJECT
public:
    ShellController(Workstation &workstation, const Sso::Clock &clock, QObject *parent = nullptr);
    ~ShellController() override;

    // For tests and the screenshots in docs: the shell's real windows.
    LockScreen &lockScreen() const;
    SignInPanel &signInPanel() const;
    LauncherWindow &launcher() const;
    IdleNotice &idleNotice() const;
    QMenu &userMenu() const;
    PatientBanner &banner() const;
    // Whether the session's windows are built yet (they are after the lock screen's first paint,
    // or once something needs one): the accessors above build them.
    bool hasSessionWindows() const;

signals:
    // The workstation's hub could not listen (Workstation::startServices), which the shell does
    // once its lock screen is painted: Lanyard cannot work, and says why.
    void startFailed(const QString &message);

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::Shell
