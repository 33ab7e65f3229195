// A token, code or other secret held in one buffer that is wiped (OPENSSL_cleanse) when the last
// holder lets go. Copies share the buffer, so a Secret can travel between threads as a value
// without leaving unwiped copies behind. Never log one; bytes() is for building requests.
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace Lanyard::Sso {

class Secret
{
public:
    Secret() = default;
    // Takes the bytes and wipes the caller's buffer: the secret now lives in one place only.
    static Secret take(QByteArray &bytes);
    static Secret take(QString &text);

    bool isEmpty() const { return !m_bytes || m_bytes->isEmpty(); }
    const QByteArray &bytes() const;
    bool operator==(const Secret &other) const { return bytes() == other.bytes(); }

    static void wipe(QByteArray &bytes);
    static void wipe(QString &text);

private:
    std::shared_ptr<const QByteArray> m_bytes;
};

} // namespace Lanyard::Sso
