#include "x11typist.h"

#include "autotypeerror.h"

#include <QFile>
#include <QThread>

#include <string.h>

// Xlib last: its macros (None, Bool, KeyPress…) would break Qt's headers.
#include <X11/XKBlib.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

namespace Lanyard::Plugin::Autotype {

namespace {

// Xlib's default handler ends the process on any error; a window that vanishes between two
// requests is normal here.
int ignoreError(Display *, XErrorEvent *)
{
    return 0;
}

struct Stroke
{
    KeyCode code = 0;
    bool shift = false;
};

template<typename T> void wipe(std::vector<T> &values)
{
    if (!values.empty())
        explicit_bzero(values.data(), values.size() * sizeof(T));
    values.clear();
}

void pause(std::chrono::milliseconds delay)
{
    if (delay.count() > 0)
        QThread::msleep(static_cast<unsigned long>(delay.count()));
}

} // namespace

struct X11Typist::Private
{
    Display *display = nullptr;
    Window root = 0;
    Atom netWmPid = 0, netWmName = 0, utf8String = 0, wmState = 0, netActiveWindow = 0;
    XErrorHandler previousHandler = nullptr;

    QByteArray property(Window window, Atom name, Atom *type = nullptr, int *format = nullptr) const
    {
        Atom actualType = 0;
        int actualFormat = 0;
        unsigned long items = 0, after = 0;
        unsigned char *data = nullptr;
        if (XGetWindowProperty(display, window, name, 0, 4096, False, AnyPropertyType, &actualType,
                               &actualFormat, &items, &after, &data)
                != Success
            || !data)
            return {};
        const size_t unit = actualFormat == 32 ? sizeof(long) : size_t(actualFormat / 8);
        QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(items * unit));
        XFree(data);
        if (type)
            *type = actualType;
        if (format)
            *format = actualFormat;
        return bytes;
    }

    qint64 processIdOf(Window window) const
    {
        int format = 0;
        const QByteArray value = property(window, netWmPid, nullptr, &format);
        if (format != 32 || value.size() < qsizetype(sizeof(long)))
            return 0;
        long pid = 0;
        memcpy(&pid, value.constData(), sizeof pid);
        return pid;
    }

    QString titleOf(Window window) const
    {
        const QByteArray utf8 = property(window, netWmName);
        if (!utf8.isEmpty())
            return QString::fromUtf8(utf8);
        Atom type = 0;
        const QByteArray name = property(window, XA_WM_NAME, &type);
        return type == utf8String ? QString::fromUtf8(name) : QString::fromLatin1(name);
    }

    QString classOf(Window window) const
    {
        QByteArray value = property(window, XA_WM_CLASS);
        while (value.endsWith('\0'))
            value.chop(1);
        return QString::fromLatin1(value.replace('\0', ' '));
    }

    // Client windows: those with WM_CLASS or WM_STATE, at the top or inside a manager's frame.
    void collect(Window parentWindow, int depth, std::vector<Window> &clients) const
    {
        Window rootReturn = 0, parentReturn = 0;
        Window *children = nullptr;
        unsigned int count = 0;
        if (!XQueryTree(display, parentWindow, &rootReturn, &parentReturn, &children, &count))
            return;
        for (unsigned int i = 0; i < count; ++i) {
            XWindowAttributes attributes;
            if (!XGetWindowAttributes(display, children[i], &attributes)
                || attributes.map_state != IsViewable || attributes.override_redirect)
                continue;
            if (!property(children[i], XA_WM_CLASS).isEmpty()
                || !property(children[i], wmState).isEmpty())
                clients.push_back(children[i]);
            else if (depth < 2)
                collect(children[i], depth + 1, clients);
        }
        if (children)
            XFree(children);
    }

    FoundWindow describe(Window window) const
    {
        return { window, titleOf(window), classOf(window), processIdOf(window) };
    }

    // Whether the keyboard is on `target` or on one of its subwindows.
    bool focusIsOn(Window target) const
    {
        Window focus = 0;
        int revert = 0;
        XGetInputFocus(display, &focus, &revert);
        for (int depth = 0; depth < 32 && focus != None && focus != PointerRoot && focus != root;
             ++depth) {
            if (focus == target)
                return true;
            Window rootReturn = 0, parentWindow = 0;
            Window *children = nullptr;
            unsigned int count = 0;
            if (!XQueryTree(display, focus, &rootReturn, &parentWindow, &children, &count))
                return false;
            if (children)
                XFree(children);
            focus = parentWindow;
        }
        return false;
    }

    void key(KeyCode code, bool press) const
    {
        XTestFakeKeyEvent(display, code, press ? True : False, CurrentTime);
    }
};

X11Typist::X11Typist(std::unique_ptr<Private> p)
    : d(std::move(p))
{ }

X11Typist::~X11Typist()
{
    XSync(d->display, False);
    XCloseDisplay(d->display);
    XSetErrorHandler(d->previousHandler);
}

Result<std::unique_ptr<X11Typist>> X11Typist::open()
{
    Display *display = XOpenDisplay(nullptr);
    for (int retry = 0; !display && retry < 3; ++retry) { // a busy server may refuse a moment
        pause(std::chrono::milliseconds(100));
        display = XOpenDisplay(nullptr);
    }
    if (!display)
        return Error::make(
            AutotypeError::NoDisplay,
            QStringLiteral("Lanyard cannot type sign-ins on this screen (no X display "
                           "\"%1\"). Call the IT service desk.")
                .arg(qEnvironmentVariable("DISPLAY")));
    int event = 0, error = 0, major = 0, minor = 0;
    if (!XTestQueryExtension(display, &event, &error, &major, &minor)) {
        XCloseDisplay(display);
        return Error::make(
            AutotypeError::NoDisplay,
            QStringLiteral("Lanyard cannot type sign-ins on this screen: the X server "
                           "has no XTest extension. Call the IT service desk."));
    }
    auto p = std::make_unique<Private>();
    p->display = display;
    p->root = XDefaultRootWindow(display);
    p->netWmPid = XInternAtom(display, "_NET_WM_PID", False);
    p->netWmName = XInternAtom(display, "_NET_WM_NAME", False);
    p->utf8String = XInternAtom(display, "UTF8_STRING", False);
    p->wmState = XInternAtom(display, "WM_STATE", False);
    p->netActiveWindow = XInternAtom(display, "_NET_ACTIVE_WINDOW", False);
    p->previousHandler = XSetErrorHandler(ignoreError);
    return std::unique_ptr<X11Typist>(new X11Typist(std::move(p)));
}

FoundWindow X11Typist::find(const WindowMatch &match)
{
    std::vector<Window> clients;
    d->collect(d->root, 0, clients);
    const bool patterned
        = !match.title.pattern().isEmpty() || !match.windowClass.pattern().isEmpty();
    for (auto it = clients.rbegin(); it != clients.rend(); ++it) { // topmost first
        const FoundWindow window = d->describe(*it);
        // A window that names its process must be the program's; one that does not is taken
        // only on the IT desk's pattern.
        if (window.processId > 0 ? !isProcessOrDescendant(window.processId, match.processId)
                                 : !patterned)
            continue;
        if (!match.title.pattern().isEmpty() && !match.title.match(window.title).hasMatch())
            continue;
        if (!match.windowClass.pattern().isEmpty()) {
            const QStringList parts = window.windowClass.split(QLatin1Char(' '));
            bool matched = match.windowClass.match(window.windowClass).hasMatch();
            for (const QString &part : parts)
                matched = matched || match.windowClass.match(part).hasMatch();
            if (!matched)
                continue;
        }
        return window;
    }
    return {};
}

std::vector<FoundWindow> X11Typist::windowsOf(qint64 processId)
{
    std::vector<Window> clients;
    d->collect(d->root, 0, clients);
    std::vector<FoundWindow> windows;
    for (Window client : clients) {
        const FoundWindow window = d->describe(client);
        if (window.processId > 0 && isProcessOrDescendant(window.processId, processId))
            windows.push_back(window);
    }
    return windows;
}

Result<void> X11Typist::focus(unsigned long window, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (int attempt = 0;; ++attempt) {
        if (attempt % 10 == 0) {
            XRaiseWindow(d->display, window);
            XSetInputFocus(d->display, window, RevertToParent, CurrentTime);
            // A window manager, when there is one, is asked too (source 2: a pager, not an app).
            XEvent event {};
            event.xclient.type = ClientMessage;
            event.xclient.window = window;
            event.xclient.message_type = d->netActiveWindow;
            event.xclient.format = 32;
            event.xclient.data.l[0] = 2;
            event.xclient.data.l[1] = CurrentTime;
            XSendEvent(d->display, d->root, False,
                       SubstructureRedirectMask | SubstructureNotifyMask, &event);
            XSync(d->display, False);
        }
        if (d->focusIsOn(window))
            return {};
        if (std::chrono::steady_clock::now() > deadline)
            return Error::make(AutotypeError::FocusLost,
                               QStringLiteral("the window did not take the keyboard"));
        pause(std::chrono::milliseconds(20));
    }
}

Result<void> X11Typist::type(unsigned long window, const std::vector<unsigned long> &keysyms,
                             std::chrono::milliseconds keyDelay)
{
    Display *display = d->display;
    int minCode = 0, maxCode = 0, perCode = 0;
    XDisplayKeycodes(display, &minCode, &maxCode);
    KeySym *map = XGetKeyboardMapping(display, KeyCode(minCode), maxCode - minCode + 1, &perCode);
    if (!map)
        return Error::make(AutotypeError::NoDisplay, QStringLiteral("no keyboard mapping"));
    const auto symAt = [&](int code, int level) {
        return level < perCode ? map[(code - minCode) * perCode + level] : KeySym(NoSymbol);
    };

    // Each keysym on the keymap, level 1 or 2 (Shift), or else on a spare key of its own.
    std::vector<Stroke> strokes(keysyms.size());
    std::vector<KeySym> remapped; // keysyms put on spare keys, as spareCodes[i]
    std::vector<KeyCode> spareCodes;
    int nextSpare = minCode;
    bool refused = false;
    for (size_t i = 0; i < keysyms.size() && !refused; ++i) {
        const KeySym sym = keysyms[i];
        bool found = false;
        for (int level = 0; level < 2 && !found; ++level) {
            for (int code = minCode; code <= maxCode && !found; ++code) {
                if (symAt(code, level) == sym) {
                    strokes[i] = { KeyCode(code), level == 1 };
                    found = true;
                }
            }
        }
        for (size_t r = 0; r < remapped.size() && !found; ++r) {
            if (remapped[r] == sym) {
                strokes[i] = { spareCodes[r], false };
                found = true;
            }
        }
        while (!found && nextSpare <= maxCode) {
            const int code = nextSpare++;
            bool empty = true;
            for (int level = 0; level < perCode; ++level)
                empty = empty && symAt(code, level) == NoSymbol;
            if (!empty)
                continue;
            remapped.push_back(sym);
            spareCodes.push_back(KeyCode(code));
            strokes[i] = { KeyCode(code), false };
            found = true;
        }
        refused = !found;
    }
    XFree(map);
    if (refused) {
        wipe(strokes);
        wipe(remapped);
        return Error::make(AutotypeError::CannotType,
                           QStringLiteral("a character is not on this keyboard layout and no spare "
                                          "key is left to put it on"));
    }

    for (size_t r = 0; r < remapped.size(); ++r) {
        KeySym both[2] = { remapped[r], remapped[r] };
        XChangeKeyboardMapping(display, spareCodes[r], 2, both, 1);
        explicit_bzero(both, sizeof both);
    }
    XSync(display, False);
    if (!remapped.empty())
        pause(std::chrono::milliseconds(150)); // applications re-read the keymap

    // Caps Lock would turn letters round: off while typing, back on after.
    XkbStateRec state {};
    XkbGetState(display, XkbUseCoreKbd, &state);
    const KeyCode capsLock = XKeysymToKeycode(display, XK_Caps_Lock);
    const bool capsWasOn = (state.locked_mods & LockMask) && capsLock;
    const auto toggleCaps = [&] {
        d->key(capsLock, true);
        d->key(capsLock, false);
        XSync(display, False);
    };
    if (capsWasOn)
        toggleCaps();

    const KeyCode shift = XKeysymToKeycode(display, XK_Shift_L);
    bool focusLost = false;
    for (const Stroke &stroke : strokes) {
        // Nothing can move the keyboard between the check and the press: the server is ours.
        XGrabServer(display);
        focusLost = !d->focusIsOn(window);
        if (!focusLost) {
            if (stroke.shift)
                d->key(shift, true);
            d->key(stroke.code, true);
        }
        XUngrabServer(display);
        if (!focusLost) {
            d->key(stroke.code, false);
            if (stroke.shift)
                d->key(shift, false);
        }
        XSync(display, False);
        if (focusLost)
            break;
        pause(keyDelay);
    }

    if (capsWasOn)
        toggleCaps();
    if (!remapped.empty()) {
        pause(std::chrono::milliseconds(200)); // let the application read the last key first
        for (KeyCode code : spareCodes) {
            KeySym none[1] = { NoSymbol };
            XChangeKeyboardMapping(display, code, 1, none, 1);
        }
        XSync(display, False);
    }
    wipe(strokes);
    wipe(remapped);
    if (focusLost)
        return Error::make(AutotypeError::FocusLost,
                           QStringLiteral("another window took the keyboard"));
    return {};
}

void X11Typist::iconify(unsigned long window)
{
    XIconifyWindow(d->display, window, XDefaultScreen(d->display));
    XSync(d->display, False);
}

bool isProcessOrDescendant(qint64 candidate, qint64 ancestor)
{
    for (int depth = 0; depth < 64 && candidate > 1; ++depth) {
        if (candidate == ancestor)
            return true;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(candidate));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray line = stat.readAll();
        const qsizetype afterName = line.lastIndexOf(')'); // the name may hold spaces and ")"
        const QList<QByteArray> fields = line.mid(afterName + 2).split(' ');
        if (afterName < 0 || fields.size() < 2)
            return false;
        candidate = fields.at(1).toLongLong(); // state, then the parent's id
    }
    return false;
}

} // namespace Lanyard::Plugin::Autotype
