/* The floor for card-event latency: one context, SCardGetStatusChange(INFINITE) on one reader,
 * one line per card event on stdout: "inserted NS" or "removed NS", NS being CLOCK_MONOTONIC in
 * nanoseconds when the wait returned. Prints "ready" once it knows the reader's state.
 *
 *   floor_pcsc READER_NAME
 * READER_NAME "-" watches the reader whose name sorts first (the bed's reader 0).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <winscard.h>

static long long monotonic_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

int main(int argc, char **argv)
{
    SCARDCONTEXT context;
    SCARD_READERSTATE state = {0};
    LONG rv;
    int present;

    if (argc != 2) {
        fprintf(stderr, "usage: %s READER_NAME\n", argv[0]);
        return 2;
    }
    rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &context);
    if (rv != SCARD_S_SUCCESS) {
        fprintf(stderr, "SCardEstablishContext: %s\n", pcsc_stringify_error(rv));
        return 1;
    }
    state.szReader = argv[1];
    if (strcmp(argv[1], "-") == 0) {
        LPSTR names = NULL;
        DWORD length = SCARD_AUTOALLOCATE;
        const char *name;
        rv = SCardListReaders(context, NULL, (LPSTR)&names, &length);
        if (rv != SCARD_S_SUCCESS) {
            fprintf(stderr, "SCardListReaders: %s\n", pcsc_stringify_error(rv));
            return 1;
        }
        state.szReader = names;
        for (name = names; *name; name += strlen(name) + 1)
            if (strcmp(name, state.szReader) < 0)
                state.szReader = name;
        /* names stays allocated: the name is used until the program ends */
    }
    state.dwCurrentState = SCARD_STATE_UNAWARE;
    rv = SCardGetStatusChange(context, 0, &state, 1);
    present = (state.dwEventState & SCARD_STATE_PRESENT) != 0;
    state.dwCurrentState = state.dwEventState;
    printf("ready\n");
    fflush(stdout);
    while (rv == SCARD_S_SUCCESS || rv == SCARD_E_TIMEOUT) {
        rv = SCardGetStatusChange(context, INFINITE, &state, 1);
        if (rv != SCARD_S_SUCCESS)
            continue;
        {
            const long long now = monotonic_ns();
            const int now_present = (state.dwEventState & SCARD_STATE_PRESENT) != 0;
            if (now_present != present) {
                printf("%s %lld\n", now_present ? "inserted" : "removed", now);
                fflush(stdout);
            }
            present = now_present;
            state.dwCurrentState = state.dwEventState;
        }
    }
    fprintf(stderr, "SCardGetStatusChange: %s\n", pcsc_stringify_error(rv));
    SCardReleaseContext(context);
    return 1;
}
