// libcurl, loaded when it is first used rather than when a program starts.
//
// Lanyard's libraries call libcurl through its own header (<curl/curl.h>) as usual, but link this
// library (Lanyard::Curl) instead of libcurl itself. It defines the libcurl functions Lanyard
// uses, and the first call loads libcurl.so.4 (dlopen) and forwards to it from then on. The
// shell's cold start gains by it: libcurl brings 17 shared libraries of its own (gnutls, ldap,
// ssh2, rtmp, ...), about a third of what a start would otherwise load, and the shell needs none of
// them before a clinician signs in (bench/README.md, "Cold start").
//
// If libcurl cannot be loaded, every call fails the way libcurl reports a failure (a null handle,
// CURLE_FAILED_INIT, CURLM_INTERNAL_ERROR), curl_easy_strerror() says what to install, and the
// reason is logged once (category lanyard.curl). A libcurl function Lanyard has not used before is
// a link error until it is added to lazycurl.cpp.
#pragma once

#include <QString>

namespace Lanyard::Curl {

// The file loaded: libcurl's soname (4 since 2006).
inline constexpr const char *LibraryName = "libcurl.so.4";

// Loads libcurl now if it is not loaded yet (every function does so on first use): true when it
// is. `why`, if given, gets dlerror()'s reason when it is not.
bool load(QString *why = nullptr);

// Tests only, before any libcurl function is called: load `file` instead of LibraryName.
void setLibraryForTesting(const char *file);

} // namespace Lanyard::Curl
