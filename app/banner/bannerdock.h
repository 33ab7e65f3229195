// Keeps the banner window docked across the top of the primary screen at its full width, as
// high as its contents need, with that band reserved on X11 (x11strut.h). Re-docks when the
// primary screen changes, when its geometry changes and whenever dock() is called (the banner
// calls it when its contents change height).
#pragma once

#include <QObject>
#include <QPointer>
#include <QRect>

class QScreen;
class QWidget;

namespace Lanyard::Shell {

class BannerDock : public QObject
{
    Q_OBJECT
public:
    explicit BannerDock(QWidget *window);

    void dock();
    // Called before the window is mapped: marks it as a dock and reserves its band.
    void prepareToShow();
    // The height the window needs at `width` (its layout's height for that width).
    int neededHeight(int width) const;

private:
    void follow(QScreen *screen);

    QWidget *m_window;
    QPointer<QScreen> m_screen;
    QMetaObject::Connection m_geometryConnection;
    QRect m_reserved; // the band last reserved on X11; null before the first
};

} // namespace Lanyard::Shell
