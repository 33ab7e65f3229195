// OpenSSL objects held by unique_ptr, and OpenSSL's per-thread error queue read out and emptied,
// for every module that uses OpenSSL (each links OpenSSL::Crypto itself).
#pragma once

#include <QString>
#include <QStringList>

#include <memory>

#include <openssl/err.h>

namespace Lanyard {

template<typename T, void (*Free)(T *)>
struct OpenSslDeleter
{
    void operator()(T *object) const { Free(object); }
};
template<typename T, void (*Free)(T *)>
using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter<T, Free>>;

// The thread's queued OpenSSL errors as text for a debug log; the queue is left empty, so a
// failure leaves nothing behind for the next caller on the thread (TLS, the card).
inline QString takeOpenSslErrors()
{
    QStringList errors;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        errors << QString::fromLatin1(buffer);
    }
    return errors.join(QStringLiteral("; "));
}

} // namespace Lanyard
