// Reads a window's X11 properties back from the X server, as a window manager would see them:
// the banner test checks the dock type and the reserved band with these.
#pragma once

#include <QList>
#include <QStringList>

class QWidget;

namespace Lanyard::Tests::BannerX11 {

// The CARDINAL values of property `name` on `window`'s native window; empty if it is not set.
QList<quint32> cardinals(const QWidget *window, const char *name);
// The ATOM values of property `name`, as atom names.
QStringList atomNames(const QWidget *window, const char *name);
// XCB_MAP_STATE_VIEWABLE, as the X server says now.
bool isViewable(const QWidget *window);

} // namespace Lanyard::Tests::BannerX11
