// Personal-desktop mode's lock through logind, over a real D-Bus daemon the test starts: a
// stand-in for logind's session object (logind itself cannot run here) receives Lanyard's
// org.freedesktop.login1.Session.Lock call; with nothing answering, the failure is reported.
#include <desktoplock.h>

#include <QDBusConnection>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Lanyard::Shell;

class LogindSession : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.login1.Session")
public:
    int locks = 0;
public slots:
    Q_SCRIPTABLE void Lock() { ++locks; }
};

class TestDesktopLock : public QObject
{
    Q_OBJECT

    QProcess m_daemon;
    QString m_address;

private slots:
    void initTestCase()
    {
        m_daemon.start(QStringLiteral("dbus-daemon"),
                       {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--nopidfile"),
                        QStringLiteral("--print-address=1")});
        QVERIFY2(m_daemon.waitForStarted(), "dbus-daemon is needed (Debian: dbus-daemon)");
        QTRY_VERIFY(m_daemon.canReadLine());
        m_address = QString::fromUtf8(m_daemon.readLine().trimmed());
        QVERIFY(!m_address.isEmpty());
    }
    void cleanupTestCase()
    {
        m_daemon.terminate();
        m_daemon.waitForFinished(5000);
    }

    void locksTheCallersSession()
    {
        QDBusConnection logind = QDBusConnection::connectToBus(m_address, QStringLiteral("logind"));
        QVERIFY(logind.isConnected());
        LogindSession session;
        QVERIFY(logind.registerObject(QStringLiteral("/org/freedesktop/login1/session/auto"), &session,
                                      QDBusConnection::ExportScriptableSlots));
        QVERIFY(logind.registerService(QStringLiteral("org.freedesktop.login1")));

        DesktopLock lock(QDBusConnection::connectToBus(m_address, QStringLiteral("lanyard")));
        QSignalSpy locked(&lock, &DesktopLock::locked);
        lock.lockDesktop();
        QTRY_COMPARE(session.locks, 1);
        QTRY_COMPARE(locked.size(), 1);
        logind.unregisterService(QStringLiteral("org.freedesktop.login1"));
    }

    void saysWhyWhenNothingAnswers()
    {
        DesktopLock lock(QDBusConnection::connectToBus(m_address, QStringLiteral("lanyard-alone")));
        QSignalSpy failed(&lock, &DesktopLock::failed);
        lock.lockDesktop();
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY2(lock.lastProblem().contains(QStringLiteral("logind")), qPrintable(lock.lastProblem()));
    }
};

QTEST_GUILESS_MAIN(TestDesktopLock)
#include "tst_desktoplock.moc"
