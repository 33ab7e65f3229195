// The hash chain both the writer and the verifier follow: what makes a line an audit line, and
// whether it follows the line before. One definition, so they cannot drift apart.
#pragma once

#include <QByteArray>
#include <QString>

#include <variant>

namespace Lanyard::Sso::Internal {

// Longer lines are refused by the writer and reported by the verifier; a bound keeps the
// verifier's memory small on a file that is not an audit log at all.
inline constexpr qsizetype maxAuditLineBytes = 1024 * 1024;

QByteArray genesisHash(); // 64 zeros: the first line's prev
QByteArray sha256Hex(const QByteArray &bytes); // lowercase hex

// The state after a line: its seq, and the hash the next line's prev must hold.
struct ChainHead
{
    qint64 seq = 0; // 0: no line yet
    QByteArray hash = genesisHash();
};

struct AuditLink
{
    qint64 seq = 0;
    QByteArray prev;
};

// A line (without its newline) as an audit line, or what is wrong with it: "is not a JSON
// object — …", to follow "line N ".
std::variant<AuditLink, QString> parseAuditLine(const QByteArray &line);

// Empty when `link` (line `lineNumber`) follows `head` (the line before), else the problem in
// words, starting "line N: ".
QString checkAuditLink(const AuditLink &link, const ChainHead &head, qint64 lineNumber);

} // namespace Lanyard::Sso::Internal
