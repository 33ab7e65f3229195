// The shell's start, on the bed's Xvfb: the lock screen is painted first, and only then come the
// session's windows, the icon, the hub's port and the plugins (what bench/shell's cold start
// measures). A hub that cannot listen is said, not hidden.
#include "shellbed.h"

#include "ssobed.h"

#include <lock/coverwindow.h>
#include <lock/lockscreen.h>
#include <shellcontroller.h>
#include <shellstyle.h>
#include <workstation.h>

#include <lanyard/sso/clock.h>

#include <QApplication>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Lanyard;
using namespace Lanyard::Tests;

class TestShellStart : public QObject
{
    Q_OBJECT

    QTemporaryDir m_scratch;
    Sso::SystemClock m_clock;

    Shell::ShellConfig config() const
    {
        Shell::ShellConfig c = ShellBed::config(m_scratch.path());
        c.ui.grabInput = false; // the bed's display is shared
        c.ui.lockHotkey = QKeySequence();
        return c;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(SsoBed::begin(QStringLiteral("app-start.log")), "run through ctest: this test needs the bed");
    }
    void cleanup() { QApplication::setWindowIcon(QIcon()); }

    void theLockScreenComesFirst()
    {
        auto created = Shell::Workstation::create(config(), m_clock);
        QVERIFY2(created.ok(), why(created).constData());
        Shell::Workstation &workstation = **created;
        Shell::ShellController shell(workstation, m_clock);
        workstation.watchCards();

        // Before the first paint: the cover and its panel, nothing else.
        QVERIFY(shell.lockScreen().isEngaged());
        QVERIFY(!shell.hasSessionWindows());
        QVERIFY(!workstation.hub().isListening());
        QCOMPARE(workstation.hub().url().port(), 0);
        QVERIFY(QApplication::windowIcon().isNull());

        QVERIFY(QTest::qWaitForWindowExposed(shell.lockScreen().primaryCover()));
        QTRY_VERIFY(workstation.hub().isListening());
        QVERIFY(shell.hasSessionWindows());
        // The hub answers on its port now: its discovery document.
        const QUrl hub = workstation.hub().url();
        QVERIFY(hub.port() > 0);
        QTcpSocket socket; // answered by this thread's event loop, so waited for with QTRY
        QByteArray answer;
        connect(&socket, &QTcpSocket::readyRead, this, [&] { answer += socket.readAll(); });
        socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(hub.port()));
        socket.write("GET " + hub.path().toUtf8() + "/.well-known/fhircast-configuration HTTP/1.1\r\n"
                     "Host: 127.0.0.1:" + QByteArray::number(hub.port()) + "\r\nConnection: close\r\n\r\n");
        QTRY_VERIFY(answer.contains("\r\n\r\n"));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.left(200).constData());
        // The icon is drawn (Qt's SVG plugin is there), for every window from now on.
        QVERIFY(!QApplication::windowIcon().pixmap(32, 32).isNull());
        QVERIFY(!Shell::lanyardIcon().pixmap(16, 16).isNull());
    }

    void aHubThatCannotListenIsSaid()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        Shell::ShellConfig c = config();
        c.context.hub.port = taken.serverPort();
        auto created = Shell::Workstation::create(c, m_clock);
        QVERIFY2(created.ok(), why(created).constData());
        Shell::ShellController shell(**created, m_clock);
        QSignalSpy failed(&shell, &Shell::ShellController::startFailed);
        QVERIFY(QTest::qWaitForWindowExposed(shell.lockScreen().primaryCover()));
        QTRY_COMPARE(failed.size(), 1);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("The patient context hub could not start"))
                     && message.contains(QString::number(taken.serverPort()))
                     && message.contains(QStringLiteral("hub/port")),
                 qPrintable(message));
        QVERIFY(!(*created)->hub().isListening());
        QVERIFY(shell.lockScreen().isEngaged()); // nobody can sign in to a workstation without it
    }
};

QTEST_MAIN(TestShellStart)
#include "tst_shellstart.moc"
