/*
 * lanyard-bed-card-pkcs11: the Lanyard test bed's virtual NHS smartcard PKCS#11 module.
 *
 * Behaves like OpenSC's PKCS#11 module over PC/SC readers (one slot per reader, a token present
 * while a card sits in it, the card locking after max_tries wrong passcodes), while all the
 * cryptography and every object stay in SoftHSM2: this module only forwards. See README.md.
 *
 * A card is "ours" when its ATR historical bytes are "LNY" + a clinician id and SoftHSM2 has a
 * token with that label. Configuration: LANYARD_BED_CARD_CONF names a key=value file
 * (softhsm_module, state_dir, max_tries, presence_check, debug).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <winscard.h>
#include <wintypes.h>

#include <p11-kit/pkcs11.h>

#define EXPORT __attribute__((visibility("default")))
#define UNPAREN(...) __VA_ARGS__

#define MAX_READERS 32
#define MAX_ID 12                 /* 15 historical bytes - "LNY" */
#define DEFAULT_SOFTHSM "/usr/lib/softhsm/libsofthsm2.so"

/* ------------------------------------------------------------------------------------------ */
/* state                                                                                      */

enum presence { PRESENCE_TRANSMIT, PRESENCE_STATUS };

struct config {
    char softhsm[1024];
    char state_dir[1024];
    int max_tries;
    enum presence presence;
    int debug;
};

struct reader {
    char name[256];
    int listed;                   /* in the latest SCardListReaders answer */
};

/* What a reader holds right now. */
struct card {
    int present;                  /* a card whose ATR says LNY<id> and SoftHSM has token <id> */
    char id[MAX_ID + 1];
    CK_SLOT_ID hsm_slot;
    DWORD events;                 /* pcsc-lite's card event counter for the reader */
    BYTE atr[MAX_ATR_SIZE];
    DWORD atr_len;
};

struct session {
    CK_SESSION_HANDLE handle;     /* ours */
    CK_SESSION_HANDLE real;       /* SoftHSM's */
    CK_SLOT_ID slot;              /* ours = reader index */
    char id[MAX_ID + 1];          /* card id = token label */
    DWORD events;
    BYTE atr[MAX_ATR_SIZE];
    DWORD atr_len;
    SCARDHANDLE hcard;            /* shared connection, used to ping the card */
    DWORD protocol;
    int connected;
    int dead;                     /* card was removed: the SoftHSM session is already closed */
    struct session *next;
};

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t os_lock = PTHREAD_MUTEX_INITIALIZER;
static CK_C_INITIALIZE_ARGS app_locking;  /* app's mutex callbacks, when it gave only those */
static void *app_mutex;

static int initialized;
static int finalize_hsm;          /* we initialised SoftHSM (it was not already) */
static struct config conf;
static void *hsm_dl;
static CK_FUNCTION_LIST_PTR P;    /* SoftHSM */
static SCARDCONTEXT pcsc;
static int pcsc_ok;
static struct reader readers[MAX_READERS];
static int nreaders;
static struct session *sessions;
static CK_SESSION_HANDLE next_handle = 1;

static void dbg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void dbg(const char *fmt, ...)
{
    if (!conf.debug)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("lanyard-bed-card: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void lock(void)
{
    if (app_mutex)
        app_locking.LockMutex(app_mutex);
    else
        pthread_mutex_lock(&os_lock);
}

static void unlock(void)
{
    if (app_mutex)
        app_locking.UnlockMutex(app_mutex);
    else
        pthread_mutex_unlock(&os_lock);
}

static void pad_copy(unsigned char *dst, size_t n, const char *src)
{
    size_t l = strlen(src);
    memset(dst, ' ', n);
    memcpy(dst, src, l < n ? l : n);
}

/* ------------------------------------------------------------------------------------------ */
/* configuration                                                                              */

static CK_RV load_config(void)
{
    memset(&conf, 0, sizeof conf);
    snprintf(conf.softhsm, sizeof conf.softhsm, "%s", DEFAULT_SOFTHSM);
    conf.max_tries = 3;
    conf.presence = PRESENCE_TRANSMIT;
    const char *path = getenv("LANYARD_BED_CARD_CONF");
    if (!path || !*path) {
        fprintf(stderr, "lanyard-bed-card: LANYARD_BED_CARD_CONF is not set\n");
        return CKR_GENERAL_ERROR;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "lanyard-bed-card: cannot read %s: %s\n", path, strerror(errno));
        return CKR_GENERAL_ERROR;
    }
    char line[1200];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '#' || !*s)
            continue;
        char *eq = strchr(s, '=');
        if (!eq)
            continue;
        *eq = 0;
        const char *k = s, *v = eq + 1;
        if (!strcmp(k, "softhsm_module"))
            snprintf(conf.softhsm, sizeof conf.softhsm, "%s", v);
        else if (!strcmp(k, "state_dir"))
            snprintf(conf.state_dir, sizeof conf.state_dir, "%s", v);
        else if (!strcmp(k, "max_tries"))
            conf.max_tries = atoi(v) > 0 ? atoi(v) : 3;
        else if (!strcmp(k, "presence_check"))
            conf.presence = !strcmp(v, "status") ? PRESENCE_STATUS : PRESENCE_TRANSMIT;
        else if (!strcmp(k, "debug"))
            conf.debug = atoi(v);
    }
    fclose(f);
    const char *d = getenv("LANYARD_BED_CARD_DEBUG");
    if (d && *d && strcmp(d, "0"))
        conf.debug = 1;
    if (!conf.state_dir[0]) {
        fprintf(stderr, "lanyard-bed-card: %s: state_dir is not set\n", path);
        return CKR_GENERAL_ERROR;
    }
    mkdir(conf.state_dir, 0700);
    return CKR_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* retry counters: state_dir/ID holds "tries=N"                                               */

static int read_tries(const char *id)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/%s", conf.state_dir, id);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int n = 0;
    if (fscanf(f, "tries=%d", &n) != 1 || n < 0)
        n = 0;
    fclose(f);
    return n;
}

static void write_tries(const char *id, int n)
{
    char path[1100], tmp[1200];
    snprintf(path, sizeof path, "%s/%s", conf.state_dir, id);
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp.%ld", conf.state_dir, id, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        fprintf(stderr, "lanyard-bed-card: cannot write %s: %s\n", tmp, strerror(errno));
        return;
    }
    char buf[32];
    int len = snprintf(buf, sizeof buf, "tries=%d\n", n);
    int ok = write(fd, buf, (size_t)len) == len && fsync(fd) == 0;
    close(fd);
    if (!ok || rename(tmp, path) != 0) {
        fprintf(stderr, "lanyard-bed-card: cannot write %s: %s\n", path, strerror(errno));
        unlink(tmp);
    }
    dbg("card %s: %d wrong passcode(s) in a row", id, n);
}

/* ------------------------------------------------------------------------------------------ */
/* PC/SC                                                                                      */

static int pcsc_connect(void)
{
    if (pcsc_ok && SCardIsValidContext(pcsc) == SCARD_S_SUCCESS)
        return 1;
    if (pcsc_ok)
        SCardReleaseContext(pcsc);
    pcsc_ok = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &pcsc) == SCARD_S_SUCCESS;
    return pcsc_ok;
}

static void refresh_readers(void)
{
    for (int i = 0; i < nreaders; i++)
        readers[i].listed = 0;
    if (!pcsc_connect())
        return;
    DWORD len = 0;
    LONG r = SCardListReaders(pcsc, NULL, NULL, &len);
    if (r == SCARD_E_NO_SERVICE || r == SCARD_E_INVALID_HANDLE) {
        pcsc_ok = 0;
        SCardReleaseContext(pcsc);
        if (!pcsc_connect())
            return;
        r = SCardListReaders(pcsc, NULL, NULL, &len);
    }
    if (r != SCARD_S_SUCCESS || len == 0)
        return;                   /* SCARD_E_NO_READERS_AVAILABLE: no slots */
    char *buf = calloc(1, len + 1);
    if (!buf)
        return;
    if (SCardListReaders(pcsc, NULL, buf, &len) == SCARD_S_SUCCESS) {
        for (char *p = buf; *p; p += strlen(p) + 1) {
            int i;
            for (i = 0; i < nreaders; i++)
                if (!strcmp(readers[i].name, p))
                    break;
            if (i == nreaders) {
                if (nreaders == MAX_READERS)
                    continue;
                snprintf(readers[nreaders].name, sizeof readers[0].name, "%s", p);
                nreaders++;
            }
            readers[i].listed = 1;
        }
    }
    free(buf);
}

/* Current state of a reader, straight from pcscd (timeout 0, "unaware" so it never waits). */
static int reader_status(const char *name, DWORD *state, BYTE *atr, DWORD *atr_len)
{
    if (!pcsc_connect())
        return 0;
    SCARD_READERSTATE rs;
    memset(&rs, 0, sizeof rs);
    rs.szReader = name;
    rs.dwCurrentState = SCARD_STATE_UNAWARE;
    LONG r = SCardGetStatusChange(pcsc, 0, &rs, 1);
    if (r != SCARD_S_SUCCESS && r != SCARD_E_TIMEOUT) {
        if (r == SCARD_E_NO_SERVICE || r == SCARD_E_INVALID_HANDLE) {
            pcsc_ok = 0;
            SCardReleaseContext(pcsc);
        }
        return 0;
    }
    *state = rs.dwEventState;
    *atr_len = rs.cbAtr <= MAX_ATR_SIZE ? rs.cbAtr : 0;
    memcpy(atr, rs.rgbAtr, *atr_len);
    return 1;
}

/* The historical bytes of an ATR (ISO/IEC 7816-3), or -1. */
static int atr_historical(const BYTE *atr, DWORD len, const BYTE **hist)
{
    if (len < 2)
        return -1;
    DWORD i = 1;
    BYTE y = atr[1] >> 4;
    int k = atr[1] & 0x0f;
    i = 2;
    for (;;) {
        for (int b = 0; b < 3; b++)           /* TA, TB, TC */
            if (y & (1 << b))
                i++;
        if (!(y & 0x08))
            break;
        if (i >= len)
            return -1;
        y = atr[i] >> 4;                       /* TD */
        i++;
    }
    if (i + (DWORD)k > len)
        return -1;
    *hist = atr + i;
    return k;
}

/* The SoftHSM slot of the token labelled id, or 0 if there is none. */
static int hsm_slot_for(const char *id, CK_SLOT_ID *out)
{
    CK_ULONG n = 0;
    if (P->C_GetSlotList(CK_TRUE, NULL, &n) != CKR_OK || n == 0)
        return 0;
    CK_SLOT_ID *list = calloc(n, sizeof *list);
    if (!list)
        return 0;
    int found = 0;
    unsigned char want[32];
    pad_copy(want, sizeof want, id);
    if (P->C_GetSlotList(CK_TRUE, list, &n) == CKR_OK) {
        for (CK_ULONG i = 0; i < n && !found; i++) {
            CK_TOKEN_INFO ti;
            if (P->C_GetTokenInfo(list[i], &ti) == CKR_OK && !memcmp(ti.label, want, 32)) {
                *out = list[i];
                found = 1;
            }
        }
    }
    free(list);
    return found;
}

static void probe(CK_SLOT_ID slot, struct card *c)
{
    memset(c, 0, sizeof *c);
    DWORD state;
    if (!reader_status(readers[slot].name, &state, c->atr, &c->atr_len))
        return;
    c->events = (state >> 16) & 0xffff;
    if (!(state & SCARD_STATE_PRESENT) || (state & (SCARD_STATE_MUTE | SCARD_STATE_EMPTY)))
        return;
    const BYTE *hist;
    int k = atr_historical(c->atr, c->atr_len, &hist);
    if (k < 4 || k - 3 > MAX_ID || memcmp(hist, "LNY", 3))
        return;
    for (int i = 3; i < k; i++) {
        BYTE ch = hist[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))
            return;
        c->id[i - 3] = (char)ch;
    }
    c->id[k - 3] = 0;
    c->present = hsm_slot_for(c->id, &c->hsm_slot);
}

static int valid_slot(CK_SLOT_ID slot)
{
    return slot < (CK_SLOT_ID)nreaders;
}

/* ------------------------------------------------------------------------------------------ */
/* sessions                                                                                   */

static struct session *find_session(CK_SESSION_HANDLE h)
{
    for (struct session *s = sessions; s; s = s->next)
        if (s->handle == h)
            return s;
    return NULL;
}

static void bury(struct session *s)
{
    if (!s->dead) {
        P->C_CloseSession(s->real);
        s->dead = 1;
    }
    if (s->connected) {
        SCardDisconnect(s->hcard, SCARD_LEAVE_CARD);
        s->connected = 0;
    }
}

static void free_session(struct session *s)
{
    for (struct session **pp = &sessions; *pp; pp = &(*pp)->next)
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    bury(s);
    free(s);
}

/* The card was pulled (or swapped): like a real card, every session on it ends and SoftHSM's
 * login state for it goes with them. */
static void card_removed(CK_SLOT_ID slot)
{
    for (struct session *s = sessions; s; s = s->next)
        if (s->slot == slot && !s->dead) {
            dbg("card %s removed from \"%s\": session %lu ends", s->id, readers[slot].name,
                (unsigned long)s->handle);
            bury(s);
        }
}

/* Sessions on slot whose card is not the one now in the reader end. */
static void reap(CK_SLOT_ID slot, const struct card *c)
{
    for (struct session *s = sessions; s; s = s->next)
        if (s->slot == slot && !s->dead &&
            (!c->present || c->events != s->events || strcmp(c->id, s->id))) {
            card_removed(slot);
            return;
        }
}

static int ping(struct session *s)
{
    static const BYTE get_uid[] = { 0xFF, 0xCA, 0x00, 0x00, 0x00 };
    for (int attempt = 0; attempt < 2; attempt++) {
        BYTE resp[258];
        DWORD resp_len = sizeof resp;
        const SCARD_IO_REQUEST *pci = s->protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
        LONG r = SCardTransmit(s->hcard, pci, get_uid, sizeof get_uid, NULL, resp, &resp_len);
        if (r == SCARD_S_SUCCESS || r == SCARD_E_SHARING_VIOLATION)
            return 1;
        if (r == SCARD_W_RESET_CARD && attempt == 0) {
            /* someone reset the card: the same card is still there, reconnect */
            if (SCardReconnect(s->hcard, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                               SCARD_LEAVE_CARD, &s->protocol) == SCARD_S_SUCCESS)
                continue;
        }
        dbg("card %s: transmit: %s", s->id, pcsc_stringify_error(r));
        return 0;
    }
    return 0;
}

/* Is this session's card still in its reader? pcscd notices a removal only when its reader
 * thread next polls the driver (every 400 ms for vpcd): until then its status still says
 * "present". So for the calls that would send APDUs to a real card (card_op), the card is
 * also pinged with an APDU, which reaches the card or finds it gone at once. A ping costs
 * ~50 ms with vpcd/vicc, which is why the other calls (served from OpenSC's cache on a real
 * card) trust pcscd's status alone. */
static int still_there(struct session *s, int card_op)
{
    DWORD state, atr_len;
    BYTE atr[MAX_ATR_SIZE];
    if (!reader_status(readers[s->slot].name, &state, atr, &atr_len))
        return 0;
    if (!(state & SCARD_STATE_PRESENT) || (state & (SCARD_STATE_MUTE | SCARD_STATE_EMPTY)))
        return 0;
    if (((state >> 16) & 0xffff) != s->events || atr_len != s->atr_len || memcmp(atr, s->atr, atr_len))
        return 0;
    if (card_op && conf.presence == PRESENCE_TRANSMIT && s->connected)
        return ping(s);
    return 1;
}

static CK_RV enter_session(CK_SESSION_HANDLE h, struct session **out, int card_op)
{
    if (!initialized)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    struct session *s = find_session(h);
    if (!s)
        return CKR_SESSION_HANDLE_INVALID;
    if (s->dead)
        return CKR_DEVICE_REMOVED;
    if (!still_there(s, card_op)) {
        card_removed(s->slot);
        return CKR_DEVICE_REMOVED;
    }
    *out = s;
    return CKR_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* general purpose                                                                            */

static CK_RV bc_C_Initialize(CK_VOID_PTR pInitArgs)
{
    CK_C_INITIALIZE_ARGS *a = pInitArgs;
    int use_app_mutex = 0;
    if (a) {
        if (a->pReserved)
            return CKR_ARGUMENTS_BAD;
        int n = !!a->CreateMutex + !!a->DestroyMutex + !!a->LockMutex + !!a->UnlockMutex;
        if (n != 0 && n != 4)
            return CKR_ARGUMENTS_BAD;
        /* The app's callbacks only when it does not also allow OS locking. */
        use_app_mutex = n == 4 && !(a->flags & CKF_OS_LOCKING_OK);
    }
    pthread_mutex_lock(&init_lock);
    CK_RV rv = CKR_OK;
    if (initialized) {
        rv = CKR_CRYPTOKI_ALREADY_INITIALIZED;
        goto out;
    }
    if ((rv = load_config()) != CKR_OK)
        goto out;
    if (!hsm_dl) {
        hsm_dl = dlopen(conf.softhsm, RTLD_NOW | RTLD_LOCAL);
        if (!hsm_dl) {
            fprintf(stderr, "lanyard-bed-card: %s\n", dlerror());
            rv = CKR_GENERAL_ERROR;
            goto out;
        }
        CK_C_GetFunctionList gfl = (CK_C_GetFunctionList)dlsym(hsm_dl, "C_GetFunctionList");
        if (!gfl || gfl(&P) != CKR_OK || !P) {
            fprintf(stderr, "lanyard-bed-card: %s has no PKCS#11 function list\n", conf.softhsm);
            dlclose(hsm_dl);
            hsm_dl = NULL;
            P = NULL;
            rv = CKR_GENERAL_ERROR;
            goto out;
        }
    }
    CK_C_INITIALIZE_ARGS hsm_args;
    memset(&hsm_args, 0, sizeof hsm_args);
    hsm_args.flags = CKF_OS_LOCKING_OK;
    rv = P->C_Initialize(&hsm_args);
    finalize_hsm = rv == CKR_OK;
    if (rv == CKR_CRYPTOKI_ALREADY_INITIALIZED)
        rv = CKR_OK;      /* the app loaded SoftHSM itself too */
    if (rv != CKR_OK)
        goto out;
    if (use_app_mutex) {
        app_locking = *a;
        if ((rv = a->CreateMutex(&app_mutex)) != CKR_OK) {
            app_mutex = NULL;
            if (finalize_hsm)
                P->C_Finalize(NULL);
            goto out;
        }
    }
    pcsc_connect();
    initialized = 1;
    dbg("initialised: SoftHSM %s, state in %s, max_tries %d, presence check %s", conf.softhsm,
        conf.state_dir, conf.max_tries, conf.presence == PRESENCE_TRANSMIT ? "transmit" : "status");
out:
    pthread_mutex_unlock(&init_lock);
    return rv;
}

static CK_RV bc_C_Finalize(CK_VOID_PTR pReserved)
{
    if (pReserved)
        return CKR_ARGUMENTS_BAD;
    pthread_mutex_lock(&init_lock);
    if (!initialized) {
        pthread_mutex_unlock(&init_lock);
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    }
    lock();
    while (sessions)
        free_session(sessions);
    if (finalize_hsm)
        P->C_Finalize(NULL);
    if (pcsc_ok)
        SCardReleaseContext(pcsc);
    pcsc_ok = 0;
    nreaders = 0;
    initialized = 0;
    unlock();
    if (app_mutex) {
        app_locking.DestroyMutex(app_mutex);
        app_mutex = NULL;
    }
    /* SoftHSM stays loaded: unloading it while OpenSSL's exit handlers point into it is unsafe */
    pthread_mutex_unlock(&init_lock);
    return CKR_OK;
}

static CK_RV bc_C_GetInfo(CK_INFO_PTR pInfo)
{
    if (!initialized)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (!pInfo)
        return CKR_ARGUMENTS_BAD;
    memset(pInfo, 0, sizeof *pInfo);
    pInfo->cryptokiVersion.major = 2;
    pInfo->cryptokiVersion.minor = 40;
    pad_copy(pInfo->manufacturerID, sizeof pInfo->manufacturerID, "Lanyard test bed");
    pad_copy(pInfo->libraryDescription, sizeof pInfo->libraryDescription, "Lanyard bed virtual NHS card");
    pInfo->libraryVersion.major = 1;
    return CKR_OK;
}

static CK_RV bc_C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR ppFunctionList);

/* ------------------------------------------------------------------------------------------ */
/* slots and tokens                                                                           */

static CK_RV bc_C_GetSlotList(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR pSlotList, CK_ULONG_PTR pulCount)
{
    if (!pulCount)
        return CKR_ARGUMENTS_BAD;
    lock();
    CK_RV rv = CKR_OK;
    if (!initialized) {
        rv = CKR_CRYPTOKI_NOT_INITIALIZED;
        goto out;
    }
    refresh_readers();
    CK_SLOT_ID ids[MAX_READERS];
    CK_ULONG n = 0;
    for (int i = 0; i < nreaders; i++) {
        if (!readers[i].listed)
            continue;
        if (tokenPresent) {
            struct card c;
            probe((CK_SLOT_ID)i, &c);
            reap((CK_SLOT_ID)i, &c);
            if (!c.present)
                continue;
        }
        ids[n++] = (CK_SLOT_ID)i;
    }
    if (pSlotList) {
        if (*pulCount < n)
            rv = CKR_BUFFER_TOO_SMALL;
        else
            memcpy(pSlotList, ids, n * sizeof ids[0]);
    }
    *pulCount = n;
out:
    unlock();
    return rv;
}

static CK_RV bc_C_GetSlotInfo(CK_SLOT_ID slotID, CK_SLOT_INFO_PTR pInfo)
{
    if (!pInfo)
        return CKR_ARGUMENTS_BAD;
    lock();
    CK_RV rv = CKR_OK;
    if (!initialized)
        rv = CKR_CRYPTOKI_NOT_INITIALIZED;
    else if (!valid_slot(slotID))
        rv = CKR_SLOT_ID_INVALID;
    else {
        struct card c;
        probe(slotID, &c);
        reap(slotID, &c);
        memset(pInfo, 0, sizeof *pInfo);
        pad_copy(pInfo->slotDescription, sizeof pInfo->slotDescription, readers[slotID].name);
        pad_copy(pInfo->manufacturerID, sizeof pInfo->manufacturerID, "Lanyard test bed");
        pInfo->flags = CKF_REMOVABLE_DEVICE | CKF_HW_SLOT | (c.present ? CKF_TOKEN_PRESENT : 0);
    }
    unlock();
    return rv;
}

static void adjust_pin_flags(const char *id, CK_FLAGS *flags)
{
    int tries = read_tries(id);
    *flags &= ~(CK_FLAGS)(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
    if (tries >= conf.max_tries)
        *flags |= CKF_USER_PIN_LOCKED;
    else {
        if (tries > 0)
            *flags |= CKF_USER_PIN_COUNT_LOW;
        if (tries > 0 && tries == conf.max_tries - 1)
            *flags |= CKF_USER_PIN_FINAL_TRY;
    }
}

/* The card in slotID, or CKR_TOKEN_NOT_PRESENT. Caller holds the lock. */
static CK_RV slot_card(CK_SLOT_ID slotID, struct card *c)
{
    if (!initialized)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (!valid_slot(slotID))
        return CKR_SLOT_ID_INVALID;
    probe(slotID, c);
    reap(slotID, c);
    return c->present ? CKR_OK : CKR_TOKEN_NOT_PRESENT;
}

static CK_RV bc_C_GetTokenInfo(CK_SLOT_ID slotID, CK_TOKEN_INFO_PTR pInfo)
{
    if (!pInfo)
        return CKR_ARGUMENTS_BAD;
    lock();
    struct card c;
    CK_RV rv = slot_card(slotID, &c);
    if (rv == CKR_OK)
        rv = P->C_GetTokenInfo(c.hsm_slot, pInfo);
    if (rv == CKR_OK)
        adjust_pin_flags(c.id, &pInfo->flags);
    unlock();
    return rv;
}

static CK_RV bc_C_GetMechanismList(CK_SLOT_ID slotID, CK_MECHANISM_TYPE_PTR pMechanismList,
                                   CK_ULONG_PTR pulCount)
{
    lock();
    struct card c;
    CK_RV rv = slot_card(slotID, &c);
    if (rv == CKR_OK)
        rv = P->C_GetMechanismList(c.hsm_slot, pMechanismList, pulCount);
    unlock();
    return rv;
}

static CK_RV bc_C_GetMechanismInfo(CK_SLOT_ID slotID, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR pInfo)
{
    lock();
    struct card c;
    CK_RV rv = slot_card(slotID, &c);
    if (rv == CKR_OK)
        rv = P->C_GetMechanismInfo(c.hsm_slot, type, pInfo);
    unlock();
    return rv;
}

static CK_RV bc_C_InitToken(CK_SLOT_ID slotID, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen, CK_UTF8CHAR_PTR pLabel)
{
    (void)slotID, (void)pPin, (void)ulPinLen, (void)pLabel;
    return initialized ? CKR_FUNCTION_NOT_SUPPORTED : CKR_CRYPTOKI_NOT_INITIALIZED;
}

static CK_RV bc_C_WaitForSlotEvent(CK_FLAGS flags, CK_SLOT_ID_PTR pSlot, CK_VOID_PTR pReserved)
{
    (void)flags, (void)pSlot, (void)pReserved;
    return initialized ? CKR_FUNCTION_NOT_SUPPORTED : CKR_CRYPTOKI_NOT_INITIALIZED;
}

/* ------------------------------------------------------------------------------------------ */
/* session management                                                                         */

static CK_RV bc_C_OpenSession(CK_SLOT_ID slotID, CK_FLAGS flags, CK_VOID_PTR pApplication,
                              CK_NOTIFY Notify, CK_SESSION_HANDLE_PTR phSession)
{
    (void)pApplication, (void)Notify;  /* notifications are not supported (nor by OpenSC) */
    if (!phSession)
        return CKR_ARGUMENTS_BAD;
    lock();
    struct card c;
    struct session *s = NULL;
    CK_RV rv = slot_card(slotID, &c);
    if (rv != CKR_OK)
        goto out;
    s = calloc(1, sizeof *s);
    if (!s) {
        rv = CKR_HOST_MEMORY;
        goto out;
    }
    s->slot = slotID;
    memcpy(s->id, c.id, sizeof s->id);
    s->events = c.events;
    memcpy(s->atr, c.atr, c.atr_len);
    s->atr_len = c.atr_len;
    if (conf.presence == PRESENCE_TRANSMIT) {
        LONG r = SCardConnect(pcsc, readers[slotID].name, SCARD_SHARE_SHARED,
                              SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &s->hcard, &s->protocol);
        if (r != SCARD_S_SUCCESS) {
            dbg("SCardConnect(\"%s\"): %s", readers[slotID].name, pcsc_stringify_error(r));
            rv = r == SCARD_E_SHARING_VIOLATION ? CKR_DEVICE_ERROR : CKR_TOKEN_NOT_PRESENT;
            goto out;
        }
        s->connected = 1;
    }
    rv = P->C_OpenSession(c.hsm_slot, flags, NULL, NULL, &s->real);
    if (rv != CKR_OK)
        goto out;
    s->handle = next_handle++;
    s->next = sessions;
    sessions = s;
    *phSession = s->handle;
    dbg("session %lu on card %s in \"%s\"", (unsigned long)s->handle, s->id, readers[slotID].name);
    s = NULL;
out:
    if (s) {
        s->dead = 1;
        bury(s);
        free(s);
    }
    unlock();
    return rv;
}

static CK_RV bc_C_CloseSession(CK_SESSION_HANDLE hSession)
{
    lock();
    CK_RV rv = CKR_OK;
    struct session *s;
    if (!initialized)
        rv = CKR_CRYPTOKI_NOT_INITIALIZED;
    else if (!(s = find_session(hSession)))
        rv = CKR_SESSION_HANDLE_INVALID;
    else
        free_session(s);
    unlock();
    return rv;
}

static CK_RV bc_C_CloseAllSessions(CK_SLOT_ID slotID)
{
    lock();
    CK_RV rv = CKR_OK;
    if (!initialized)
        rv = CKR_CRYPTOKI_NOT_INITIALIZED;
    else if (!valid_slot(slotID))
        rv = CKR_SLOT_ID_INVALID;
    else {
        struct session *s = sessions, *next;
        for (; s; s = next) {
            next = s->next;
            if (s->slot == slotID)
                free_session(s);
        }
    }
    unlock();
    return rv;
}

static CK_RV bc_C_GetSessionInfo(CK_SESSION_HANDLE hSession, CK_SESSION_INFO_PTR pInfo)
{
    lock();
    struct session *s;
    CK_RV rv = enter_session(hSession, &s, 0);
    if (rv == CKR_OK)
        rv = P->C_GetSessionInfo(s->real, pInfo);
    if (rv == CKR_OK)
        pInfo->slotID = s->slot;
    unlock();
    return rv;
}

static int counts_tries(CK_USER_TYPE t)
{
    return t == CKU_USER || t == CKU_CONTEXT_SPECIFIC;
}

/* The passcode is handed straight to SoftHSM: this module neither copies nor logs it. */
static CK_RV bc_C_Login(CK_SESSION_HANDLE hSession, CK_USER_TYPE userType, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen)
{
    lock();
    struct session *s;
    CK_RV rv = enter_session(hSession, &s, 1);
    if (rv != CKR_OK)
        goto out;
    if (!counts_tries(userType)) {
        rv = P->C_Login(s->real, userType, pPin, ulPinLen);
        goto out;
    }
    int tries = read_tries(s->id);
    if (tries >= conf.max_tries) {
        dbg("card %s: login refused, locked", s->id);
        rv = CKR_PIN_LOCKED;
        goto out;
    }
    rv = P->C_Login(s->real, userType, pPin, ulPinLen);
    if (rv == CKR_PIN_INCORRECT)
        write_tries(s->id, tries + 1);
    else if (rv == CKR_OK && tries != 0)
        write_tries(s->id, 0);
    dbg("card %s: login -> 0x%lx", s->id, (unsigned long)rv);
out:
    unlock();
    return rv;
}

static CK_RV bc_C_SetPIN(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pOldPin, CK_ULONG ulOldLen,
                         CK_UTF8CHAR_PTR pNewPin, CK_ULONG ulNewLen)
{
    lock();
    struct session *s;
    CK_RV rv = enter_session(hSession, &s, 1);
    if (rv != CKR_OK)
        goto out;
    int tries = read_tries(s->id);
    if (tries >= conf.max_tries) {
        rv = CKR_PIN_LOCKED;
        goto out;
    }
    rv = P->C_SetPIN(s->real, pOldPin, ulOldLen, pNewPin, ulNewLen);
    if (rv == CKR_PIN_INCORRECT)
        write_tries(s->id, tries + 1);
    else if (rv == CKR_OK && tries != 0)
        write_tries(s->id, 0);
out:
    unlock();
    return rv;
}

/* ------------------------------------------------------------------------------------------ */
/* everything else: check the card, translate the session handle, forward                     */

#define FWD0(name, card_op)                                                        \
    static CK_RV bc_##name(CK_SESSION_HANDLE hSession)                             \
    {                                                                              \
        lock();                                                                    \
        struct session *s;                                                         \
        CK_RV rv = enter_session(hSession, &s, card_op);                           \
        if (rv == CKR_OK)                                                          \
            rv = P->name(s->real);                                                 \
        unlock();                                                                  \
        return rv;                                                                 \
    }

#define FWD(name, card_op, decl, args)                                             \
    static CK_RV bc_##name(CK_SESSION_HANDLE hSession, UNPAREN decl)               \
    {                                                                              \
        lock();                                                                    \
        struct session *s;                                                         \
        CK_RV rv = enter_session(hSession, &s, card_op);                           \
        if (rv == CKR_OK)                                                          \
            rv = P->name(s->real, UNPAREN args);                                   \
        unlock();                                                                  \
        return rv;                                                                 \
    }

#define DATA_IN_OUT (CK_BYTE_PTR a, CK_ULONG al, CK_BYTE_PTR b, CK_ULONG_PTR bl), (a, al, b, bl)
#define MECH_KEY (CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k), (m, k)
#define DATA_IN (CK_BYTE_PTR a, CK_ULONG al), (a, al)
#define DATA_OUT (CK_BYTE_PTR b, CK_ULONG_PTR bl), (b, bl)

#define FWD_(name, card_op, ...) FWD(name, card_op, __VA_ARGS__)

FWD0(C_Logout, 1)
FWD0(C_FindObjectsFinal, 0)
FWD0(C_GetFunctionStatus, 0)
FWD0(C_CancelFunction, 0)
FWD(C_InitPIN, 1, (CK_UTF8CHAR_PTR pin, CK_ULONG len), (pin, len))
FWD_(C_GetOperationState, 0, DATA_OUT)
FWD(C_SetOperationState, 0, (CK_BYTE_PTR st, CK_ULONG len, CK_OBJECT_HANDLE ek, CK_OBJECT_HANDLE ak),
    (st, len, ek, ak))
FWD(C_CreateObject, 1, (CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR o), (t, n, o))
FWD(C_CopyObject, 1, (CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR no),
    (o, t, n, no))
FWD(C_DestroyObject, 1, (CK_OBJECT_HANDLE o), (o))
FWD(C_GetObjectSize, 0, (CK_OBJECT_HANDLE o, CK_ULONG_PTR sz), (o, sz))
FWD(C_GetAttributeValue, 0, (CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n), (o, t, n))
FWD(C_SetAttributeValue, 1, (CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n), (o, t, n))
FWD(C_FindObjectsInit, 0, (CK_ATTRIBUTE_PTR t, CK_ULONG n), (t, n))
FWD(C_FindObjects, 0, (CK_OBJECT_HANDLE_PTR o, CK_ULONG max, CK_ULONG_PTR n), (o, max, n))
FWD_(C_EncryptInit, 0, MECH_KEY)
FWD_(C_Encrypt, 0, DATA_IN_OUT)
FWD_(C_EncryptUpdate, 0, DATA_IN_OUT)
FWD_(C_EncryptFinal, 0, DATA_OUT)
FWD_(C_DecryptInit, 0, MECH_KEY)
FWD_(C_Decrypt, 1, DATA_IN_OUT)
FWD_(C_DecryptUpdate, 1, DATA_IN_OUT)
FWD_(C_DecryptFinal, 1, DATA_OUT)
FWD(C_DigestInit, 0, (CK_MECHANISM_PTR m), (m))
FWD_(C_Digest, 0, DATA_IN_OUT)
FWD_(C_DigestUpdate, 0, DATA_IN)
FWD(C_DigestKey, 0, (CK_OBJECT_HANDLE k), (k))
FWD_(C_DigestFinal, 0, DATA_OUT)
FWD_(C_SignInit, 0, MECH_KEY)
FWD_(C_Sign, 1, DATA_IN_OUT)
FWD_(C_SignUpdate, 1, DATA_IN)
FWD_(C_SignFinal, 1, DATA_OUT)
FWD_(C_SignRecoverInit, 0, MECH_KEY)
FWD_(C_SignRecover, 1, DATA_IN_OUT)
FWD_(C_VerifyInit, 0, MECH_KEY)
FWD(C_Verify, 0, (CK_BYTE_PTR a, CK_ULONG al, CK_BYTE_PTR sig, CK_ULONG sl), (a, al, sig, sl))
FWD_(C_VerifyUpdate, 0, DATA_IN)
FWD(C_VerifyFinal, 0, (CK_BYTE_PTR sig, CK_ULONG sl), (sig, sl))
FWD_(C_VerifyRecoverInit, 0, MECH_KEY)
FWD_(C_VerifyRecover, 0, DATA_IN_OUT)
FWD_(C_DigestEncryptUpdate, 0, DATA_IN_OUT)
FWD_(C_DecryptDigestUpdate, 1, DATA_IN_OUT)
FWD_(C_SignEncryptUpdate, 1, DATA_IN_OUT)
FWD_(C_DecryptVerifyUpdate, 1, DATA_IN_OUT)
FWD(C_GenerateKey, 1, (CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR k),
    (m, t, n, k))
FWD(C_GenerateKeyPair, 1,
    (CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR pt, CK_ULONG pn, CK_ATTRIBUTE_PTR st, CK_ULONG sn,
     CK_OBJECT_HANDLE_PTR pk, CK_OBJECT_HANDLE_PTR sk),
    (m, pt, pn, st, sn, pk, sk))
FWD(C_WrapKey, 1,
    (CK_MECHANISM_PTR m, CK_OBJECT_HANDLE wk, CK_OBJECT_HANDLE k, CK_BYTE_PTR b, CK_ULONG_PTR bl),
    (m, wk, k, b, bl))
FWD(C_UnwrapKey, 1,
    (CK_MECHANISM_PTR m, CK_OBJECT_HANDLE uk, CK_BYTE_PTR b, CK_ULONG bl, CK_ATTRIBUTE_PTR t,
     CK_ULONG n, CK_OBJECT_HANDLE_PTR k),
    (m, uk, b, bl, t, n, k))
FWD(C_DeriveKey, 1,
    (CK_MECHANISM_PTR m, CK_OBJECT_HANDLE bk, CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR k),
    (m, bk, t, n, k))
FWD_(C_SeedRandom, 1, DATA_IN)
FWD(C_GenerateRandom, 1, (CK_BYTE_PTR r, CK_ULONG rl), (r, rl))

/* ------------------------------------------------------------------------------------------ */

static CK_FUNCTION_LIST function_list = {
    .version = { 2, 40 },
#define E(name) .name = bc_##name,
    E(C_Initialize) E(C_Finalize) E(C_GetInfo) E(C_GetFunctionList) E(C_GetSlotList)
    E(C_GetSlotInfo) E(C_GetTokenInfo) E(C_GetMechanismList) E(C_GetMechanismInfo)
    E(C_InitToken) E(C_InitPIN) E(C_SetPIN) E(C_OpenSession) E(C_CloseSession)
    E(C_CloseAllSessions) E(C_GetSessionInfo) E(C_GetOperationState) E(C_SetOperationState)
    E(C_Login) E(C_Logout) E(C_CreateObject) E(C_CopyObject) E(C_DestroyObject)
    E(C_GetObjectSize) E(C_GetAttributeValue) E(C_SetAttributeValue) E(C_FindObjectsInit)
    E(C_FindObjects) E(C_FindObjectsFinal) E(C_EncryptInit) E(C_Encrypt) E(C_EncryptUpdate)
    E(C_EncryptFinal) E(C_DecryptInit) E(C_Decrypt) E(C_DecryptUpdate) E(C_DecryptFinal)
    E(C_DigestInit) E(C_Digest) E(C_DigestUpdate) E(C_DigestKey) E(C_DigestFinal)
    E(C_SignInit) E(C_Sign) E(C_SignUpdate) E(C_SignFinal) E(C_SignRecoverInit)
    E(C_SignRecover) E(C_VerifyInit) E(C_Verify) E(C_VerifyUpdate) E(C_VerifyFinal)
    E(C_VerifyRecoverInit) E(C_VerifyRecover) E(C_DigestEncryptUpdate)
    E(C_DecryptDigestUpdate) E(C_SignEncryptUpdate) E(C_DecryptVerifyUpdate)
    E(C_GenerateKey) E(C_GenerateKeyPair) E(C_WrapKey) E(C_UnwrapKey) E(C_DeriveKey)
    E(C_SeedRandom) E(C_GenerateRandom) E(C_GetFunctionStatus) E(C_CancelFunction)
    E(C_WaitForSlotEvent)
#undef E
};

static CK_RV bc_C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR ppFunctionList)
{
    if (!ppFunctionList)
        return CKR_ARGUMENTS_BAD;
    *ppFunctionList = &function_list;
    return CKR_OK;
}

EXPORT CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR ppFunctionList)
{
    return bc_C_GetFunctionList(ppFunctionList);
}
