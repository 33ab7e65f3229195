/* The floor for "card inserted -> session active": the least any client must do, done as plainly
 * as possible, with the clinician's card already in the reader.
 *
 *  1. PKCS#11, straight through the C API of the card module (dlopen, no libp11): C_Initialize,
 *     the slot whose token is the clinician's, C_OpenSession, C_Login with the passcode, the
 *     private key, one C_Sign (CKM_SHA256_RSA_PKCS) of 32 bytes (the certificate read from the
 *     card first, as TLS client authentication needs it); then C_Logout, C_CloseSession,
 *     C_Finalize, which are not on the way to an active session and so are not timed.
 *  2. OpenID Connect with libcurl: ONE easy handle for the whole sign-in (connection reuse, the
 *     cookie engine on), TLS verified against the bed's CA, the card's certificate and key from
 *     the PEM files: discovery, JWKS, the authorization request (code + PKCE S256, state, nonce)
 *     with its redirects followed one at a time up to the redirect URI, the token request and
 *     userinfo with the access token.
 *
 * Every cycle is a cold sign-in: a new TLS connection (the card's certificate cannot have been
 * shown before the card was there) and no IdP session cookie (otherwise the IdP signs in again
 * without looking at the certificate). The easy handle is kept for the whole run; its cookies
 * are cleared at the start of a cycle and its connection closed after the cycle's last request.
 *
 *   floor_signin [--cycles N] [--warmup N] [--user ID] [--passcode DIGITS] [--module PATH]
 *                [--from-insertion]   (reinsert the card each cycle; time from the PC/SC event)
 *                [--issuer URL] [--ca PEM] [--cert PEM] [--key PEM] [--verbose]
 * Defaults come from the bed's environment (`bed exec`): BED_CARD_MODULE, BED_IDP_ISSUER,
 * BED_CA_BUNDLE, BED_PKI/users/ID.crt|.key. Prints a table and one JSON line; exit 1 (with the
 * failing step on stderr) if any step goes wrong.
 */
#define _POSIX_C_SOURCE 200809L

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <winscard.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <p11-kit/pkcs11.h>

#define REDIRECT_URI_FMT "http://127.0.0.1:%d/callback"
#define SCOPE "openid profile email nhsperson associatedorgs nationalrbacaccess selectedrole"
#define CLIENT_ID "lanyard"
#define MAX_HOPS 10

static int verbose;

static void die(const char *step, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
static void die(const char *step, const char *fmt, ...)
{
    va_list args;
    fprintf(stderr, "floor_signin: %s failed: ", step);
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fputc('\n', stderr);
    exit(1);
}

static double now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec * 1e3 + (double)now.tv_nsec / 1e6;
}

/* ---------------------------------------------------------------- PKCS#11 */

static CK_FUNCTION_LIST_PTR load_module(const char *path)
{
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    void *symbol;
    CK_C_GetFunctionList get_function_list;
    CK_FUNCTION_LIST_PTR functions = NULL;
    CK_RV rv;

    if (!handle)
        die("dlopen", "%s", dlerror());
    symbol = dlsym(handle, "C_GetFunctionList");
    if (!symbol)
        die("dlsym", "C_GetFunctionList not in %s", path);
    memcpy(&get_function_list, &symbol, sizeof get_function_list); /* ISO C: no direct cast */
    rv = get_function_list(&functions);
    if (rv != CKR_OK || !functions)
        die("C_GetFunctionList", "CKR 0x%lx", (unsigned long)rv);
    return functions; /* the module stays loaded, as in any resident client */
}

static void check_rv(const char *step, CK_RV rv)
{
    if (rv != CKR_OK)
        die(step, "CKR 0x%lx", (unsigned long)rv);
}

/* Label (32 bytes, blank-padded) equal to id? */
static int label_is(const CK_UTF8CHAR label[32], const char *id)
{
    size_t n = strlen(id), i;
    if (n > 32 || memcmp(label, id, n) != 0)
        return 0;
    for (i = n; i < 32; ++i)
        if (label[i] != ' ' && label[i] != '\0')
            return 0;
    return 1;
}

/* --from-insertion: the card goes out and back in before each cycle, and the cycle's clock starts
 * at the PC/SC event that says it is in, as Lanyard's does. The first connection to a card that
 * has just arrived is part of what any client pays between the tap and an active session. */
static SCARDCONTEXT pcsc_context;

static void bed_card(const char *action, const char *user, int background)
{
    char command[1024];
    const char *script = getenv("LANYARD_BED_SCRIPT"), *dir = getenv("LANYARD_BED_DIR");
    if (!script || !dir)
        die("--from-insertion", "needs LANYARD_BED_SCRIPT and LANYARD_BED_DIR (run under bed exec)");
    snprintf(command, sizeof command, "'%s' card '%s' %s %s >/dev/null 2>&1%s", script, dir, action,
             user ? user : "", background ? " &" : "");
    if (system(command) != 0 && !background)
        die("--from-insertion", "bed card %s failed", action);
}

/* Removes and reinserts the card; returns the time (ms) at which PC/SC reported it in. */
static double reinsert_card(const char *user)
{
    SCARD_READERSTATE state;
    LONG rv;
    bed_card("remove", NULL, 0);
    memset(&state, 0, sizeof state);
    state.szReader = "Virtual PCD 00 00";
    state.dwCurrentState = SCARD_STATE_UNAWARE;
    SCardGetStatusChange(pcsc_context, 0, &state, 1);
    state.dwCurrentState = state.dwEventState;
    bed_card("insert", user, 1);
    do {
        rv = SCardGetStatusChange(pcsc_context, 30000, &state, 1);
        if (rv != SCARD_S_SUCCESS)
            die("SCardGetStatusChange", "%s", pcsc_stringify_error(rv));
        state.dwCurrentState = state.dwEventState;
    } while (!(state.dwEventState & SCARD_STATE_PRESENT));
    return now_ms();
}

enum { P_INIT, P_LOGIN, P_SIGN, P_END, P_PARTS };
static const char *const pkcs11_part_names[P_PARTS] = {
    "  C_Initialize..certificate read", "  C_Login", "  C_FindObjects+C_Sign",
    "  (C_Logout..C_Finalize, untimed)"
};

/* One card sign-in: returns nothing, fills part[] with the time of each step in ms. */
static void pkcs11_cycle(CK_FUNCTION_LIST_PTR p11, const char *user, const char *passcode,
                         double part[P_PARTS])
{
    CK_SLOT_ID slots[16];
    CK_ULONG slot_count = 16, i, found = 0, sig_len;
    CK_SLOT_ID slot = 0;
    int have_slot = 0;
    CK_SESSION_HANDLE session;
    CK_OBJECT_CLASS key_class = CKO_PRIVATE_KEY;
    CK_ATTRIBUTE template[] = { { CKA_CLASS, &key_class, sizeof key_class } };
    CK_OBJECT_HANDLE key;
    CK_MECHANISM mechanism = { CKM_SHA256_RSA_PKCS, NULL, 0 };
    CK_BYTE challenge[32], signature[1024];
    double t0 = now_ms(), t1;

    if (RAND_bytes(challenge, sizeof challenge) != 1)
        die("RAND_bytes", "no randomness");

    check_rv("C_Initialize", p11->C_Initialize(NULL));
    check_rv("C_GetSlotList", p11->C_GetSlotList(CK_TRUE, slots, &slot_count));
    for (i = 0; i < slot_count; ++i) {
        CK_TOKEN_INFO info;
        if (p11->C_GetTokenInfo(slots[i], &info) != CKR_OK)
            continue;
        if (label_is(info.label, user)) {
            slot = slots[i];
            have_slot = 1;
            break;
        }
        if (!have_slot) { /* first slot with a token, unless the user's turns up */
            slot = slots[i];
            have_slot = 1;
        }
    }
    if (!have_slot)
        die("C_GetSlotList", "no slot with a token (%lu slots): is the card in?",
            (unsigned long)slot_count);
    check_rv("C_OpenSession",
             p11->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &session));
    /* The certificate comes from the card: TLS client authentication presents it. */
    {
        CK_OBJECT_CLASS cert_class = CKO_CERTIFICATE;
        CK_ATTRIBUTE cert_template[] = { { CKA_CLASS, &cert_class, sizeof cert_class } };
        CK_OBJECT_HANDLE cert;
        CK_BYTE der[8192];
        CK_ATTRIBUTE value = { CKA_VALUE, der, sizeof der };
        check_rv("C_FindObjectsInit", p11->C_FindObjectsInit(session, cert_template, 1));
        check_rv("C_FindObjects", p11->C_FindObjects(session, &cert, 1, &found));
        check_rv("C_FindObjectsFinal", p11->C_FindObjectsFinal(session));
        if (found != 1)
            die("C_FindObjects", "no certificate on the token");
        check_rv("C_GetAttributeValue", p11->C_GetAttributeValue(session, cert, &value, 1));
        found = 0;
    }
    t1 = now_ms();
    part[P_INIT] = t1 - t0;
    t0 = t1;

    check_rv("C_Login", p11->C_Login(session, CKU_USER, (CK_UTF8CHAR_PTR)(void *)passcode,
                                     (CK_ULONG)strlen(passcode)));
    t1 = now_ms();
    part[P_LOGIN] = t1 - t0;
    t0 = t1;

    check_rv("C_FindObjectsInit", p11->C_FindObjectsInit(session, template, 1));
    check_rv("C_FindObjects", p11->C_FindObjects(session, &key, 1, &found));
    check_rv("C_FindObjectsFinal", p11->C_FindObjectsFinal(session));
    if (found != 1)
        die("C_FindObjects", "no private key on the token");
    check_rv("C_SignInit", p11->C_SignInit(session, &mechanism, key));
    sig_len = sizeof signature;
    check_rv("C_Sign", p11->C_Sign(session, challenge, sizeof challenge, signature, &sig_len));
    if (sig_len < 128)
        die("C_Sign", "a %lu-byte signature", (unsigned long)sig_len);
    t1 = now_ms();
    part[P_SIGN] = t1 - t0;
    t0 = t1;

    check_rv("C_Logout", p11->C_Logout(session));
    check_rv("C_CloseSession", p11->C_CloseSession(session));
    check_rv("C_Finalize", p11->C_Finalize(NULL));
    part[P_END] = now_ms() - t0;
}

/* ---------------------------------------------------------------- HTTP */

struct buffer {
    char *data;
    size_t size;
};

static size_t collect(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct buffer *b = userdata;
    size_t n = size * nmemb;
    char *grown = realloc(b->data, b->size + n + 1);
    if (!grown)
        return 0;
    memcpy(grown + b->size, ptr, n);
    b->size += n;
    grown[b->size] = '\0';
    b->data = grown;
    return n;
}

/* The string value of "key" in a JSON text, first occurrence, simple escapes undone; NULL if
 * absent or not a string. Enough for the few flat fields read here. Caller frees. */
static char *json_string(const char *json, const char *key)
{
    size_t key_len = strlen(key);
    const char *p = json;
    while (p && (p = strchr(p, '"')) != NULL) {
        const char *q = p + 1;
        if (strncmp(q, key, key_len) == 0 && q[key_len] == '"') {
            const char *v = q + key_len + 1;
            char *out, *o;
            while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
                ++v;
            if (*v != ':') {
                p = q;
                continue;
            }
            ++v;
            while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
                ++v;
            if (*v != '"')
                return NULL;
            ++v;
            out = o = malloc(strlen(v) + 1);
            if (!out)
                return NULL;
            for (; *v && *v != '"'; ++v) {
                if (*v == '\\' && v[1]) {
                    ++v;
                    *o++ = *v == 'n' ? '\n' : *v == 't' ? '\t' : *v; /* \" \\ \/ */
                } else {
                    *o++ = *v;
                }
            }
            *o = '\0';
            return out;
        }
        /* skip this string, whatever it is */
        for (++p; *p && *p != '"'; ++p)
            if (*p == '\\' && p[1])
                ++p;
        if (*p)
            ++p;
    }
    return NULL;
}

static char *json_require(const char *step, const char *json, const char *key)
{
    char *value = json_string(json, key);
    if (!value || !*value)
        die(step, "no \"%s\" in %.300s", key, json);
    return value;
}

static void base64url(const unsigned char *in, int len, char *out /* >= 4*len/3+4 */)
{
    int n = EVP_EncodeBlock((unsigned char *)out, in, len), i, j = 0;
    for (i = 0; i < n; ++i) {
        if (out[i] == '=')
            break;
        out[j++] = out[i] == '+' ? '-' : out[i] == '/' ? '_' : out[i];
    }
    out[j] = '\0';
}

static void random_b64url(char *out, int bytes)
{
    unsigned char raw[64];
    if (bytes > (int)sizeof raw || RAND_bytes(raw, bytes) != 1)
        die("RAND_bytes", "no randomness");
    base64url(raw, bytes, out);
}

struct http {
    CURL *curl;
    struct buffer body;
    long status;
    long connects; /* new connections this cycle */
    double tls_ms; /* the cycle's first TLS handshake (connect -> appconnect) */
};

/* One request on the shared handle; body in h->body, status in h->status. */
static void perform(struct http *h, const char *step, const char *url)
{
    CURLcode rc;
    long connects = 0;
    free(h->body.data);
    h->body.data = NULL;
    h->body.size = 0;
    curl_easy_setopt(h->curl, CURLOPT_URL, url);
    rc = curl_easy_perform(h->curl);
    if (rc != CURLE_OK)
        die(step, "%s: %s", url, curl_easy_strerror(rc));
    curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &h->status);
    curl_easy_getinfo(h->curl, CURLINFO_NUM_CONNECTS, &connects);
    if (connects > 0 && h->tls_ms == 0) {
        curl_off_t connect_us = 0, app_us = 0;
        curl_easy_getinfo(h->curl, CURLINFO_CONNECT_TIME_T, &connect_us);
        curl_easy_getinfo(h->curl, CURLINFO_APPCONNECT_TIME_T, &app_us);
        h->tls_ms = (double)(app_us - connect_us) / 1e3;
    }
    h->connects += connects;
    if (!h->body.data) { /* an empty body reads as "" */
        h->body.data = calloc(1, 1);
        if (!h->body.data)
            die(step, "out of memory");
    }
}

static void expect_status(const char *step, struct http *h, long want)
{
    if (h->status != want)
        die(step, "HTTP %ld (wanted %ld): %.300s", h->status, want, h->body.data);
}

/* name=value& with value percent-encoded, appended to out (size cap). */
static void add_param(CURL *curl, char *out, size_t cap, const char *name, const char *value)
{
    char *escaped = curl_easy_escape(curl, value, 0);
    size_t used = strlen(out);
    int n;
    if (!escaped)
        die("curl_easy_escape", "out of memory");
    n = snprintf(out + used, cap - used, "%s%s=%s", used ? "&" : "", name, escaped);
    curl_free(escaped);
    if (n < 0 || (size_t)n >= cap - used)
        die("add_param", "query too long");
}

/* The query parameter name of URL, percent-decoded; NULL if absent. Caller frees. */
static char *query_param(CURL *curl, const char *url, const char *name)
{
    const char *q = strchr(url, '?');
    size_t n = strlen(name);
    while (q) {
        const char *start = q + 1, *end = start + strcspn(start, "&#");
        if (strncmp(start, name, n) == 0 && start[n] == '=') {
            int len = 0;
            char *decoded = curl_easy_unescape(curl, start + n + 1, (int)(end - start - n - 1), &len);
            char *copy = decoded ? strdup(decoded) : NULL;
            curl_free(decoded);
            return copy;
        }
        q = *end == '&' ? end : NULL;
    }
    return NULL;
}

enum { H_DISCOVERY, H_JWKS, H_AUTHORIZE, H_TOKEN, H_USERINFO, H_PARTS };
static const char *const http_part_names[H_PARTS] = {
    "  discovery (+TLS handshake)", "  jwks", "  authorize + redirects", "  token",
    "  userinfo"
};

static void http_cycle(struct http *h, const char *issuer, double part[H_PARTS], long *hops_out)
{
    char url[4096], redirect_uri[64], post[4096], auth_header[4096];
    char verifier[64], challenge[64], state[32], nonce[32];
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_len = 0;
    char *authorization_endpoint, *token_endpoint, *userinfo_endpoint, *jwks_uri, *code,
        *got_state, *access_token, *id_token, *token_type, *sub;
    struct curl_slist *headers;
    long hops = 0;
    double t0, t1;

    /* A cold sign-in: no IdP session cookie; the last cycle's connection was closed. */
    curl_easy_setopt(h->curl, CURLOPT_COOKIELIST, "ALL");
    h->connects = 0;
    h->tls_ms = 0;

    t0 = now_ms();
    snprintf(url, sizeof url, "%s/.well-known/openid-configuration", issuer);
    curl_easy_setopt(h->curl, CURLOPT_HTTPGET, 1L);
    perform(h, "discovery", url);
    expect_status("discovery", h, 200);
    authorization_endpoint = json_require("discovery", h->body.data, "authorization_endpoint");
    token_endpoint = json_require("discovery", h->body.data, "token_endpoint");
    userinfo_endpoint = json_require("discovery", h->body.data, "userinfo_endpoint");
    jwks_uri = json_require("discovery", h->body.data, "jwks_uri");
    t1 = now_ms();
    part[H_DISCOVERY] = t1 - t0;
    t0 = t1;

    perform(h, "jwks", jwks_uri);
    expect_status("jwks", h, 200);
    if (!strstr(h->body.data, "\"keys\"") || !strstr(h->body.data, "\"kid\""))
        die("jwks", "no keys: %.300s", h->body.data);
    t1 = now_ms();
    part[H_JWKS] = t1 - t0;
    t0 = t1;

    /* The authorization request: code flow, PKCE S256. */
    random_b64url(verifier, 32); /* 43 characters */
    if (!EVP_Digest(verifier, strlen(verifier), digest, &digest_len, EVP_sha256(), NULL))
        die("PKCE", "SHA-256 failed");
    base64url(digest, (int)digest_len, challenge);
    random_b64url(state, 16);
    random_b64url(nonce, 16);
    snprintf(redirect_uri, sizeof redirect_uri, REDIRECT_URI_FMT, 20000 + (int)((long long)now_ms() % 20000));
    post[0] = '\0';
    add_param(h->curl, post, sizeof post, "client_id", CLIENT_ID);
    add_param(h->curl, post, sizeof post, "response_type", "code");
    add_param(h->curl, post, sizeof post, "redirect_uri", redirect_uri);
    add_param(h->curl, post, sizeof post, "scope", SCOPE);
    add_param(h->curl, post, sizeof post, "code_challenge", challenge);
    add_param(h->curl, post, sizeof post, "code_challenge_method", "S256");
    add_param(h->curl, post, sizeof post, "state", state);
    add_param(h->curl, post, sizeof post, "nonce", nonce);
    snprintf(url, sizeof url, "%s%s%s", authorization_endpoint,
             strchr(authorization_endpoint, '?') ? "&" : "?", post);
    for (;;) {
        char *location = NULL;
        perform(h, "authorize", url);
        if (h->status < 300 || h->status > 399)
            die("authorize", "HTTP %ld at hop %ld, not a redirect: %.300s", h->status, hops,
                h->body.data);
        curl_easy_getinfo(h->curl, CURLINFO_REDIRECT_URL, &location);
        if (!location)
            die("authorize", "HTTP %ld without Location at hop %ld", h->status, hops);
        ++hops;
        if (strncmp(location, redirect_uri, strlen(redirect_uri)) == 0) {
            snprintf(url, sizeof url, "%s", location);
            break;
        }
        if (hops >= MAX_HOPS)
            die("authorize", "still redirecting after %d hops (%s)", MAX_HOPS, location);
        if (snprintf(url, sizeof url, "%s", location) >= (int)sizeof url)
            die("authorize", "Location too long");
    }
    got_state = query_param(h->curl, url, "state");
    code = query_param(h->curl, url, "code");
    if (!got_state || strcmp(got_state, state) != 0)
        die("authorize", "state mismatch in %.200s", url);
    if (!code || !*code) {
        char *error = query_param(h->curl, url, "error");
        die("authorize", "no code in the redirect (error=%s)", error ? error : "?");
    }
    t1 = now_ms();
    part[H_AUTHORIZE] = t1 - t0;
    t0 = t1;

    post[0] = '\0';
    add_param(h->curl, post, sizeof post, "grant_type", "authorization_code");
    add_param(h->curl, post, sizeof post, "code", code);
    add_param(h->curl, post, sizeof post, "redirect_uri", redirect_uri);
    add_param(h->curl, post, sizeof post, "client_id", CLIENT_ID);
    add_param(h->curl, post, sizeof post, "code_verifier", verifier);
    curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, post);
    perform(h, "token", token_endpoint);
    expect_status("token", h, 200);
    access_token = json_require("token", h->body.data, "access_token");
    id_token = json_require("token", h->body.data, "id_token");
    token_type = json_require("token", h->body.data, "token_type");
    if (strcmp(token_type, "Bearer") != 0)
        die("token", "token_type %s", token_type);
    t1 = now_ms();
    part[H_TOKEN] = t1 - t0;
    t0 = t1;

    snprintf(auth_header, sizeof auth_header, "Authorization: Bearer %s", access_token);
    headers = curl_slist_append(NULL, auth_header);
    curl_easy_setopt(h->curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, headers);
    /* The sign-in is over: close the connection, so the next cycle starts cold. */
    curl_easy_setopt(h->curl, CURLOPT_FORBID_REUSE, 1L);
    perform(h, "userinfo", userinfo_endpoint);
    curl_easy_setopt(h->curl, CURLOPT_FORBID_REUSE, 0L);
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(headers);
    expect_status("userinfo", h, 200);
    sub = json_require("userinfo", h->body.data, "sub");
    if (!strstr(h->body.data, "\"nhsid_nrbac_roles\""))
        die("userinfo", "no nhsid_nrbac_roles: %.300s", h->body.data);
    part[H_USERINFO] = now_ms() - t0;

    *hops_out = hops;
    free(authorization_endpoint);
    free(token_endpoint);
    free(userinfo_endpoint);
    free(jwks_uri);
    free(code);
    free(got_state);
    free(access_token);
    free(id_token);
    free(token_type);
    free(sub);
}

/* ---------------------------------------------------------------- statistics, main */

static int compare_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank on the sorted copy, as bench/cardevents does. */
static double percentile(const double *values, int n, double fraction)
{
    double *sorted, result;
    if (n <= 0)
        return 0;
    sorted = malloc((size_t)n * sizeof *sorted);
    if (!sorted)
        die("percentile", "out of memory");
    memcpy(sorted, values, (size_t)n * sizeof *sorted);
    qsort(sorted, (size_t)n, sizeof *sorted, compare_double);
    result = sorted[(int)(fraction * (n - 1) + 0.5)];
    free(sorted);
    return result;
}

static void row(const char *name, const double *values, int n)
{
    printf("%-32s %9.1f %9.1f %9.1f\n", name, percentile(values, n, 0.5),
           percentile(values, n, 0.9), percentile(values, n, 0.0));
}

static const char *option_value(int *i, int argc, char **argv)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "floor_signin: %s needs a value\n", argv[*i]);
        exit(2);
    }
    return argv[++*i];
}

static const char *env_or(const char *name, const char *fallback)
{
    const char *value = getenv(name);
    return value && *value ? value : fallback;
}

int main(int argc, char **argv)
{
    int cycles = 20, warmup = 2, i, c, from_insertion = 0;
    const char *user = "alice", *passcode = "123456";
    const char *module = env_or("BED_CARD_MODULE", NULL);
    const char *issuer = env_or("BED_IDP_ISSUER", NULL);
    const char *ca = env_or("BED_CA_BUNDLE", NULL);
    const char *cert = NULL, *key = NULL;
    char cert_path[4096], key_path[4096], issuer_trimmed[1024];
    double *pkcs11_ms, *http_ms, *total_ms, *pkcs11_parts[P_PARTS], *http_parts[H_PARTS], *tls_ms;
    long connects_min = -1, connects_max = 0, hops = 0;
    CK_FUNCTION_LIST_PTR p11;
    struct http h = { 0 };

    for (i = 1; i < argc; ++i) {
        if (!strcmp(argv[i], "--cycles"))
            cycles = atoi(option_value(&i, argc, argv));
        else if (!strcmp(argv[i], "--warmup"))
            warmup = atoi(option_value(&i, argc, argv));
        else if (!strcmp(argv[i], "--user"))
            user = option_value(&i, argc, argv);
        else if (!strcmp(argv[i], "--passcode"))
            passcode = option_value(&i, argc, argv);
        else if (!strcmp(argv[i], "--module"))
            module = option_value(&i, argc, argv);
        else if (!strcmp(argv[i], "--issuer"))
            issuer = option_value(&i, argc, argv);
        else if (!strcmp(argv[i], "--ca"))
            ca = option_value(&i, argc, argv);
        else if (!strcmp(argv[i], "--cert"))
            cert = option_value(&i, argc, argv);
        else if (!strcmp(argv[i], "--key"))
            key = option_value(&i, argc, argv);
        else if (!strcmp(argv[i], "--from-insertion"))
            from_insertion = 1;
        else if (!strcmp(argv[i], "--verbose"))
            verbose = 1;
        else {
            fprintf(stderr,
                    "usage: %s [--cycles N] [--warmup N] [--user ID] [--passcode DIGITS] "
                    "[--module PATH] [--issuer URL] [--ca PEM] [--cert PEM] [--key PEM] "
                    "[--from-insertion] [--verbose]\n",
                    argv[0]);
            return 2;
        }
    }
    if (cycles < 1 || warmup < 0) {
        fprintf(stderr, "floor_signin: --cycles must be >= 1 and --warmup >= 0\n");
        return 2;
    }
    if (!cert || !key) {
        const char *pki = getenv("BED_PKI");
        if (!pki)
            die("setup", "no --cert/--key and no BED_PKI: run under `bed exec`");
        snprintf(cert_path, sizeof cert_path, "%s/users/%s.crt", pki, user);
        snprintf(key_path, sizeof key_path, "%s/users/%s.key", pki, user);
        if (!cert)
            cert = cert_path;
        if (!key)
            key = key_path;
    }
    if (!module || !issuer || !ca)
        die("setup", "need --module, --issuer and --ca (or BED_CARD_MODULE, BED_IDP_ISSUER, "
                     "BED_CA_BUNDLE from `bed exec`)");
    snprintf(issuer_trimmed, sizeof issuer_trimmed, "%s", issuer);
    if (*issuer_trimmed && issuer_trimmed[strlen(issuer_trimmed) - 1] == '/')
        issuer_trimmed[strlen(issuer_trimmed) - 1] = '\0';

    p11 = load_module(module);
    if (from_insertion && SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &pcsc_context)
                              != SCARD_S_SUCCESS)
        die("SCardEstablishContext", "pcscd is not answering");
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        die("curl_global_init", "failed");
    h.curl = curl_easy_init();
    if (!h.curl)
        die("curl_easy_init", "failed");
    curl_easy_setopt(h.curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(h.curl, CURLOPT_WRITEDATA, &h.body);
    curl_easy_setopt(h.curl, CURLOPT_COOKIEFILE, ""); /* the cookie engine, in memory */
    curl_easy_setopt(h.curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h.curl, CURLOPT_CAINFO, ca);
    curl_easy_setopt(h.curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h.curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h.curl, CURLOPT_SSLCERT, cert);
    curl_easy_setopt(h.curl, CURLOPT_SSLCERTTYPE, "PEM");
    curl_easy_setopt(h.curl, CURLOPT_SSLKEY, key);
    curl_easy_setopt(h.curl, CURLOPT_SSLKEYTYPE, "PEM");
    curl_easy_setopt(h.curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h.curl, CURLOPT_VERBOSE, (long)verbose);

    pkcs11_ms = calloc((size_t)cycles, sizeof(double));
    http_ms = calloc((size_t)cycles, sizeof(double));
    total_ms = calloc((size_t)cycles, sizeof(double));
    tls_ms = calloc((size_t)cycles, sizeof(double));
    for (i = 0; i < P_PARTS; ++i)
        pkcs11_parts[i] = calloc((size_t)cycles, sizeof(double));
    for (i = 0; i < H_PARTS; ++i)
        http_parts[i] = calloc((size_t)cycles, sizeof(double));

    for (c = -warmup; c < cycles; ++c) {
        double p_part[P_PARTS], h_part[H_PARTS], t1, t2, inserted_at = 0, start;
        if (from_insertion)
            inserted_at = reinsert_card(user);
        start = now_ms();
        pkcs11_cycle(p11, user, passcode, p_part);
        t1 = now_ms();
        http_cycle(&h, issuer_trimmed, h_part, &hops);
        t2 = now_ms();
        if (c < 0)
            continue;
        /* Logging out of the card is not on the way to an active session: a client does it
         * afterwards (Lanyard queues it behind the sign-in), so it stays out of the floor. */
        if (from_insertion)
            p_part[P_INIT] += start - inserted_at;
        pkcs11_ms[c] = p_part[P_INIT] + p_part[P_LOGIN] + p_part[P_SIGN];
        http_ms[c] = t2 - t1;
        total_ms[c] = pkcs11_ms[c] + http_ms[c];
        tls_ms[c] = h.tls_ms;
        for (i = 0; i < P_PARTS; ++i)
            pkcs11_parts[i][c] = p_part[i];
        for (i = 0; i < H_PARTS; ++i)
            http_parts[i][c] = h_part[i];
        if (connects_min < 0 || h.connects < connects_min)
            connects_min = h.connects;
        if (h.connects > connects_max)
            connects_max = h.connects;
    }

    printf("floor_signin: %s, %d cycles (+%d warm-up), %s\n", user, cycles, warmup,
           from_insertion ? "timed from the PC/SC card-inserted event" : "card already in the reader");
    printf("%-32s %9s %9s %9s\n", "ms", "median", "p90", "min");
    row("pkcs11", pkcs11_ms, cycles);
    for (i = 0; i < P_PARTS; ++i)
        row(pkcs11_part_names[i], pkcs11_parts[i], cycles);
    row("http", http_ms, cycles);
    for (i = 0; i < H_PARTS; ++i)
        row(http_part_names[i], http_parts[i], cycles);
    row("  (first TLS handshake)", tls_ms, cycles);
    row("total (pkcs11 + http)", total_ms, cycles);
    printf("per sign-in: %ld request(s) (%ld on the authorization redirects), %ld..%ld new TLS "
           "connection(s)\n",
           4 + hops, hops, connects_min, connects_max);
    printf("{\"name\":\"floor_signin\",\"cycles\":%d,\"pkcs11_median_ms\":%.2f,"
           "\"http_median_ms\":%.2f,\"median_ms\":%.2f,\"p90_ms\":%.2f,"
           "\"connections_per_cycle\":%ld}\n",
           cycles, percentile(pkcs11_ms, cycles, 0.5), percentile(http_ms, cycles, 0.5),
           percentile(total_ms, cycles, 0.5), percentile(total_ms, cycles, 0.9), connects_max);

    curl_easy_cleanup(h.curl);
    free(h.body.data);
    curl_global_cleanup();
    return 0;
}
