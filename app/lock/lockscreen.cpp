#include "lock/lockscreen.h"

#include "lock/coverwindow.h"
#include "lock/signinpanel.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWindow>
#include <QTimer>

namespace Lanyard::Shell {

LockScreen::LockScreen(SignInPanel *panel, bool grabInput, QObject *parent)
    : QObject(parent), m_panel(panel), m_grabInput(grabInput)
{
    for (QScreen *screen : QGuiApplication::screens())
        addCover(screen);
    connect(qApp, &QGuiApplication::screenAdded, this, &LockScreen::addCover);
    connect(qApp, &QGuiApplication::screenRemoved, this, &LockScreen::removeCover);
    connect(qApp, &QGuiApplication::primaryScreenChanged, this, &LockScreen::placePanel);
    placePanel();
}

LockScreen::~LockScreen()
{
    m_panel->setParent(nullptr); // the shell owns the panel
    qDeleteAll(m_covers);
}

void LockScreen::addCover(QScreen *screen)
{
    auto *cover = new CoverWindow(screen);
    m_covers << cover;
    if (m_engaged) {
        cover->cover(); // a screen plugged in while locked is covered at once
        grab();
    }
}

void LockScreen::removeCover(QScreen *screen)
{
    for (CoverWindow *cover : std::as_const(m_covers)) {
        if (cover->coveredScreen() == screen) {
            m_covers.removeOne(cover);
            if (m_panel->parentWidget() == cover)
                m_panel->setParent(nullptr);
            cover->deleteLater();
            break;
        }
    }
    placePanel();
}

CoverWindow *LockScreen::primaryCover() const
{
    for (CoverWindow *cover : m_covers)
        if (cover->coveredScreen() == QGuiApplication::primaryScreen())
            return cover;
    return m_covers.isEmpty() ? nullptr : m_covers.first();
}

void LockScreen::placePanel()
{
    CoverWindow *primary = primaryCover();
    if (!primary || m_panel->parentWidget() == primary)
        return;
    primary->setContent(m_panel);
    if (m_engaged)
        grab();
}

void LockScreen::engage()
{
    m_engaged = true;
    for (CoverWindow *cover : std::as_const(m_covers))
        cover->cover();
    grab();
    // The window system maps the covers asynchronously; grab again once they are up.
    QTimer::singleShot(0, this, [this] {
        if (m_engaged)
            grab();
    });
}

void LockScreen::grab()
{
    CoverWindow *primary = primaryCover();
    if (!primary)
        return;
    primary->activateWindow();
    m_panel->focusDefault();
    // The X server's grab for the cover's window: every key and click comes to it, and Qt hands
    // keys on to the focused field within it (QWidget::grabKeyboard would keep them at the cover).
    if (m_grabInput && primary->windowHandle()) {
        m_holding = primary->windowHandle()->setKeyboardGrabEnabled(true)
                    && primary->windowHandle()->setMouseGrabEnabled(true);
        // The server refuses a grab until the window is viewable: try again shortly, only
        // while the lock is up and not yet holding.
        if (!m_holding && m_engaged)
            QTimer::singleShot(50, this, [this] {
                if (m_engaged && !m_holding)
                    grab();
            });
    }
}

bool LockScreen::holdsInput() const
{
    CoverWindow *primary = primaryCover();
    return m_engaged && primary && m_holding;
}

void LockScreen::release()
{
    if (!m_engaged)
        return;
    m_engaged = false;
    if (CoverWindow *primary = primaryCover()) {
        if (primary->windowHandle()) {
            primary->windowHandle()->setKeyboardGrabEnabled(false);
            primary->windowHandle()->setMouseGrabEnabled(false);
        }
        m_holding = false;
    }
    for (CoverWindow *cover : std::as_const(m_covers))
        cover->hide();
}

} // namespace Lanyard::Shell
