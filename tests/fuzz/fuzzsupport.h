// Shared by the fuzzers: quiet logging (the libraries log what they refuse, which at libFuzzer's
// rate would drown its own output), and the bytes as Qt types.
#pragma once

#include <QByteArray>
#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>

namespace Lanyard::Fuzz {

inline void quietLogging()
{
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
}

// A copy: libFuzzer's buffer must not be kept, and QByteArray::fromRawData would alias it.
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace Lanyard::Fuzz
