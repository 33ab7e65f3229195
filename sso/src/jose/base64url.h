// Strict base64url (RFC 7515 §2, RFC 4648 §5): the URL-safe alphabet, no padding, no whitespace,
// and only the canonical encoding of the bytes, so one token has exactly one spelling.
#pragma once

#include <QByteArray>

#include <optional>

namespace Lanyard::Sso::Internal {

std::optional<QByteArray> decodeBase64Url(QByteArrayView text);
QByteArray encodeBase64Url(const QByteArray &bytes);

} // namespace Lanyard::Sso::Internal
