// The libcurl functions Lanyard uses, each loading libcurl on first use and forwarding to it
// (lazycurl.h says why).
//
// curl.h declares these functions; defining them here, with the same signatures, makes them the
// ones every Lanyard library links against. curl_easy_setopt and curl_multi_setopt take one
// argument after the option, whose type is given by the option's number range (curl.h,
// CURLOPTTYPE_*): below 10000 a long, below 30000 an object or function pointer, below 40000 a
// curl_off_t, and above that a pointer (a struct curl_blob). curl_easy_getinfo always takes a
// pointer. That is how libcurl itself reads them, so forwarding by range passes each on unchanged.
#define CURL_DISABLE_TYPECHECK // typecheck-gcc.h would make curl_easy_setopt a macro here

#include "lazycurl.h"

#include <QByteArray>
#include <QLoggingCategory>

#include <curl/curl.h>

#include <cstdarg>
#include <mutex>

#include <dlfcn.h>

// Every libcurl function forwarded; a new one is added here and defined below.
#define LANYARD_CURL_FUNCTIONS(X)                                                                  \
    X(curl_global_init)                                                                            \
    X(curl_easy_init)                                                                              \
    X(curl_easy_setopt)                                                                            \
    X(curl_easy_perform)                                                                           \
    X(curl_easy_cleanup)                                                                           \
    X(curl_easy_getinfo)                                                                           \
    X(curl_easy_strerror)                                                                          \
    X(curl_slist_append)                                                                           \
    X(curl_slist_free_all)                                                                         \
    X(curl_multi_init)                                                                             \
    X(curl_multi_setopt)                                                                           \
    X(curl_multi_add_handle)                                                                       \
    X(curl_multi_remove_handle)                                                                    \
    X(curl_multi_socket_action)                                                                    \
    X(curl_multi_info_read)                                                                        \
    X(curl_multi_cleanup)                                                                          \
    X(curl_multi_strerror)

namespace Lanyard::Curl {

namespace {

Q_LOGGING_CATEGORY(lcCurl, "lanyard.curl")

struct Api
{
#define LANYARD_CURL_SLOT(name) decltype(&::name) name = nullptr;
    LANYARD_CURL_FUNCTIONS(LANYARD_CURL_SLOT)
#undef LANYARD_CURL_SLOT
};

struct Loaded
{
    std::once_flag once;
    const char *file = LibraryName;
    Api api;
    bool ok = false;
    QString why;         // dlerror()'s reason, when not ok
    QByteArray strerror; // curl_easy_strerror's and curl_multi_strerror's answer, when not ok
};

Loaded &loaded()
{
    static Loaded state;
    return state;
}

void loadNow(Loaded &state)
{
    void *library = dlopen(state.file, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        state.why = QString::fromLocal8Bit(dlerror());
    } else {
        const char *missing = nullptr;
#define LANYARD_CURL_RESOLVE(name)                                                                 \
    state.api.name = reinterpret_cast<decltype(&::name)>(dlsym(library, #name));                   \
    if (!state.api.name && !missing)                                                               \
        missing = #name;
        LANYARD_CURL_FUNCTIONS(LANYARD_CURL_RESOLVE)
#undef LANYARD_CURL_RESOLVE
        if (missing) {
            state.why = QStringLiteral("%1 has no %2; it is older than Lanyard needs")
                            .arg(QString::fromLocal8Bit(state.file), QString::fromLatin1(missing));
            state.api = {};
            dlclose(library);
        } else {
            state.ok = true; // kept loaded for the life of the process
        }
    }
    if (!state.ok) {
        state.strerror = QStringLiteral("libcurl could not be loaded (%1): install the libcurl4 "
                                        "package (libcurl on RPM systems), or call the IT service desk")
                             .arg(state.why)
                             .toUtf8();
        qCCritical(lcCurl).noquote() << QString::fromUtf8(state.strerror);
    }
}

// libcurl's functions, or null when it cannot be loaded.
const Api *api()
{
    Loaded &state = loaded();
    std::call_once(state.once, loadNow, std::ref(state));
    return state.ok ? &state.api : nullptr;
}

const char *notLoadedText() { return loaded().strerror.constData(); }

// The argument after a setopt option, passed on as libcurl reads it (the header's comment).
template <typename Handle, typename Option, typename Result, typename SetOpt>
Result forwardOption(SetOpt setopt, Handle *handle, Option option, va_list args)
{
    const long number = static_cast<long>(option);
    if (number < CURLOPTTYPE_OBJECTPOINT)
        return setopt(handle, option, va_arg(args, long));
    if (number < CURLOPTTYPE_OFF_T)
        return setopt(handle, option, va_arg(args, void *));
    if (number < CURLOPTTYPE_BLOB)
        return setopt(handle, option, va_arg(args, curl_off_t));
    return setopt(handle, option, va_arg(args, void *));
}

} // namespace

bool load(QString *why)
{
    const bool ok = api() != nullptr;
    if (!ok && why)
        *why = loaded().why;
    return ok;
}

void setLibraryForTesting(const char *file) { loaded().file = file; }

} // namespace Lanyard::Curl

using Lanyard::Curl::api;
using Lanyard::Curl::notLoadedText;

CURLcode curl_global_init(long flags)
{
    const auto *a = api();
    return a ? a->curl_global_init(flags) : CURLE_FAILED_INIT;
}

CURL *curl_easy_init()
{
    const auto *a = api();
    return a ? a->curl_easy_init() : nullptr;
}

CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...)
{
    const auto *a = api();
    if (!a)
        return CURLE_FAILED_INIT;
    va_list args;
    va_start(args, option);
    const CURLcode code
        = Lanyard::Curl::forwardOption<CURL, CURLoption, CURLcode>(a->curl_easy_setopt, curl, option, args);
    va_end(args);
    return code;
}

CURLcode curl_easy_perform(CURL *curl)
{
    const auto *a = api();
    return a ? a->curl_easy_perform(curl) : CURLE_FAILED_INIT;
}

void curl_easy_cleanup(CURL *curl)
{
    if (const auto *a = api())
        a->curl_easy_cleanup(curl);
}

CURLcode curl_easy_getinfo(CURL *curl, CURLINFO info, ...)
{
    const auto *a = api();
    if (!a)
        return CURLE_FAILED_INIT;
    va_list args;
    va_start(args, info);
    void *answer = va_arg(args, void *);
    va_end(args);
    return a->curl_easy_getinfo(curl, info, answer);
}

const char *curl_easy_strerror(CURLcode code)
{
    const auto *a = api();
    return a ? a->curl_easy_strerror(code) : notLoadedText();
}

curl_slist *curl_slist_append(curl_slist *list, const char *data)
{
    const auto *a = api();
    return a ? a->curl_slist_append(list, data) : nullptr;
}

void curl_slist_free_all(curl_slist *list)
{
    if (const auto *a = api())
        a->curl_slist_free_all(list);
}

CURLM *curl_multi_init()
{
    const auto *a = api();
    return a ? a->curl_multi_init() : nullptr;
}

CURLMcode curl_multi_setopt(CURLM *multi, CURLMoption option, ...)
{
    const auto *a = api();
    if (!a)
        return CURLM_INTERNAL_ERROR;
    va_list args;
    va_start(args, option);
    const CURLMcode code
        = Lanyard::Curl::forwardOption<CURLM, CURLMoption, CURLMcode>(a->curl_multi_setopt, multi, option, args);
    va_end(args);
    return code;
}

CURLMcode curl_multi_add_handle(CURLM *multi, CURL *easy)
{
    const auto *a = api();
    return a ? a->curl_multi_add_handle(multi, easy) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_remove_handle(CURLM *multi, CURL *easy)
{
    const auto *a = api();
    return a ? a->curl_multi_remove_handle(multi, easy) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_socket_action(CURLM *multi, curl_socket_t socket, int events, int *running)
{
    const auto *a = api();
    return a ? a->curl_multi_socket_action(multi, socket, events, running) : CURLM_INTERNAL_ERROR;
}

CURLMsg *curl_multi_info_read(CURLM *multi, int *queued)
{
    const auto *a = api();
    return a ? a->curl_multi_info_read(multi, queued) : nullptr;
}

CURLMcode curl_multi_cleanup(CURLM *multi)
{
    const auto *a = api();
    return a ? a->curl_multi_cleanup(multi) : CURLM_INTERNAL_ERROR;
}

const char *curl_multi_strerror(CURLMcode code)
{
    const auto *a = api();
    return a ? a->curl_multi_strerror(code) : notLoadedText();
}
