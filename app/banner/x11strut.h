// The X11 side of docking: marks a top-level window as a dock (_NET_WM_WINDOW_TYPE_DOCK) and
// reserves a band at the top of the screen for it (_NET_WM_STRUT_PARTIAL and the older
// _NET_WM_STRUT), so maximised windows start below the banner. A no-op when the application is
// not on X11 (Wayland, offscreen) or was built without xcb.
#pragma once

class QWindow;

namespace Lanyard::Shell::X11 {

// True when the application runs on X11 and these calls do something.
bool isAvailable();

// Sets _NET_WM_WINDOW_TYPE to DOCK. Call after the native window exists and before it is mapped:
// window managers read the type when a window is mapped.
void markAsDock(QWindow *window);

// Reserves a band `height` logical pixels high across the full width of the window's screen, at
// its top, in the X root window's device pixels. 0 clears the reservation.
void reserveTop(QWindow *window, int height);

} // namespace Lanyard::Shell::X11
