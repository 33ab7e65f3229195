#include "x11strut.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWindow>

#if defined(LANYARD_HAVE_XCB) && QT_CONFIG(xcb)
#include <xcb/xcb.h>

#include <array>
#include <cmath>
#include <cstdlib>
#endif

namespace Lanyard::Shell::X11 {

#if defined(LANYARD_HAVE_XCB) && QT_CONFIG(xcb)

namespace {

xcb_connection_t *connection()
{
    auto *x11 = qGuiApp ? qGuiApp->nativeInterface<QNativeInterface::QX11Application>() : nullptr;
    return x11 ? x11->connection() : nullptr;
}

xcb_atom_t atom(xcb_connection_t *c, const char *name)
{
    const xcb_intern_atom_cookie_t cookie
        = xcb_intern_atom(c, 0, static_cast<uint16_t>(qstrlen(name)), name);
    xcb_intern_atom_reply_t *reply = xcb_intern_atom_reply(c, cookie, nullptr);
    if (!reply)
        return XCB_ATOM_NONE;
    const xcb_atom_t result = reply->atom;
    std::free(reply);
    return result;
}

// Logical pixels on the window's screen to the X root window's device pixels.
int device(qreal logical, qreal ratio)
{
    return static_cast<int>(std::lround(logical * ratio));
}

} // namespace

bool isAvailable()
{
    return connection() != nullptr;
}

void markAsDock(QWindow *window)
{
    xcb_connection_t *c = connection();
    if (!c || !window)
        return;
    const xcb_atom_t type = atom(c, "_NET_WM_WINDOW_TYPE");
    const xcb_atom_t dock = atom(c, "_NET_WM_WINDOW_TYPE_DOCK");
    if (type == XCB_ATOM_NONE || dock == XCB_ATOM_NONE)
        return;
    xcb_change_property(c, XCB_PROP_MODE_REPLACE, static_cast<xcb_window_t>(window->winId()),
                        type, XCB_ATOM_ATOM, 32, 1, &dock);
    xcb_flush(c);
}

void reserveTop(QWindow *window, int height)
{
    xcb_connection_t *c = connection();
    if (!c || !window || !window->screen())
        return;
    const auto id = static_cast<xcb_window_t>(window->winId());
    const xcb_atom_t partial = atom(c, "_NET_WM_STRUT_PARTIAL");
    const xcb_atom_t strut = atom(c, "_NET_WM_STRUT");
    if (height <= 0) {
        xcb_delete_property(c, id, partial);
        xcb_delete_property(c, id, strut);
        xcb_flush(c);
        return;
    }
    // Qt 6 keeps a screen's native origin and scales its size: the band runs from the origin
    // for width x ratio device pixels, and ends height x ratio below the origin.
    const QRect screen = window->screen()->geometry();
    const qreal ratio = window->screen()->devicePixelRatio();
    // left, right, top, bottom, left_start_y, left_end_y, right_start_y, right_end_y,
    // top_start_x, top_end_x, bottom_start_x, bottom_end_x (EWMH 1.5).
    std::array<uint32_t, 12> values{};
    values[2] = static_cast<uint32_t>(screen.y() + device(height, ratio));
    values[8] = static_cast<uint32_t>(screen.x());
    values[9] = static_cast<uint32_t>(screen.x() + device(screen.width(), ratio) - 1);
    xcb_change_property(c, XCB_PROP_MODE_REPLACE, id, partial, XCB_ATOM_CARDINAL, 32, 12,
                        values.data());
    xcb_change_property(c, XCB_PROP_MODE_REPLACE, id, strut, XCB_ATOM_CARDINAL, 32, 4,
                        values.data());
    xcb_flush(c);
}

#else

bool isAvailable()
{
    return false;
}

void markAsDock(QWindow *)
{ }

void reserveTop(QWindow *, int)
{ }

#endif

} // namespace Lanyard::Shell::X11
