/* Types a string of digits, then Return, into whatever holds the X keyboard (the lock screen
 * grabs it and focuses its passcode field), with the XTest extension: a key press and release
 * per character, DELAY ms apart. For bench/shell; the bed has no xdotool.
 *
 *   bench_xtest_type DIGITS [--delay-ms N] [--no-return]
 * DISPLAY from the environment. Exit 0 when every key was sent and the server has seen them. */
#define _POSIX_C_SOURCE 200809L

#include <X11/Xlib.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void pause_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static int tap(Display *display, KeySym symbol, long delay)
{
    KeyCode code = XKeysymToKeycode(display, symbol);
    if (code == 0)
        return 0;
    XTestFakeKeyEvent(display, code, True, CurrentTime);
    XTestFakeKeyEvent(display, code, False, CurrentTime);
    XSync(display, False);
    pause_ms(delay);
    return 1;
}

int main(int argc, char **argv)
{
    const char *text = NULL;
    long delay = 20;
    int withReturn = 1;
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--delay-ms") == 0 && i + 1 < argc)
            delay = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--no-return") == 0)
            withReturn = 0;
        else
            text = argv[i];
    }
    if (!text) {
        fprintf(stderr, "usage: bench_xtest_type DIGITS [--delay-ms N] [--no-return]\n");
        return 2;
    }
    Display *display = XOpenDisplay(NULL);
    if (!display) {
        fprintf(stderr, "bench_xtest_type: cannot open the display\n");
        return 1;
    }
    int event, error, major, minor;
    if (!XTestQueryExtension(display, &event, &error, &major, &minor)) {
        fprintf(stderr, "bench_xtest_type: the X server has no XTest\n");
        return 1;
    }
    for (const char *c = text; *c; ++c) {
        char name[2] = {*c, 0};
        if (!tap(display, XStringToKeysym(name), delay)) {
            fprintf(stderr, "bench_xtest_type: no key for '%c'\n", *c);
            return 1;
        }
    }
    if (withReturn && !tap(display, XK_Return, delay)) {
        fprintf(stderr, "bench_xtest_type: no Return key\n");
        return 1;
    }
    XCloseDisplay(display);
    return 0;
}
