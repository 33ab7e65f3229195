// One screen's cover while the workstation is locked: frameless, above every other window,
// filling its screen, showing nothing of whoever was signed in. The primary screen's cover holds
// the sign-in panel; the others are plain.
#pragma once

#include <QPointer>
#include <QScreen>
#include <QWidget>


namespace Lanyard::Shell {

class CoverWindow : public QWidget
{
    Q_OBJECT
public:
    explicit CoverWindow(QScreen *screen);
    QScreen *coveredScreen() const { return m_screen; }
    void cover();                       // to the screen's full geometry, raised
    void setContent(QWidget *content);  // centred; taken from the cover it was on

private:
    QPointer<QScreen> m_screen;
};

} // namespace Lanyard::Shell
