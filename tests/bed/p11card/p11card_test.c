/*
 * bed_p11card_test: drives the bed's virtual NHS card module (lanyard-bed-card-pkcs11) through
 * libp11 + OpenSSL 3, the way the Lanyard client will. Prints TAP-like "ok - ..." /
 * "not ok - ..." lines and exits non-zero on any failure.
 *
 *   bed_p11card_test --module SO --reader NAME --id ID --passcode PIN --cert PEM
 *                    [--mode sign|full|removal] [--unlock-cmd CMD] [--max-tries N]
 *
 * The module must find its config through LANYARD_BED_CARD_CONF and SoftHSM through
 * SOFTHSM2_CONF (environment). A card for ID must sit in reader NAME when the test starts.
 *   sign     find the slot by reader name, token ID present, certificate listed and equal to
 *            PEM, log in, sign a random challenge (RSA PKCS#1 v1.5 SHA-256 or ECDSA SHA-256),
 *            verify it with the public key of PEM.
 *   full     sign, then the passcode retry counter: wrong -> COUNT_LOW, right -> reset,
 *            wrong x max_tries -> COUNT_LOW, FINAL_TRY, LOCKED; right passcode refused with
 *            CKR_PIN_LOCKED; runs CMD (the unlock helper, e.g. "tokens.sh unlock BEDDIR ID");
 *            right passcode works again. The card's counter must start at 0.
 *   removal  sign, then prints the line "# remove-card-now" and waits for a line on stdin:
 *            the harness removes the card (kills card.py) and then writes a line. The next
 *            signature must fail with CKR_DEVICE_REMOVED, and the token must disappear. Then
 *            prints "# insert-card-now" and waits for another line: the harness puts the card
 *            back; the token must come back logged out, and log in + sign must work again.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libp11.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#define CKR_PIN_INCORRECT_ 0xa0UL
#define CKR_PIN_LOCKED_ 0xa4UL
#define CKR_DEVICE_REMOVED_ 0x32UL

static const char *module, *reader, *id, *passcode, *cert_path, *mode = "sign", *unlock_cmd;
static int max_tries = 3;
static int failures, tests;
static PKCS11_CTX *ctx;
static PKCS11_SLOT *slots;
static unsigned int nslots;
static X509 *cert_file;

static void result(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void result(int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tests++;
    if (!ok)
        failures++;
    printf("%s - ", ok ? "ok" : "not ok");
    vprintf(fmt, ap);
    putchar('\n');
    fflush(stdout);
    va_end(ap);
}

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("# ", stdout);
    vprintf(fmt, ap);
    putchar('\n');
    fflush(stdout);
    va_end(ap);
}

static void bail(const char *what)
{
    result(0, "%s (bailing out)", what);
    printf("# %d test(s), %d failure(s)\n", tests, failures);
    exit(1);
}

/* Drains OpenSSL's error queue; returns 1 if any queued reason equals ckr (libp11 queues the
 * PKCS#11 return value as the reason). Notes what it found. */
static int errors_have(unsigned long ckr)
{
    int found = 0;
    unsigned long e;
    char buf[256];
    while ((e = ERR_get_error()) != 0) {
        if ((unsigned long)ERR_GET_REASON(e) == ckr)
            found = 1;
        ERR_error_string_n(e, buf, sizeof buf);
        note("openssl error: %s (reason 0x%lx)", buf, (unsigned long)ERR_GET_REASON(e));
    }
    return found;
}

static PKCS11_SLOT *find_reader(void)
{
    for (unsigned int i = 0; i < nslots; i++)
        if (slots[i].description && !strcmp(slots[i].description, reader))
            return &slots[i];
    return NULL;
}

/* (Re)enumerates the slots: libp11 reads token info (flags) only while enumerating. This
 * drops libp11's sessions and login state, like the client re-reading the card. */
static PKCS11_SLOT *reenumerate(void)
{
    if (slots)
        PKCS11_release_all_slots(ctx, slots, nslots);
    slots = NULL;
    nslots = 0;
    if (PKCS11_enumerate_slots(ctx, &slots, &nslots) < 0) {
        errors_have(0);
        return NULL;
    }
    return find_reader();
}

/* The slot for our reader once its token is present (absent: 0) or gone, polling up to 10 s:
 * pcscd notices insertions and removals on its next poll of the reader. */
static PKCS11_SLOT *wait_token(int present)
{
    for (int i = 0; i < 200; i++) {
        PKCS11_SLOT *s = reenumerate();
        if (s && !!s->token == present)
            return s;
        struct timespec ts = { 0, 50 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    return reenumerate();
}

static PKCS11_KEY *private_key(PKCS11_TOKEN *tok)
{
    PKCS11_KEY *keys;
    unsigned int n;
    if (PKCS11_enumerate_keys(tok, &keys, &n) < 0) {
        errors_have(0);
        return NULL;
    }
    for (unsigned int i = 0; i < n; i++)
        if (keys[i].isPrivate && keys[i].id_len == 1 && keys[i].id[0] == 0x01)
            return &keys[i];
    return n ? &keys[0] : NULL;
}

/* Signs a random challenge with the token's key; 1 = signed and verified, 0 = failed. */
static int sign_verify(PKCS11_TOKEN *tok, const char *label)
{
    PKCS11_KEY *key = private_key(tok);
    if (!key) {
        result(0, "%s: private key found", label);
        return 0;
    }
    EVP_PKEY *pkey = PKCS11_get_private_key(key);
    if (!pkey) {
        result(0, "%s: PKCS11_get_private_key", label);
        return 0;
    }
    unsigned char challenge[32];
    RAND_bytes(challenge, sizeof challenge);
    unsigned char sig[1024];
    size_t siglen = sizeof sig;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    int ok = EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, pkey) == 1 &&
             EVP_DigestSign(md, sig, &siglen, challenge, sizeof challenge) == 1;
    EVP_MD_CTX_free(md);
    EVP_PKEY_free(pkey);
    if (!ok) {
        note("%s: signing failed", label);
        return 0;
    }
    EVP_PKEY *pub = X509_get_pubkey(cert_file);
    md = EVP_MD_CTX_new();
    ok = EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, pub) == 1 &&
         EVP_DigestVerify(md, sig, siglen, challenge, sizeof challenge) == 1;
    EVP_MD_CTX_free(md);
    result(ok, "%s: %s signature of a random challenge verifies with %s's certificate", label,
           EVP_PKEY_get_base_id(pub) == EVP_PKEY_EC ? "ECDSA SHA-256" : "RSA PKCS#1 v1.5 SHA-256", id);
    EVP_PKEY_free(pub);
    return ok;
}

static void flags_are(PKCS11_TOKEN *t, int low, int final, int locked, const char *when)
{
    result(t && t->userPinCountLow == low && t->userPinFinalTry == final && t->userPinLocked == locked,
           "%s: token flags COUNT_LOW=%d FINAL_TRY=%d LOCKED=%d (got %d %d %d)", when, low, final, locked,
           t ? t->userPinCountLow : -1, t ? t->userPinFinalTry : -1, t ? t->userPinLocked : -1);
}

static int login(PKCS11_SLOT *s, const char *pin)
{
    return PKCS11_login(s, 0, pin) == 0;
}

static int wait_line(const char *prompt)
{
    printf("# %s\n", prompt);
    fflush(stdout);
    char line[128];
    return fgets(line, sizeof line, stdin) != NULL;
}

static PKCS11_SLOT *phase_sign(void)
{
    PKCS11_SLOT *s = wait_token(1);
    if (!s)
        bail("slot found for the reader");
    result(1, "slot found for reader \"%s\"", reader);
    result(s->removable, "slot is removable");
    if (!s->token)
        bail("token present in the reader");
    result(!strcmp(s->token->label, id), "token present, label \"%s\" (want \"%s\")", s->token->label, id);
    result(s->token->loginRequired && s->token->userPinSet, "token needs a login, user PIN set");
    flags_are(s->token, 0, 0, 0, "fresh card");

    PKCS11_CERT *certs;
    unsigned int ncerts;
    int ok = PKCS11_enumerate_certs(s->token, &certs, &ncerts) == 0 && ncerts >= 1;
    result(ok, "certificates listed before login (%u)", ok ? ncerts : 0);
    if (!ok)
        bail("certificate on the token");
    result(X509_cmp(certs[0].x509, cert_file) == 0, "token certificate \"%s\" equals %s", certs[0].label,
           cert_path);

    result(login(s, passcode), "login with the right passcode");
    sign_verify(s->token, "logged in");
    return s;
}

static void phase_full(PKCS11_SLOT *s)
{
    const char *wrong = strcmp(passcode, "000000") ? "000000" : "999999";
    PKCS11_logout(s);
    s = reenumerate();

    {
        int failed = !login(s, wrong);
        result(failed && errors_have(CKR_PIN_INCORRECT_), "wrong passcode refused with CKR_PIN_INCORRECT");
    }
    s = reenumerate();
    flags_are(s ? s->token : NULL, 1, 0, 0, "after 1 wrong passcode");
    result(login(s, passcode), "right passcode accepted after a wrong one");
    PKCS11_logout(s);
    s = reenumerate();
    flags_are(s ? s->token : NULL, 0, 0, 0, "right passcode resets the counter");

    for (int i = 1; i <= max_tries; i++) {
        int failed = !login(s, wrong);
        result(failed && errors_have(CKR_PIN_INCORRECT_), "wrong passcode %d/%d refused with CKR_PIN_INCORRECT", i,
               max_tries);
        s = reenumerate();
        char when[64];
        snprintf(when, sizeof when, "after %d wrong passcode(s)", i);
        if (i < max_tries - 1)
            flags_are(s ? s->token : NULL, 1, 0, 0, when);
        else if (i == max_tries - 1)
            flags_are(s ? s->token : NULL, 1, 1, 0, when);
        else
            flags_are(s ? s->token : NULL, 0, 0, 1, when);
    }
    {
        int failed = !login(s, passcode);
        result(failed && errors_have(CKR_PIN_LOCKED_), "locked card refuses the right passcode with CKR_PIN_LOCKED");
    }
    s = reenumerate();
    flags_are(s ? s->token : NULL, 0, 0, 1, "still locked");

    if (!unlock_cmd) {
        note("no --unlock-cmd: skipping the unlock");
        return;
    }
    int rc = system(unlock_cmd);
    result(rc == 0, "unlock helper ran: %s", unlock_cmd);
    s = reenumerate();
    flags_are(s ? s->token : NULL, 0, 0, 0, "after unlock");
    result(login(s, passcode), "right passcode accepted after unlock");
    sign_verify(s->token, "after unlock");
    PKCS11_logout(s);
}

static void phase_removal(PKCS11_SLOT *s)
{
    PKCS11_TOKEN *tok = s->token;
    PKCS11_KEY *key = private_key(tok);
    EVP_PKEY *pkey = key ? PKCS11_get_private_key(key) : NULL;
    if (!pkey)
        bail("private key before removal");
    if (!wait_line("remove-card-now"))
        bail("harness line after removing the card");
    unsigned char challenge[32] = { 1 }, sig[1024];
    size_t siglen = sizeof sig;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    int signed_ok = EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, pkey) == 1 &&
                    EVP_DigestSign(md, sig, &siglen, challenge, sizeof challenge) == 1;
    EVP_MD_CTX_free(md);
    result(!signed_ok, "signing right after the card was pulled fails");
    result(errors_have(CKR_DEVICE_REMOVED_), "... with CKR_DEVICE_REMOVED");
    siglen = sizeof sig;
    md = EVP_MD_CTX_new();
    signed_ok = EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, pkey) == 1 &&
                EVP_DigestSign(md, sig, &siglen, challenge, sizeof challenge) == 1;
    EVP_MD_CTX_free(md);
    result(!signed_ok && errors_have(CKR_DEVICE_REMOVED_), "signing again still fails with CKR_DEVICE_REMOVED");
    EVP_PKEY_free(pkey);

    s = wait_token(0);
    result(s && !s->token, "slot for \"%s\" shows no token", reader);

    if (!wait_line("insert-card-now"))
        bail("harness line after reinserting the card");
    s = wait_token(1);
    result(s && s->token && !strcmp(s->token->label, id), "token back after reinsertion");
    if (!s || !s->token)
        return;
    int logged_in = -1;
    PKCS11_is_logged_in(s, 0, &logged_in);
    result(logged_in == 0, "reinserted card is not logged in (login state went with the card)");
    result(login(s, passcode), "login again after reinsertion");
    sign_verify(s->token, "after reinsertion");
}

static void usage(void)
{
    fprintf(stderr, "usage: bed_p11card_test --module SO --reader NAME --id ID --passcode PIN --cert PEM\n"
                    "                        [--mode sign|full|removal] [--unlock-cmd CMD] [--max-tries N]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc)
            usage();
        const char *v = argv[++i];
        if (!strcmp(a, "--module")) module = v;
        else if (!strcmp(a, "--reader")) reader = v;
        else if (!strcmp(a, "--id")) id = v;
        else if (!strcmp(a, "--passcode")) passcode = v;
        else if (!strcmp(a, "--cert")) cert_path = v;
        else if (!strcmp(a, "--mode")) mode = v;
        else if (!strcmp(a, "--unlock-cmd")) unlock_cmd = v;
        else if (!strcmp(a, "--max-tries")) max_tries = atoi(v);
        else usage();
    }
    if (!module || !reader || !id || !passcode || !cert_path || max_tries < 1)
        usage();
    if (strcmp(mode, "sign") && strcmp(mode, "full") && strcmp(mode, "removal"))
        usage();
    setvbuf(stdout, NULL, _IOLBF, 0);

    FILE *f = fopen(cert_path, "r");
    cert_file = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
    if (f)
        fclose(f);
    if (!cert_file)
        bail("reading the certificate PEM");

    ctx = PKCS11_CTX_new();
    if (PKCS11_CTX_load(ctx, module) < 0) {
        errors_have(0);
        bail("loading the module");
    }
    result(1, "module loaded: %s", module);

    PKCS11_SLOT *s = phase_sign();
    if (!strcmp(mode, "full"))
        phase_full(s);
    else if (!strcmp(mode, "removal"))
        phase_removal(s);

    if (slots)
        PKCS11_release_all_slots(ctx, slots, nslots);
    PKCS11_CTX_unload(ctx);
    PKCS11_CTX_free(ctx);
    X509_free(cert_file);
    printf("# %s: %d test(s), %d failure(s)\n", mode, tests, failures);
    return failures ? 1 : 0;
}
