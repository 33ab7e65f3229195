// The lock hot-key (ui/lock_hotkey, Ctrl+Alt+L by default), grabbed on the X server's root
// window so it locks the workstation whichever application has the keyboard. Where it cannot be
// grabbed (not X11, or another program holds it), isGrabbed() is false and the menu's shortcut
// still works inside Lanyard's own windows.
#pragma once

#include <QAbstractNativeEventFilter>
#include <QKeySequence>
#include <QObject>

namespace Lanyard::Shell {

class GlobalHotkey : public QObject, public QAbstractNativeEventFilter
{
    Q_OBJECT
public:
    explicit GlobalHotkey(const QKeySequence &keys, QObject *parent = nullptr);
    ~GlobalHotkey() override;

    bool isGrabbed() const { return m_keycode != 0; }
    QString problem() const { return m_problem; }

    bool nativeEventFilter(const QByteArray &eventType, void *message, qintptr *result) override;

signals:
    void activated();

private:
    void grab(bool on);

    unsigned int m_keycode = 0;
    unsigned int m_modifiers = 0;
    QString m_problem;
};

} // namespace Lanyard::Shell
