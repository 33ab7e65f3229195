// Personal-desktop mode (workstation/mode=personal): when Lanyard locks, the clinician's own
// desktop session locks too, through logind (org.freedesktop.login1.Session.Lock on the caller's
// session), so their desktop's own lock screen is up when they come back.
#pragma once

#include <QDBusConnection>
#include <QObject>

namespace Lanyard::Shell {

class DesktopLock : public QObject
{
    Q_OBJECT
public:
    // bus: the system bus in production; tests give a private one.
    explicit DesktopLock(QDBusConnection bus = QDBusConnection::systemBus(), QObject *parent = nullptr);

    void lockDesktop();   // asynchronous; failed() says why it did not
    QString lastProblem() const { return m_problem; }

signals:
    void locked();
    void failed(const QString &problem);

private:
    QDBusConnection m_bus;
    QString m_problem;
};

} // namespace Lanyard::Shell
