#include <lanyard/smartcard/passcode.h>

#include <QCoreApplication>

#include <algorithm>
#include <utility>

#include <openssl/crypto.h>

namespace Lanyard::Smartcard {

Result<Passcode> Passcode::fromTyped(const QString &typed)
{
    const bool digitsOnly = std::all_of(typed.cbegin(), typed.cend(), [](QChar c) {
        return c >= u'0' && c <= u'9';
    });
    if (!digitsOnly || typed.size() < MinimumLength || typed.size() > MaximumLength) {
        return Error::make(SmartcardError::PasscodeMalformed,
                           QCoreApplication::translate("Lanyard::Smartcard",
                                                       "A passcode is 6 to 8 digits. Type it "
                                                       "again; your card was not used."));
    }
    QByteArray digits(typed.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < typed.size(); ++i)
        digits[i] = char(typed.at(i).unicode());
    return Passcode(std::move(digits));
}

Passcode::Passcode(QByteArray digits)
    : m_digits(std::move(digits))
{
}

Passcode::Passcode(Passcode &&other) noexcept
    : m_digits(std::exchange(other.m_digits, {}))
{
}

Passcode &Passcode::operator=(Passcode &&other) noexcept
{
    if (this != &other) {
        wipe(m_digits);
        m_digits = std::exchange(other.m_digits, {});
    }
    return *this;
}

Passcode::~Passcode()
{
    wipe(m_digits);
}

void Passcode::wipe(QByteArray &secret)
{
    if (!secret.isEmpty() && !secret.isDetached())
        secret.detach(); // never scribble over a buffer someone else shares
    if (!secret.isEmpty())
        OPENSSL_cleanse(secret.data(), size_t(secret.size()));
    secret.truncate(0); // keeps the (now zeroed) allocation until the owner lets it go
}

void Passcode::wipe(QString &secret)
{
    if (!secret.isEmpty())
        OPENSSL_cleanse(secret.data(), size_t(secret.size()) * sizeof(QChar));
    secret.truncate(0);
}

} // namespace Lanyard::Smartcard
