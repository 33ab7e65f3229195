#include "globalhotkey.h"

#include <QGuiApplication>
#include <QLoggingCategory>

#include <X11/Xlib.h>
#include <xcb/xcb.h>

namespace Lanyard::Shell {

namespace {

Q_LOGGING_CATEGORY(lcHotkey, "lanyard.shell.hotkey")

Display *x11Display()
{
    auto *x11 = qApp->nativeInterface<QNativeInterface::QX11Application>();
    return x11 ? x11->display() : nullptr;
}

// The grab must hold whatever Caps Lock and Num Lock (Mod2) are doing.
constexpr unsigned int LockCombinations[] = {0, LockMask, Mod2Mask, LockMask | Mod2Mask};
constexpr unsigned int Relevant = ShiftMask | ControlMask | Mod1Mask | Mod4Mask;

bool grabFailed = false;
int onGrabError(Display *, XErrorEvent *event)
{
    if (event->error_code == BadAccess)
        grabFailed = true;
    return 0;
}

} // namespace

GlobalHotkey::GlobalHotkey(const QKeySequence &keys, QObject *parent) : QObject(parent)
{
    Display *display = x11Display();
    if (keys.isEmpty() || !display) {
        m_problem = keys.isEmpty() ? tr("no lock hot-key is configured")
                                   : tr("the lock hot-key needs X11");
        return;
    }
    const QKeyCombination combination = keys[0];
    const QString keyName = QKeySequence(combination.key()).toString(QKeySequence::PortableText);
    const KeySym symbol = XStringToKeysym(keyName.toLatin1().constData());
    const KeyCode code = symbol == NoSymbol ? 0 : XKeysymToKeycode(display, symbol);
    if (!code) {
        m_problem = tr("the key %1 is not on this keyboard").arg(keyName);
        return;
    }
    const Qt::KeyboardModifiers mods = combination.keyboardModifiers();
    m_modifiers = (mods & Qt::ShiftModifier ? ShiftMask : 0) | (mods & Qt::ControlModifier ? ControlMask : 0)
                  | (mods & Qt::AltModifier ? Mod1Mask : 0) | (mods & Qt::MetaModifier ? Mod4Mask : 0);
    m_keycode = code;
    grab(true);
    if (!m_keycode)
        return;
    qApp->installNativeEventFilter(this);
    qCInfo(lcHotkey).noquote() << "lock hot-key" << keys.toString(QKeySequence::PortableText) << "grabbed";
}

GlobalHotkey::~GlobalHotkey()
{
    if (m_keycode) {
        qApp->removeNativeEventFilter(this);
        grab(false);
    }
}

void GlobalHotkey::grab(bool on)
{
    Display *display = x11Display();
    if (!display)
        return;
    XSync(display, False);
    grabFailed = false;
    XErrorHandler previous = XSetErrorHandler(onGrabError);
    for (const unsigned int extra : LockCombinations) {
        if (on)
            XGrabKey(display, int(m_keycode), m_modifiers | extra, DefaultRootWindow(display), True,
                     GrabModeAsync, GrabModeAsync);
        else
            XUngrabKey(display, int(m_keycode), m_modifiers | extra, DefaultRootWindow(display));
    }
    XSync(display, False);
    XSetErrorHandler(previous);
    if (on && grabFailed) {
        m_problem = tr("another program holds the lock hot-key");
        qCWarning(lcHotkey).noquote() << m_problem;
        grab(false);
        m_keycode = 0;
    }
}

bool GlobalHotkey::nativeEventFilter(const QByteArray &eventType, void *message, qintptr *)
{
    if (eventType != "xcb_generic_event_t")
        return false;
    const auto *event = static_cast<const xcb_generic_event_t *>(message);
    if ((event->response_type & 0x7f) != XCB_KEY_PRESS)
        return false;
    const auto *press = static_cast<const xcb_key_press_event_t *>(message);
    if (press->detail != m_keycode || (press->state & Relevant) != m_modifiers)
        return false;
    emit activated();
    return true;
}

} // namespace Lanyard::Shell
