// verifyAuditLog(): streams the file, so a log of years costs one line of memory.
#include "auditchain.h"

#include <lanyard/sso/auditlog.h>

#include <QFile>

namespace Lanyard::Sso {

using namespace Internal;

AuditVerification verifyAuditLog(const QString &path)
{
    AuditVerification result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.problem = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    auto bad = [&result](qint64 lineNumber, const QString &problem) {
        result.firstBadLine = lineNumber;
        result.problem = problem;
        return result;
    };

    ChainHead head;
    for (qint64 number = 1;; ++number) {
        // Room for the longest line, its newline, and one byte more to tell "too long".
        QByteArray line = file.readLine(maxAuditLineBytes + 2);
        if (line.isEmpty()) {
            if (file.error() != QFile::NoError) {
                result.problem = QStringLiteral("Cannot read %1 at line %2: %3")
                                     .arg(path)
                                     .arg(number)
                                     .arg(file.errorString());
                return result;
            }
            break;
        }
        if (!line.endsWith('\n')) {
            if (!file.atEnd() || line.size() > maxAuditLineBytes)
                return bad(number, QStringLiteral("line %1 is longer than %2 bytes — it is not "
                                                  "an audit line")
                                       .arg(number)
                                       .arg(maxAuditLineBytes));
            return bad(number, QStringLiteral("line %1 is incomplete (the file ends without a "
                                              "newline) — writing stopped mid-line (a crash or "
                                              "power loss), or the file was cut short")
                                   .arg(number));
        }
        line.chop(1);
        result.lines = number;

        const auto parsed = parseAuditLine(line);
        if (const auto *problem = std::get_if<QString>(&parsed))
            return bad(number, QStringLiteral("line %1 %2").arg(number).arg(*problem));
        const AuditLink &link = std::get<AuditLink>(parsed);
        if (const QString problem = checkAuditLink(link, head, number); !problem.isEmpty())
            return bad(number, problem);
        head = ChainHead{link.seq, sha256Hex(line)};
    }
    result.intact = true;
    return result;
}

} // namespace Lanyard::Sso
