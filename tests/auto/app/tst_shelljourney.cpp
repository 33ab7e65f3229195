// A clinician's whole journey through the real shell, under the bed's Xvfb with the bed's card,
// IdP and PDS server: the lock screen, card in, a wrong passcode, the right one, the role choice,
// the launcher, the demo EPR opened signed in, a patient it follows, card out (the lock screen
// shows nothing of her or the patient), card back, passcode, the session resumed; the idle
// countdown; sign-out. Each screen is saved as a PNG artefact with its text asserted.
#include "shellbed.h"

#include "bedcontrol.h"
#include "ssobed.h"

#include <idlenotice.h>
#include <patientbanner.h>
#include <launcher/launcherwindow.h>
#include <lock/coverwindow.h>
#include <lock/lockscreen.h>
#include <lock/signinpanel.h>
#include <shellcontroller.h>
#include <shellstyle.h>
#include <workstation.h>

#include <lanyard/context/nhsnumber.h>
#include <lanyard/sso/clock.h>

#include <QApplication>
#include <QDialog>
#include <QTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QScreen>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/Xatom.h>
#include <X11/keysym.h>

using namespace Lanyard;
using namespace Lanyard::Tests;
using State = Sso::Session::State;

class TestShellJourney : public QObject
{
    Q_OBJECT

    QTemporaryDir m_scratch;

    static QWidget *currentPage(Shell::ShellController &shell)
    {
        return shell.signInPanel().findChild<QStackedWidget *>()->currentWidget();
    }
    template<typename T>
    static T *find(QWidget *root, const char *name)
    {
        return root->findChild<T *>(QString::fromLatin1(name));
    }
    // Answers the next modal dialog with this object name (exec() blocks the test's own flow).
    static void answerDialog(const char *name, std::function<void(QDialog *)> answer)
    {
        auto *poll = new QTimer(qApp);
        QObject::connect(poll, &QTimer::timeout, poll, [poll, name, answer] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog || dialog->objectName() != QLatin1String(name))
                return;
            poll->deleteLater();
            poll->stop();
            answer(dialog);
        });
        poll->start(50);
    }
    // Digits and Enter ('\n') through the X server (XTest), to whatever holds the keyboard.
    static void typeThroughX(const char *text)
    {
        Display *display = qApp->nativeInterface<QNativeInterface::QX11Application>()->display();
        for (const char *c = text; *c; ++c) {
            const KeySym symbol = *c == '\n' ? XK_Return : KeySym(XK_0 + (*c - '0'));
            const KeyCode key = XKeysymToKeycode(display, symbol);
            XTestFakeKeyEvent(display, key, True, 0);
            XTestFakeKeyEvent(display, key, False, 0);
        }
        XFlush(display);
    }

    // Ctrl+Alt+L through the X server (XTest), as a keyboard would send it to whatever has focus.
    static void pressCtrlAltL()
    {
        Display *display = qApp->nativeInterface<QNativeInterface::QX11Application>()->display();
        const KeyCode keys[] = {XKeysymToKeycode(display, XK_Control_L), XKeysymToKeycode(display, XK_Alt_L),
                                XKeysymToKeycode(display, XK_l)};
        for (KeyCode key : keys)
            XTestFakeKeyEvent(display, key, True, 0);
        for (int i = 2; i >= 0; --i)
            XTestFakeKeyEvent(display, keys[i], False, 0);
        XFlush(display);
    }
    // Gives the keyboard to a top-level window of another process (_NET_WM_PID), as a click would.
    static bool focusWindowOf(qint64 pid)
    {
        Display *display = qApp->nativeInterface<QNativeInterface::QX11Application>()->display();
        const Atom pidAtom = XInternAtom(display, "_NET_WM_PID", False);
        Window root = 0, parent = 0, *children = nullptr;
        unsigned int count = 0;
        if (!XQueryTree(display, DefaultRootWindow(display), &root, &parent, &children, &count))
            return false;
        bool found = false;
        for (unsigned int i = 0; i < count && !found; ++i) {
            Atom type = 0;
            int format = 0;
            unsigned long items = 0, after = 0;
            unsigned char *data = nullptr;
            XWindowAttributes attributes;
            if (XGetWindowProperty(display, children[i], pidAtom, 0, 1, False, XA_CARDINAL, &type,
                                   &format, &items, &after, &data) == Success && data && items == 1
                && *reinterpret_cast<unsigned long *>(data) == static_cast<unsigned long>(pid)
                && XGetWindowAttributes(display, children[i], &attributes)
                && attributes.map_state == IsViewable) {
                XRaiseWindow(display, children[i]);
                XSetInputFocus(display, children[i], RevertToParent, CurrentTime);
                found = true;
            }
            if (data)
                XFree(data);
        }
        if (children)
            XFree(children);
        XFlush(display);
        return found;
    }
    static bool h_auditHas(Shell::Workstation &workstation, const QString &text)
    {
        QFile audit(workstation.config().session.audit.path);
        return audit.open(QIODevice::ReadOnly) && audit.readAll().contains(text.toUtf8());
    }
    static bool anyContains(const QStringList &texts, const QString &needle)
    {
        for (const QString &text : texts)
            if (!needle.isEmpty() && text.contains(needle, Qt::CaseInsensitive))
                return true;
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(SsoBed::begin(QStringLiteral("app-journey.log")),
                 "run through ctest: this test needs the bed");
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
        Shell::installTranslations(*qApp, QStringLiteral("en_GB"));
        Shell::applyStyle(*qApp, false);
    }

    void cleanupTestCase()
    {
        BedControl::removeCard(0);
        const QStringList leaks = SecretWatch::leaks(m_scratch.path());
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }

    void aClinicianSDay()
    {
        Sso::ManualClock clock(QDateTime::currentDateTimeUtc());
        auto created = Shell::Workstation::create(ShellBed::config(m_scratch.path()), clock);
        QVERIFY2(created.ok(), why(created).constData());
        Shell::Workstation &workstation = **created;
        Shell::ShellController shell(workstation, clock);
        const auto started = workstation.start();
        QVERIFY2(started.ok(), why(started).constData());
        Shell::LockScreen &lock = shell.lockScreen();
        Shell::SignInPanel &panel = shell.signInPanel();
        Shell::LauncherWindow &launcher = shell.launcher();
        const QString demo = ShellBed::demoEprReport(m_scratch.path());
        const QString legacy = ShellBed::legacyReport(m_scratch.path());

        // Locked, every screen covered, input held, nothing but the workstation and the ask.
        QVERIFY(lock.isEngaged());
        QCOMPARE(lock.covers().size(), QGuiApplication::screens().size());
        QVERIFY(QTest::qWaitForWindowExposed(lock.primaryCover()));
        QTRY_VERIFY(lock.holdsInput());
        QCOMPARE(lock.primaryCover()->geometry(), QGuiApplication::primaryScreen()->geometry());
        QStringList texts = ShellBed::visibleTexts();
        QVERIFY2(texts.contains(QStringLiteral("Insert your smartcard")), qPrintable(texts.join(u'|')));
        QVERIFY(texts.contains(QStringLiteral("Workstation WARD7-PC03")));
        QVERIFY(!launcher.isVisible());
        QVERIFY(ShellBed::saveScreen(QStringLiteral("lock")));

        // Card in: the passcode, by keyboard alone.
        QVERIFY(BedControl::insertCard(QStringLiteral("alice"), 0));
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(shell)->objectName(), QStringLiteral("passcodePage"), 15000);
        auto *field = find<QLineEdit>(&panel, "passcodeField");
        QTRY_VERIFY(field->hasFocus());
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        texts = ShellBed::visibleTexts();
        QVERIFY2(anyContains(texts, QStringLiteral("Alice")), qPrintable(texts.join(u'|')));
        QVERIFY(ShellBed::saveScreen(QStringLiteral("passcode")));

        QTest::keyClicks(field, QStringLiteral("12ab34")); // letters are refused as typed
        QCOMPARE(field->text(), QStringLiteral("1234"));
        QVERIFY(!find<QPushButton>(&panel, "passcodeSubmit")->isEnabled());
        field->clear();
        SecretWatch::rememberPasscode("999999");
        QTest::keyClicks(field, QStringLiteral("999999"));
        QTest::keyClick(field, Qt::Key_Return);
        auto *message = find<QLabel>(&panel, "passcodeMessage");
        QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), 15000);
        QVERIFY2(message->text().contains(QStringLiteral("incorrect")), qPrintable(message->text()));
        QVERIFY2(message->text().contains(QStringLiteral("card locks")), qPrintable(message->text()));
        QVERIFY(field->text().isEmpty());
        QVERIFY(ShellBed::saveScreen(QStringLiteral("passcode-wrong")));

        SecretWatch::rememberPasscode("123456");
        QTest::keyClicks(field, QStringLiteral("123456"));
        QTest::keyClick(field, Qt::Key_Return);

        // Three roles: name and organisation each; arrows and Enter.
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(shell)->objectName(), QStringLiteral("rolePage"), 20000);
        auto *roles = find<QListWidget>(&panel, "roleList");
        QCOMPARE(roles->count(), 3);
        QVERIFY2(roles->item(0)->text().contains(QStringLiteral("(RGT)")), qPrintable(roles->item(0)->text()));
        QTRY_VERIFY(roles->hasFocus());
        QVERIFY(ShellBed::saveScreen(QStringLiteral("roles")));
        const QString chosenRole = roles->item(1)->text().replace(QLatin1Char('\n'), QStringLiteral(" — "));
        QTest::keyClick(roles, Qt::Key_Down);
        QTest::keyClick(roles, Qt::Key_Return);

        // The launcher: who, which role, the demo EPR's tile.
        QTRY_COMPARE_WITH_TIMEOUT(workstation.session().state(), State::Active, 20000);
        QTRY_VERIFY(launcher.isVisible());
        QVERIFY(!lock.isEngaged());
        QVERIFY(!lock.primaryCover()->isVisible());
        QCOMPARE(find<QLabel>(&launcher, "clinicianName")->text(), workstation.session().user().name);
        QCOMPARE(find<QLabel>(&launcher, "clinicianRole")->text(), chosenRole);
        QTRY_VERIFY(launcher.tile(QStringLiteral("demo-epr")));
        Shell::AppTile *tile = launcher.tile(QStringLiteral("demo-epr"));
        QCOMPARE(tile->state(), Shell::AppTile::State::NotStarted);
        QVERIFY(ShellBed::saveScreen(QStringLiteral("launcher")));

        // Type-to-filter, then open it with its shortcut.
        launcher.activateWindow();
        QTest::keyClicks(&launcher, QStringLiteral("xray"));
        QCOMPARE(launcher.filterField()->text(), QStringLiteral("xray"));
        QVERIFY(launcher.shownTiles().isEmpty());
        QVERIFY(find<QLabel>(&launcher, "noApplications")->isVisible());
        launcher.filterField()->clear();
        QTest::keyClicks(&launcher, QStringLiteral("demo"));
        QCOMPARE(launcher.shownTiles().size(), 1);
        QTest::keyClick(launcher.filterField(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(tile->state() == Shell::AppTile::State::SignedIn
                                     || tile->state() == Shell::AppTile::State::Running, 20000);
        const QString uid = workstation.session().user().uid;
        QTRY_VERIFY_WITH_TIMEOUT(ShellBed::reported(demo, QStringLiteral("signed-in ") + uid), 20000);

        // No patient yet; then one found by NHS number in the banner: the demo EPR follows.
        Shell::PatientBanner &banner = shell.banner();
        QTRY_VERIFY(banner.isVisible());
        QVERIFY(launcher.geometry().top() > banner.geometry().bottom()); // nothing under the banner
        auto *nhsField = find<QLineEdit>(&banner, "bannerNhsNumberField");
        QVERIFY(nhsField);
        banner.activateWindow();
        nhsField->setFocus();
        QTest::keyClicks(nhsField, QStringLiteral("999 000 0034"));
        QTest::keyClick(nhsField, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(workstation.patients().patient().has_value(), 20000);
        QTRY_VERIFY(anyContains(ShellBed::visibleTexts(), QStringLiteral("999 000 0034")));
        QVERIFY(ShellBed::saveScreen(QStringLiteral("banner")));
        QTRY_VERIFY_WITH_TIMEOUT(ShellBed::reported(demo, QStringLiteral("patient 9990000034")), 20000);
        const QString family = workstation.patients().patient()->family;

        // A legacy application: its username and password asked once, then typed in by autotype.
        SecretWatch::remember(ShellBed::LegacyPassword.toUtf8());
        answerDialog("enrolDialog", [](QDialog *dialog) {
            find<QLineEdit>(dialog, "enrolUsername")->setText(ShellBed::LegacyUser);
            QTest::keyClicks(find<QLineEdit>(dialog, "enrolPassword"), ShellBed::LegacyPassword);
            ShellBed::saveScreen(QStringLiteral("enrol"));
            dialog->accept();
        });
        QTRY_VERIFY(launcher.tile(QStringLiteral("legacy-pas")));
        launcher.tile(QStringLiteral("legacy-pas"))->click();
        const QString typedIn = QStringLiteral("signed-in %1 via=form").arg(ShellBed::LegacyUser);
        QTRY_VERIFY_WITH_TIMEOUT(ShellBed::reported(legacy, typedIn) == 1, 30000);
        QTRY_VERIFY(launcher.tile(QStringLiteral("legacy-pas"))->state() != Shell::AppTile::State::Starting);
        QVERIFY(ShellBed::saveScreen(QStringLiteral("legacy-signed-in")));

        // The web EPR in Lanyard's browser: signed in with the card's IdP session, no key pressed,
        // on the same patient.
        const int webSignIns = ShellBed::webEprReported(QStringLiteral("signed-in"), QStringLiteral("uid"), uid);
        const int webPatients = ShellBed::webEprReported(QStringLiteral("patient-shown"), QStringLiteral("nhsNumber"), QStringLiteral("9990000034"));
        launcher.tile(QStringLiteral("web-epr"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(ShellBed::webEprReported(QStringLiteral("signed-in"), QStringLiteral("uid"), uid) > webSignIns, 40000);
        QTRY_VERIFY_WITH_TIMEOUT(ShellBed::webEprReported(QStringLiteral("patient-shown"), QStringLiteral("nhsNumber"), QStringLiteral("9990000034")) > webPatients, 20000);
        QVERIFY(ShellBed::saveScreen(QStringLiteral("web-epr")));

        // Card out: locked in the same turn, nothing of Alice or the patient on any screen. The
        // covers are up and the session's windows hidden by the time the session says it locked.
        std::optional<bool> hiddenWhenLocked;
        auto watch = connect(&workstation.session(), &Sso::Session::sessionLocked, this, [&] {
            hiddenWhenLocked = lock.isEngaged() && !launcher.isVisible() && !banner.isVisible();
        });
        QVERIFY(BedControl::removeCard(0));
        QTRY_VERIFY_WITH_TIMEOUT(hiddenWhenLocked.has_value(), 5000);
        QVERIFY(*hiddenWhenLocked);
        disconnect(watch);
        QVERIFY(!launcher.isVisible());
        QVERIFY(!banner.isVisible());
        QTRY_VERIFY(lock.holdsInput());
        texts = ShellBed::visibleTexts();
        QVERIFY2(!anyContains(texts, QStringLiteral("Alice")) && !anyContains(texts, QStringLiteral("Carter"))
                     && !anyContains(texts, family) && !anyContains(texts, QStringLiteral("9990000034"))
                     && !anyContains(texts, QStringLiteral("999 000 0034")),
                 qPrintable(texts.join(u'|')));
        QVERIFY(anyContains(texts, QStringLiteral("locked")));
        QVERIFY(ShellBed::saveScreen(QStringLiteral("lock-after-card-out")));
        QTRY_VERIFY_WITH_TIMEOUT(ShellBed::reported(demo, QStringLiteral("hidden")), 10000);

        // Same card back, passcode typed on the keyboard (through the X server, as a clinician
        // types: the lock's grab must bring the keys to the passcode field): the session resumes.
        QVERIFY(BedControl::insertCard(QStringLiteral("alice"), 0));
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(shell)->objectName(), QStringLiteral("passcodePage"), 15000);
        QVERIFY(anyContains(ShellBed::visibleTexts(), QStringLiteral("unlock")));
        QTRY_VERIFY(field->hasFocus());
        QTRY_VERIFY(lock.holdsInput());
        typeThroughX("123456\n");
        QTRY_COMPARE_WITH_TIMEOUT(workstation.session().state(), State::Active, 20000);
        QTRY_VERIFY(launcher.isVisible());
        QCOMPARE(find<QLabel>(&launcher, "clinicianRole")->text(), chosenRole);
        QCOMPARE(tile->state() == Shell::AppTile::State::SignedIn || tile->state() == Shell::AppTile::State::Running, true);
        // The demo EPR shows the patient again (it hid it at the lock).
        QTRY_COMPARE_WITH_TIMEOUT(ShellBed::reported(demo, QStringLiteral("patient 9990000034")), 2, 15000);

        // The lock hot-key, pressed while the demo EPR has the keyboard (so only the X server's
        // grab can bring it to Lanyard): locked at once; the card is still in, so the passcode
        // brings the session back.
        const QList<qint64> eprs = workstation.plugins().launchedProcesses(QStringLiteral("demo-epr"));
        QVERIFY(!eprs.isEmpty());
        QVERIFY(focusWindowOf(eprs.last())); // the clinician is typing in the demo EPR
        QTRY_VERIFY(!QGuiApplication::focusWindow());
        pressCtrlAltL();
        QTRY_VERIFY_WITH_TIMEOUT(lock.isEngaged(), 5000);
        QCOMPARE(workstation.session().state(), State::AwaitingPasscode);
        QVERIFY(!launcher.isVisible() && !banner.isVisible());
        QTRY_VERIFY(field->hasFocus());
        QTest::keyClicks(field, QStringLiteral("123456"));
        QTest::keyClick(field, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(workstation.session().state(), State::Active, 20000);
        QVERIFY(h_auditHas(workstation, QStringLiteral("locked by the user")));

        // Idle: the countdown shows, and "Stay signed in" keeps the session.
        Shell::IdleNotice &idle = shell.idleNotice();
        clock.advance(std::chrono::seconds(575));
        QTRY_VERIFY(idle.isVisible());
        QVERIFY2(idle.text().contains(QStringLiteral("25 seconds")), qPrintable(idle.text()));
        QVERIFY(ShellBed::saveScreen(QStringLiteral("idle-countdown")));
        find<QPushButton>(&idle, "staySignedIn")->click();
        QTRY_VERIFY(!idle.isVisible());
        QCOMPARE(workstation.session().state(), State::Active);

        // Another role: confirmed, then the applications close and open again in it, one by one, the
        // legacy one signed in from the vault with no dialog.
        QString newRole;
        answerDialog("roleSwitchDialog", [&newRole](QDialog *dialog) {
            auto *list = find<QListWidget>(dialog, "roleList");
            list->setCurrentRow(0);
            newRole = list->currentItem()->text().replace(QLatin1Char('\n'), QStringLiteral(" — "));
            ShellBed::saveScreen(QStringLiteral("switch-role"));
            QTest::keyClick(list, Qt::Key_Return);
        });
        QAction *switchRole = shell.userMenu().findChild<QAction *>(QStringLiteral("switchRole"));
        QVERIFY(switchRole && switchRole->isEnabled());
        switchRole->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(find<QLabel>(&launcher, "clinicianRole")->text(), newRole, 20000);
        QVERIFY(newRole != chosenRole);
        const QString newRoleId = workstation.session().role().id;
        for (const char *id : {"demo-epr", "legacy-pas", "web-epr"}) {
            Shell::AppTile *relaunched = launcher.tile(QString::fromLatin1(id));
            QTRY_VERIFY_WITH_TIMEOUT(relaunched->state() == Shell::AppTile::State::Starting, 10000);
        }
        for (const char *id : {"demo-epr", "legacy-pas", "web-epr"}) {
            Shell::AppTile *relaunched = launcher.tile(QString::fromLatin1(id));
            QTRY_VERIFY_WITH_TIMEOUT(relaunched->state() != Shell::AppTile::State::Starting, 60000);
            QVERIFY2(relaunched->state() != Shell::AppTile::State::Failed,
                     qPrintable(QStringLiteral("%1: %2").arg(QString::fromLatin1(id), relaunched->detail())));
        }
        QTRY_VERIFY_WITH_TIMEOUT(ShellBed::reported(demo, QStringLiteral("signed-in %1 %2").arg(uid, newRoleId)), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(ShellBed::reported(legacy, typedIn), 2, 30000);
        QVERIFY(!QApplication::activeModalWidget());

        // Sign out from the user menu: the demo EPR signs out and closes, the lock screen is back.
        QAction *signOut = shell.userMenu().findChild<QAction *>(QStringLiteral("signOut"));
        QVERIFY(signOut);
        signOut->trigger();
        QTRY_VERIFY(lock.isEngaged());
        QTRY_VERIFY_WITH_TIMEOUT(ShellBed::reported(demo, QStringLiteral("logged-out")), 15000);
        QTRY_COMPARE(tile->state(), Shell::AppTile::State::NotStarted);

        // What went wrong last, in words a clinician can act on: a revoked card is refused and
        // the lock screen says so (and still nothing of alice).
        QVERIFY(BedControl::removeCard(0));
        QVERIFY(BedControl::insertCard(QStringLiteral("erin"), 0));
        auto *problem = find<QLabel>(&panel, "problem");
        QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible() && problem->text().contains(QStringLiteral("revoked")), 15000);
        QCOMPARE(currentPage(shell)->objectName(), QStringLiteral("insertCardPage"));
        QVERIFY(!anyContains(ShellBed::visibleTexts(), QStringLiteral("Alice")));
        QVERIFY(ShellBed::saveScreen(QStringLiteral("lock-card-revoked")));
        QVERIFY(BedControl::removeCard(0));
    }
};

QTEST_MAIN(TestShellJourney)
#include "tst_shelljourney.moc"
