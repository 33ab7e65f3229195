// How the shell looks and reads, on the bed's Xvfb: the lock screen in Welsh, in high contrast,
// and (run again with QT_SCALE_FACTOR=2, test app.look.scaled) at 200% — each saved as a PNG with
// its text asserted; every control of the sign-in panel has an accessible name.
#include "shellbed.h"

#include "bedcontrol.h"
#include "ssobed.h"

#include <lock/coverwindow.h>
#include <lock/lockscreen.h>
#include <lock/signinpanel.h>
#include <shellcontroller.h>
#include <shellstyle.h>
#include <workstation.h>

#include <lanyard/sso/clock.h>

#include <QAbstractButton>
#include <QApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Lanyard;
using namespace Lanyard::Tests;

class TestShellLook : public QObject
{
    Q_OBJECT

    QTemporaryDir m_scratch;
    Sso::SystemClock m_clock;

    static QString suffix()
    {
        return qEnvironmentVariableIsSet("QT_SCALE_FACTOR")
                   ? QStringLiteral("-x") + qEnvironmentVariable("QT_SCALE_FACTOR")
                   : QString();
    }
    // The bed's display is shared: no grabs here (the journey checks them).
    Shell::ShellConfig config() const
    {
        Shell::ShellConfig c = ShellBed::config(m_scratch.path());
        c.ui.grabInput = false;
        c.ui.lockHotkey = QKeySequence();
        return c;
    }
    static void resetLook()
    {
        for (QTranslator *translator : qApp->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
        qApp->setStyleSheet({});
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(SsoBed::begin(QStringLiteral("app-look%1.log").arg(suffix())),
                 "run through ctest: this test needs the bed");
    }
    void cleanup() { resetLook(); }

    void welsh()
    {
        Shell::installTranslations(*qApp, QStringLiteral("cy"));
        Shell::applyStyle(*qApp, false);
        auto workstation = Shell::Workstation::create(config(), m_clock);
        QVERIFY2(workstation.ok(), why(workstation).constData());
        Shell::ShellController shell(**workstation, m_clock);
        QVERIFY(QTest::qWaitForWindowExposed(shell.lockScreen().primaryCover()));
        const QStringList texts = ShellBed::visibleTexts();
        QVERIFY2(texts.contains(QStringLiteral("Rhowch eich cerdyn clyfar i mewn")), qPrintable(texts.join(u'|')));
        QVERIFY(texts.contains(QStringLiteral("Gweithfan WARD7-PC03")));
        QVERIFY(!texts.contains(QStringLiteral("Insert your smartcard")));
        QVERIFY(ShellBed::saveScreen(QStringLiteral("lock-cy") + suffix()));
    }

    void highContrastAndScaling()
    {
        Shell::installTranslations(*qApp, QStringLiteral("en_GB"));
        Shell::applyStyle(*qApp, true);
        auto workstation = Shell::Workstation::create(config(), m_clock);
        QVERIFY2(workstation.ok(), why(workstation).constData());
        Shell::ShellController shell(**workstation, m_clock);
        Shell::CoverWindow *cover = shell.lockScreen().primaryCover();
        QVERIFY(QTest::qWaitForWindowExposed(cover));
        QTest::qWait(100);
        QVERIFY(ShellBed::saveScreen(QStringLiteral("lock-high-contrast") + suffix()));
        // The cover itself (other tests' windows may be on the shared screen): black, not NHS blue.
        const QImage painted = cover->grab().toImage();
        QCOMPARE(QColor(painted.pixel(5, 5)).name(), QStringLiteral("#000000"));
        // The panel, at whatever scale, is whole on the screen.
        Shell::SignInPanel &panel = shell.signInPanel();
        const QRect onScreen(panel.mapToGlobal(QPoint(0, 0)), panel.size());
        QVERIFY2(cover->geometry().contains(onScreen),
                 qPrintable(QStringLiteral("panel %1,%2 %3x%4 outside the screen")
                                .arg(onScreen.x()).arg(onScreen.y()).arg(onScreen.width()).arg(onScreen.height())));
        // Every control a clinician can reach has a name a screen reader can say.
        for (QWidget *widget : panel.findChildren<QWidget *>()) {
            const bool control = qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractButton *>(widget)
                                 || qobject_cast<QListWidget *>(widget);
            if (!control)
                continue;
            const QString name = widget->accessibleName().isEmpty()
                                     ? (qobject_cast<QAbstractButton *>(widget) ? qobject_cast<QAbstractButton *>(widget)->text() : QString())
                                     : widget->accessibleName();
            QVERIFY2(!name.isEmpty(), qPrintable(widget->objectName()));
        }
    }
};

QTEST_MAIN(TestShellLook)
#include "tst_shelllook.moc"
