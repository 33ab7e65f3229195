#include <lanyard/sso/secret.h>

#include <openssl/crypto.h>

namespace Lanyard::Sso {

void Secret::wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty() && !bytes.isDetached())
        bytes.detach(); // never scribble over a buffer someone else still shares
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

void Secret::wipe(QString &text)
{
    if (!text.isEmpty() && !text.isDetached())
        text.detach();
    if (!text.isEmpty())
        OPENSSL_cleanse(text.data(), size_t(text.size()) * sizeof(QChar));
    text.clear();
}

Secret Secret::take(QByteArray &bytes)
{
    Secret secret;
    // A private deep copy: the caller's buffer (and any buffer it shared) is then wiped.
    auto *copy = new QByteArray(bytes.constData(), bytes.size());
    secret.m_bytes = std::shared_ptr<const QByteArray>(copy, [](const QByteArray *held) {
        auto *owned = const_cast<QByteArray *>(held);
        wipe(*owned);
        delete owned;
    });
    wipe(bytes);
    return secret;
}

Secret Secret::take(QString &text)
{
    QByteArray utf8 = text.toUtf8();
    wipe(text);
    return take(utf8);
}

const QByteArray &Secret::bytes() const
{
    static const QByteArray empty;
    return m_bytes ? *m_bytes : empty;
}

} // namespace Lanyard::Sso
