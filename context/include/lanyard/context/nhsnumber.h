// An NHS number: 10 digits whose last is a Modulus 11 check digit (DOMAIN.md). Parsed from what
// people type (spaces, dashes), shown as "943 476 5919".
#pragma once

#include <lanyard/context/contexterror.h>

#include <QString>

namespace Lanyard::Context {

class NhsNumber
{
public:
    // Accepts digits with spaces or dashes between them; fails with InvalidNhsNumber and a
    // message saying what is wrong (length, characters, check digit).
    static Result<NhsNumber> parse(const QString &typed);
    static bool isValid(const QString &digits); // exactly 10 digits with a good check digit

    QString digits() const { return m_digits; }  // "9434765919"
    QString formatted() const;                   // "943 476 5919"
    bool operator==(const NhsNumber &) const = default;

private:
    explicit NhsNumber(QString digits) : m_digits(std::move(digits)) {}
    QString m_digits;
};

} // namespace Lanyard::Context
