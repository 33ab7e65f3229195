#include "netscapecookies.h"

#include <QDateTime>

namespace Lanyard::Browser {

QList<QNetworkCookie> parseNetscapeCookies(const QByteArray &lines)
{
    static const QByteArray HttpOnlyPrefix = "#HttpOnly_";
    QList<QNetworkCookie> cookies;
    for (QByteArray line : lines.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        bool httpOnly = false;
        if (line.startsWith(HttpOnlyPrefix)) {
            httpOnly = true;
            line = line.mid(HttpOnlyPrefix.size());
        } else if (line.isEmpty() || line.startsWith('#')) {
            continue;
        }
        const QList<QByteArray> fields = line.split('\t');
        if (fields.size() != 7)
            continue;
        QNetworkCookie cookie(fields[5], fields[6]);
        QString domain = QString::fromLatin1(fields[0]);
        // curl writes a host-only cookie without the leading dot and includeSubdomains FALSE;
        // an empty domain keeps it host-only in the cookie store.
        cookie.setDomain(fields[1] == "TRUE" ? domain : QString());
        cookie.setPath(QString::fromLatin1(fields[2]));
        cookie.setSecure(fields[3] == "TRUE");
        cookie.setHttpOnly(httpOnly);
        if (const qint64 expiry = fields[4].toLongLong(); expiry > 0)
            cookie.setExpirationDate(QDateTime::fromSecsSinceEpoch(expiry));
        cookies << cookie;
    }
    return cookies;
}

} // namespace Lanyard::Browser
