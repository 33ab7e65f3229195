#include "base64url.h"

#include <algorithm>

namespace Lanyard::Sso::Internal {

namespace {

constexpr auto options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

bool isBase64UrlCharacter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
        || c == '_';
}

} // namespace

std::optional<QByteArray> decodeBase64Url(QByteArrayView text)
{
    // A length of 4n+1 cannot come from any byte string.
    if (text.size() % 4 == 1 || !std::all_of(text.begin(), text.end(), isBase64UrlCharacter))
        return std::nullopt;
    const QByteArray input = text.toByteArray();
    auto decoded
        = QByteArray::fromBase64Encoding(input, options | QByteArray::AbortOnBase64DecodingErrors);
    // Unused low bits in the last character must be zero (RFC 4648 §3.5): re-encoding shows it.
    if (!decoded || encodeBase64Url(*decoded) != input)
        return std::nullopt;
    return std::move(*decoded);
}

QByteArray encodeBase64Url(const QByteArray &bytes)
{
    return bytes.toBase64(options);
}

} // namespace Lanyard::Sso::Internal
