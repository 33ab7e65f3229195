// A card passcode: 6-8 digits (NHS smartcard rule), checked before anything reaches the card,
// held in one buffer that is wiped when the Passcode goes. Move-only; never logged.
#pragma once

#include <lanyard/smartcard/smartcarderror.h>

#include <QByteArray>

namespace Lanyard::Smartcard {

class Passcode
{
public:
    static constexpr int MinimumLength = 6;
    static constexpr int MaximumLength = 8;

    // Takes the typed characters; the caller should wipe its own copy (see wipe()).
    static Result<Passcode> fromTyped(const QString &typed);

    Passcode(Passcode &&other) noexcept;
    Passcode &operator=(Passcode &&other) noexcept;
    Passcode(const Passcode &) = delete;
    Passcode &operator=(const Passcode &) = delete;
    ~Passcode();

    const char *data() const { return m_digits.constData(); }
    int size() const { return int(m_digits.size()); }

    // Overwrites a buffer that held a secret (OPENSSL_cleanse: not optimised away).
    static void wipe(QByteArray &secret);
    static void wipe(QString &secret);

private:
    explicit Passcode(QByteArray digits);
    QByteArray m_digits;
};

} // namespace Lanyard::Smartcard
