// The autotype plugin's hands on X11: finds a program's sign-in window, gives it the keyboard and
// types into it with XTest, checking before every key press, with the server grabbed so nothing
// can come between the check and the press, that the keyboard is still on that window. Xlib and
// XTest only (the runner has no widgets). Every X error is caught, never fatal.
#pragma once

#include <lanyard/result.h>

#include <QRegularExpression>
#include <QString>

#include <chrono>
#include <memory>
#include <vector>

namespace Lanyard::Plugin::Autotype {

struct WindowMatch
{
    qint64 processId = 0; // the program's windows: _NET_WM_PID this or a descendant
    QRegularExpression title; // against _NET_WM_NAME / WM_NAME; empty pattern: any
    QRegularExpression windowClass; // against either part of WM_CLASS; empty pattern: any
};

struct FoundWindow
{
    unsigned long id = 0;
    QString title;
    QString windowClass; // "instance class"
    qint64 processId = 0; // _NET_WM_PID, 0 when the window does not say
};

class X11Typist
{
public:
    // Opens $DISPLAY and checks it has XTest.
    static Result<std::unique_ptr<X11Typist>> open();
    ~X11Typist();
    X11Typist(const X11Typist &) = delete;
    X11Typist &operator=(const X11Typist &) = delete;

    // The topmost viewable top-level window that matches; id 0 when none does (yet).
    FoundWindow find(const WindowMatch &match);
    // Every viewable top-level window of a process (or its descendants).
    std::vector<FoundWindow> windowsOf(qint64 processId);

    // Raises the window and gives it the keyboard; waits until the server says it has it.
    Result<void> focus(unsigned long window, std::chrono::milliseconds timeout);
    // Types keysyms into `window`, `keyDelay` apart. Refuses (CannotType) before typing anything
    // when a character is neither on the keymap nor can be put on a spare key; stops (FocusLost)
    // the moment the keyboard is elsewhere, with every key released. Restores the keymap and
    // Caps Lock as they were.
    Result<void> type(unsigned long window, const std::vector<unsigned long> &keysyms,
                      std::chrono::milliseconds keyDelay);
    void iconify(unsigned long window);

private:
    struct Private;
    explicit X11Typist(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

// Whether `candidate` is `ancestor` or one of its descendants, by /proc's parent links.
bool isProcessOrDescendant(qint64 candidate, qint64 ancestor);

} // namespace Lanyard::Plugin::Autotype
