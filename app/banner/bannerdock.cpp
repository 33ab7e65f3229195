#include "bannerdock.h"

#include "x11strut.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>
#include <QWindow>

namespace Lanyard::Shell {

BannerDock::BannerDock(QWidget *window)
    : QObject(window), m_window(window)
{
    connect(qGuiApp, &QGuiApplication::primaryScreenChanged, this, [this](QScreen *screen) {
        follow(screen);
        dock();
    });
    follow(QGuiApplication::primaryScreen());
}

void BannerDock::follow(QScreen *screen)
{
    disconnect(m_geometryConnection);
    m_screen = screen;
    if (screen)
        // Not availableGeometry: that shrinks by the band this dock itself reserves.
        m_geometryConnection = connect(screen, &QScreen::geometryChanged, this, [this] { dock(); });
}

int BannerDock::neededHeight(int width) const
{
    const int height = m_window->hasHeightForWidth() ? m_window->heightForWidth(width)
                                                     : m_window->sizeHint().height();
    return qMax(height, m_window->minimumSizeHint().height());
}

void BannerDock::dock()
{
    if (!m_screen)
        return;
    const QRect screen = m_screen->geometry();
    if (QWindow *handle = m_window->windowHandle(); handle && handle->screen() != m_screen)
        handle->setScreen(m_screen);
    const QRect band(screen.topLeft(), QSize(screen.width(), neededHeight(screen.width())));
    if (band != m_window->geometry())
        m_window->setGeometry(band);
    if (m_window->windowHandle() && m_reserved != band) {
        X11::reserveTop(m_window->windowHandle(), band.height());
        m_reserved = band;
    }
}

void BannerDock::prepareToShow()
{
    m_window->winId(); // the native window, so its type is set before it is mapped
    X11::markAsDock(m_window->windowHandle());
    m_reserved = QRect();
    dock();
}

} // namespace Lanyard::Shell
