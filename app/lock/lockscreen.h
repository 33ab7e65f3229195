// The lock: every screen covered (one plugged in later too), keyboard and pointer held by
// Lanyard so nothing behind can be reached, and the sign-in panel on the primary screen.
#pragma once

#include <QList>
#include <QObject>

class QScreen;

namespace Lanyard::Shell {

class CoverWindow;
class SignInPanel;

class LockScreen : public QObject
{
    Q_OBJECT
public:
    LockScreen(SignInPanel *panel, bool grabInput, QObject *parent = nullptr);
    ~LockScreen() override;

    void engage();   // cover and grab; idempotent
    void release();  // uncover and let go
    bool isEngaged() const { return m_engaged; }
    bool holdsInput() const;
    QList<CoverWindow *> covers() const { return m_covers; }
    CoverWindow *primaryCover() const;

private:
    void addCover(QScreen *screen);
    void removeCover(QScreen *screen);
    void placePanel();
    void grab();

    SignInPanel *m_panel;
    bool m_grabInput;
    bool m_engaged = false;
    bool m_holding = false; // the X server gave the keyboard and pointer grab
    QList<CoverWindow *> m_covers;
};

} // namespace Lanyard::Shell
