#include "shellcontroller.h"

#include "desktoplock.h"
#include "globalhotkey.h"
#include "idlenotice.h"
#include "launcher/enroldialog.h"
#include "launcher/launcherwindow.h"
#include "launcher/roleswitchdialog.h"
#include "patientbanner.h"
#include "shellstyle.h"
#include "lock/coverwindow.h"
#include "lock/lockscreen.h"
#include "lock/rolepage.h"
#include "lock/signinpanel.h"
#include "usermenu.h"
#include "workstation.h"

#include <lanyard/pluginhost/pluginerror.h>
#include <lanyard/sso/clock.h>
#include <sessionapplications.h>

#include <QApplication>
#include <QEvent>
#include <QGuiApplication>
#include <QScreen>
#include <QSystemTrayIcon>
#include <QMenu>
#include <QPointer>

namespace Lanyard::Shell {

using State = Sso::Session::State;

namespace {
// Posted to the controller once the lock screen has been painted: what the lock screen does not
// need happens then, not on the way to its first paint (ShellController::event).
const QEvent::Type AfterFirstPaint = static_cast<QEvent::Type>(QEvent::registerEventType());
} // namespace

class ShellController::Private
{
public:
    Private(ShellController *shell, Workstation &w, const Sso::Clock &c)
        : q(shell), workstation(w), session(w.session()), clock(c),
          panelOwner(std::make_unique<SignInPanel>(w.config().ui.workstationName)),
          panel(panelOwner.get()),
          lock(std::make_unique<LockScreen>(panel, w.config().ui.grabInput)),
          hotkey(std::make_unique<GlobalHotkey>(w.config().ui.lockHotkey))
    {
    }

    // The windows of a session (user menu, launcher, idle notice, patient banner, tray) are not
    // needed before anyone signs in, so they are built after the lock screen's first paint (or
    // whenever something needs them first), not on the way to it: building them took about 12 ms
    // of the 30 or so by which the shell's cold start exceeded the minimal Qt program's
    // (bench/shell/README.md). Idempotent.
    void ensureSessionWindows()
    {
        if (launcher)
            return;
        menu = std::make_unique<UserMenu>(session, workstation.config().ui.lockHotkey);
        launcher = std::make_unique<LauncherWindow>(menu.get());
        idle = std::make_unique<IdleNotice>(clock);
        banner = std::make_unique<PatientBanner>(workstation.patients(), workstation.pds(),
                                                 &workstation.hub());
        banner->setSignedIn(false);
        if (session.state() != State::Active)
            banner->setSessionLocked(true); // as render() leaves it while nobody is active
        Workstation &w = workstation;
        banner->setApplicationName([&w](const QString &id) {
            const QString name = w.plugins().plugin(id).manifest.name;
            return name.isEmpty() ? id : name;
        });
        QObject::connect(idle.get(), &IdleNotice::staySignedIn, q, [this] {
            lastActivityNoted = {};
            noteActivity();
        });
        QObject::connect(menu.get(), &UserMenu::switchRoleRequested, q, [this] { switchRole(); });
        QObject::connect(launcher.get(), &LauncherWindow::launchRequested, q,
                         [this](const QString &id) { launch(id); });
        if (pluginsStarted)
            refreshTiles(); // what PluginHost::started would have shown
        if (QSystemTrayIcon::isSystemTrayAvailable()) {
            tray = new QSystemTrayIcon(lanyardIcon(), q);
            tray->setContextMenu(menu.get());
            QObject::connect(tray, &QSystemTrayIcon::activated, q, [this] {
                launcher->show();
                launcher->raise();
                launcher->activateWindow();
            });
        }
    }

    ShellController *q;
    Workstation &workstation;
    Sso::Session &session;
    const Sso::Clock &clock;
    std::unique_ptr<SignInPanel> panelOwner; // shown on whichever cover is primary
    SignInPanel *panel;
    std::unique_ptr<LockScreen> lock;
    std::unique_ptr<GlobalHotkey> hotkey;
    // Built by ensureSessionWindows(); null until then.
    std::unique_ptr<UserMenu> menu;
    std::unique_ptr<LauncherWindow> launcher;
    std::unique_ptr<IdleNotice> idle;
    std::unique_ptr<PatientBanner> banner;
    QSystemTrayIcon *tray = nullptr; // where the desktop has a tray: the user menu there too
    QDateTime lastActivityNoted;
    bool launcherPlaced = false;
    bool firstPaintSeen = false;
    bool pluginsStarted = false; // PluginHost::started has come

    void render()
    {
        const State state = session.state();
        if (state == State::Active) {
            ensureSessionWindows();
            idle->stop();
            lock->release();
            banner->setSignedIn(true);
            banner->setSessionLocked(false);
            if (!launcherPlaced) {
                QRect area = QGuiApplication::primaryScreen()->availableGeometry();
                if (banner->isVisible()) // its space is reserved; without a window manager too
                    area.setTop(qMax(area.top(), banner->geometry().bottom() + 1));
                launcher->place(area);
                launcherPlaced = true;
            }
            if (tray) {
                tray->setToolTip(ShellController::tr("Lanyard: %1 is signed in").arg(session.user().name));
                tray->show();
            }
            launcher->show();
            launcher->raise();
            launcher->activateWindow();
            return;
        }
        // Locked or signing in: hide everything of the session first, then cover the screens.
        if (launcher) { // not yet built: nothing of a session to hide
            idle->stop();
            launcher->hide();
            banner->setSessionLocked(true);
            if (tray)
                tray->hide(); // nothing of the clinician while locked
        }
        switch (state) {
        case State::Locked:
            panel->showInsertCard(session.lastMessage(), session.hasSession());
            break;
        case State::CardPresent:
            panel->showWorking(ShellController::tr("Reading your card…"));
            break;
        case State::AwaitingPasscode:
            panel->showPasscode(session.cardHolderName(), session.isUnlocking());
            if (!session.lastMessage().isEmpty())
                panel->showPasscodeRejected(session.lastMessage());
            break;
        case State::Authenticating:
            panel->showWorking(ShellController::tr("Signing you in…"));
            break;
        case State::ChoosingRole:
            break; // rolesOffered shows the roles
        case State::Active:
            break;
        }
        lock->engage();
    }

    void showClinician()
    {
        ensureSessionWindows();
        const Sso::User user = session.user();
        launcher->setClinician(user.name, roleLine(session.role()));
        menu->update();
    }

    void refreshTiles()
    {
        if (!launcher)
            return; // built later, with the tiles of the moment (ensureSessionWindows)
        QList<LauncherWindow::Application> applications;
        for (const Plugins::PluginEntry &entry : workstation.plugins().plugins()) {
            QString refusal = entry.reason;
            if (refusal.isEmpty() && entry.state != Plugins::PluginState::Available)
                refusal = ShellController::tr("This application is not available on this workstation.");
            applications << LauncherWindow::Application{entry.manifest.id, entry.manifest.name,
                                                        refusal};
        }
        launcher->setApplications(applications);
    }

    void launch(const QString &id)
    {
        ensureSessionWindows();
        AppTile *tile = launcher->tile(id);
        if (!tile || !tile->canLaunch())
            return;
        tile->setState(AppTile::State::Starting);
        QPointer<AppTile> guard(tile);
        workstation.applications().launch(id, [this, id, guard](Result<Plugin::LaunchedApp> launched) {
            if (!guard)
                return; // the tiles were rebuilt meanwhile
            if (launched) {
                guard->setState(launched->signedIn ? AppTile::State::SignedIn : AppTile::State::Running);
            } else if (launched.error().is(Plugins::PluginError::NeedsEnrolment)) {
                guard->setState(AppTile::State::NeedsEnrolment, launched.error().message);
                enrol(id, guard->name());
            } else {
                guard->setState(AppTile::State::Failed, launched.error().message);
            }
        });
    }

    void enrol(const QString &id, const QString &name)
    {
        EnrolDialog dialog(name, launcher.get());
        QObject::connect(&session, &Sso::Session::stateChanged, &dialog, [&dialog](State state) {
            if (state != State::Active)
                dialog.reject(); // locked or ended: never leave the form open
        });
        while (dialog.exec() == QDialog::Accepted) {
            const auto stored = workstation.applications().enrol(id, dialog.username(),
                                                                 dialog.takePassword());
            if (stored) {
                launch(id);
                return;
            }
            dialog.showProblem(stored.error().message);
        }
    }

    void switchRole()
    {
        ensureSessionWindows();
        RoleSwitchDialog dialog(session.user().roles, session.role(),
                                int(workstation.applications().launchedApplications().size()),
                                launcher.get());
        QObject::connect(&session, &Sso::Session::stateChanged, &dialog, [&dialog](State state) {
            if (state != State::Active)
                dialog.reject();
        });
        if (dialog.exec() != QDialog::Accepted || dialog.chosenRoleId().isEmpty())
            return;
        launcher->showNotice(ShellController::tr("Switching role…"));
        session.switchRole(dialog.chosenRoleId());
    }

    void noteActivity()
    {
        if (session.state() != State::Active)
            return;
        const QDateTime now = clock.now();
        if (lastActivityNoted.isValid() && lastActivityNoted.msecsTo(now) < 1000)
            return; // once a second is plenty for a ten-minute timeout
        lastActivityNoted = now;
        session.noteActivity();
    }
};

ShellController::ShellController(Workstation &workstation, const Sso::Clock &clock, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, workstation, clock))
{
    Sso::Session &session = workstation.session();
    d->panel->onPasscode([&session](Smartcard::Passcode passcode) {
        session.submitPasscode(std::move(passcode));
    });
    connect(d->panel, &SignInPanel::roleChosen, &session, &Sso::Session::chooseRole);
    connect(&session, &Sso::Session::stateChanged, this, [this] { d->render(); });
    connect(&session, &Sso::Session::signInFailed, this, [this] { d->render(); });
    connect(&session, &Sso::Session::passcodeRejected, this, [this] { d->render(); });
    connect(&session, &Sso::Session::rolesOffered, this,
            [this](const QList<Sso::Role> &roles) { d->panel->showRoles(roles); });
    connect(&session, &Sso::Session::sessionStarted, this, [this] {
        d->ensureSessionWindows();
        d->refreshTiles();
        d->showClinician();
    });
    connect(&session, &Sso::Session::sessionUnlocked, this, [this] { d->showClinician(); });
    connect(&session, &Sso::Session::sessionEnded, this, [this] {
        d->ensureSessionWindows();
        d->banner->setSignedIn(false);
        d->refreshTiles();
        d->launcher->setClinician({}, {});
    });
    connect(&session, &Sso::Session::idleWarningStarted, this,
            [this](const QDateTime &lockAt) {
                d->ensureSessionWindows();
                d->idle->start(lockAt);
            });
    connect(&session, &Sso::Session::idleWarningCancelled, this, [this] {
        if (d->idle)
            d->idle->stop();
    });
    connect(&session, &Sso::Session::roleSwitched, this, [this] {
        d->showClinician();
        d->launcher->showNotice({});
    });
    connect(&session, &Sso::Session::roleSwitchFailed, this, [this](const QString &message) {
        d->ensureSessionWindows();
        d->launcher->showNotice(tr("Your role was not changed: %1").arg(message));
    });
    connect(&workstation.applications(), &Plugins::SessionApplications::relaunching, this,
            [this](const QStringList &ids) {
                d->ensureSessionWindows();
                for (const QString &id : ids)
                    if (AppTile *tile = d->launcher->tile(id))
                        tile->setState(AppTile::State::Starting);
            });
    connect(&workstation.applications(), &Plugins::SessionApplications::relaunched, this,
            [this](const QString &id, const QString &problem, bool signedIn) {
                d->ensureSessionWindows();
                AppTile *tile = d->launcher->tile(id);
                if (!tile)
                    return;
                if (!problem.isEmpty())
                    tile->setState(AppTile::State::Failed, problem);
                else
                    tile->setState(signedIn ? AppTile::State::SignedIn : AppTile::State::Running);
            });
    connect(&workstation.plugins(), &Plugins::PluginHost::started, this, [this] {
        d->pluginsStarted = true;
        d->refreshTiles();
    });
    connect(&workstation.plugins(), &Plugins::PluginHost::pluginStateChanged, this,
            [this](const QString &id) {
                const Plugins::PluginEntry entry = d->workstation.plugins().plugin(id);
                if (!d->launcher)
                    return; // its tile is made with the entry's reason when the launcher is built
                if (AppTile *tile = d->launcher->tile(id); tile && !entry.reason.isEmpty())
                    tile->setState(AppTile::State::Failed, entry.reason);
            });
    connect(d->hotkey.get(), &GlobalHotkey::activated, &session, &Sso::Session::lockNow);
    if (workstation.config().ui.mode == ShellSettings::Mode::PersonalDesktop) {
        auto *desktop = new DesktopLock(QDBusConnection::systemBus(), this);
        connect(&session, &Sso::Session::sessionLocked, desktop, &DesktopLock::lockDesktop);
    }
    qApp->installEventFilter(this);
    d->render();
}

ShellController::~ShellController()
{
    qApp->removeEventFilter(this);
}

bool ShellController::eventFilter(QObject *watched, QEvent *event)
{
    // The lock screen's first paint (flushed to the screen in the same pass): the session's
    // windows, the icon, the hub and the plugins come after it (event() below), by an event of
    // low priority, so behind whatever that paint queued (bench/shell's first-paint stamp among
    // it).
    if (event->type() == QEvent::Paint && !d->firstPaintSeen && watched == d->lock->primaryCover()) {
        d->firstPaintSeen = true;
        QCoreApplication::postEvent(this, new QEvent(AfterFirstPaint), Qt::LowEventPriority);
    }
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
        d->noteActivity();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

bool ShellController::event(QEvent *event)
{
    if (event->type() == AfterFirstPaint) {
        // Each of these cost milliseconds of the shell's cold start (bench/README.md): the
        // session's windows, the icon (Qt's SVG plugin), the hub's HTTP side and the plugins.
        d->ensureSessionWindows();
        QApplication::setWindowIcon(lanyardIcon());
        if (const auto started = d->workstation.startServices(); !started)
            emit startFailed(started.error().message);
        return true;
    }
    return QObject::event(event);
}

LockScreen &ShellController::lockScreen() const { return *d->lock; }
bool ShellController::hasSessionWindows() const { return d->launcher != nullptr; }
SignInPanel &ShellController::signInPanel() const { return *d->panel; }
LauncherWindow &ShellController::launcher() const
{
    d->ensureSessionWindows();
    return *d->launcher;
}
IdleNotice &ShellController::idleNotice() const
{
    d->ensureSessionWindows();
    return *d->idle;
}
QMenu &ShellController::userMenu() const
{
    d->ensureSessionWindows();
    return *d->menu;
}
PatientBanner &ShellController::banner() const
{
    d->ensureSessionWindows();
    return *d->banner;
}

} // namespace Lanyard::Shell
