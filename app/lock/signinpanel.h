// What the lock screen asks and says, one page at a time: insert your card (with the workstation
// name and what went wrong last), the passcode, "signing you in", and the role choice. It never
// shows the previous user or patient: only the card holder, once their card is in.
#pragma once

#include <lanyard/smartcard/passcode.h>
#include <lanyard/sso/user.h>

#include <QWidget>

#include <functional>

class QLabel;
class QStackedWidget;

namespace Lanyard::Shell {

class PasscodePage;
class RolePage;

class SignInPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SignInPanel(const QString &workstationName, QWidget *parent = nullptr);

    void showInsertCard(const QString &problem, bool sessionLocked);
    void showWorking(const QString &what);
    void showPasscode(const QString &cardHolderName, bool unlocking);
    void showPasscodeRejected(const QString &message);
    void showRoles(const QList<Sso::Role> &roles);
    void focusDefault();   // the page's first control, for keyboard-only use

    void onPasscode(std::function<void(Smartcard::Passcode)> submit);

signals:
    void roleChosen(const QString &roleId);

private:
    QStackedWidget *m_pages;
    QWidget *m_insertPage;
    QLabel *m_insertTitle;
    QLabel *m_problem;
    QWidget *m_workingPage;
    QLabel *m_working;
    PasscodePage *m_passcode;
    RolePage *m_roles;
};

} // namespace Lanyard::Shell
