#include <lanyard/context/nhsnumber.h>

#include <QCoreApplication>

#include <algorithm>

namespace Lanyard::Context {

namespace {

constexpr qsizetype Length = 10;

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// What people put between the groups: spaces (a non-breaking one when pasted from a letter or a
// web page) and dashes (hyphen-minus, or an en dash from a word processor).
bool isSeparator(QChar c)
{
    return c.isSpace() || c.category() == QChar::Punctuation_Dash;
}

// DOMAIN.md (NHS number): weights 10..2 on digits 1-9, 11 - (sum mod 11); 11 means 0 and 10
// means no number with these nine digits is valid. `digits` is 10 ASCII digits.
bool checkDigitMatches(QStringView digits)
{
    int sum = 0;
    for (int i = 0; i < 9; ++i)
        sum += (digits[i].unicode() - u'0') * (10 - i);
    const int check = 11 - sum % 11;
    if (check == 10)
        return false;
    return digits[9].unicode() - u'0' == check % 11;
}

Error invalid(const QString &message)
{
    return Error::make(ContextError::InvalidNhsNumber, message);
}

QString groups(const QString &digits)
{
    return digits.left(3) + u' ' + digits.mid(3, 3) + u' ' + digits.mid(6);
}

} // namespace

Result<NhsNumber> NhsNumber::parse(const QString &typed)
{
    const QString trimmed = typed.trimmed();
    if (trimmed.isEmpty())
        return invalid(QCoreApplication::translate(
            "Lanyard::Context", "No NHS number was entered. An NHS number has 10 digits."));
    QString digits;
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        const QChar c = trimmed[i];
        if (isAsciiDigit(c)) {
            digits.append(c);
            continue;
        }
        // Separators only between digits: "-943..." or "943 476 5919-" is not a typing habit.
        const bool betweenDigits = i > 0 && i + 1 < trimmed.size();
        if (!isSeparator(c) || !betweenDigits)
            return invalid(QCoreApplication::translate(
                               "Lanyard::Context",
                               "An NHS number has only digits, with spaces or dashes between "
                               "them; this has \"%1\".")
                               .arg(c));
    }
    if (digits.size() != Length)
        return invalid(QCoreApplication::translate("Lanyard::Context",
                                                   "An NHS number has 10 digits; this has %1.")
                           .arg(digits.size()));
    if (!checkDigitMatches(digits))
        return invalid(QCoreApplication::translate(
                           "Lanyard::Context",
                           "%1 is not a valid NHS number: its check digit is wrong — check it "
                           "was typed correctly.")
                           .arg(groups(digits)));
    return NhsNumber(digits);
}

bool NhsNumber::isValid(const QString &digits)
{
    return digits.size() == Length && std::all_of(digits.cbegin(), digits.cend(), isAsciiDigit)
        && checkDigitMatches(digits);
}

QString NhsNumber::formatted() const
{
    return groups(m_digits);
}

} // namespace Lanyard::Context
