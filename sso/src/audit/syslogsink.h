// The audit log's copy in syslog: a witness outside the file, so lines removed from its end can
// still be found. Each line goes as one datagram to the local syslog socket in the RFC 3164
// local format, facility authpriv. Best effort: the file is the record, so a missing or full
// socket never fails an append; it is logged once (and once more when it comes back).
// Not thread-safe: the AuditLog sends under its own lock.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Lanyard::Sso::Internal {

class SyslogSink
{
public:
    enum Severity { Warning = 4, Notice = 5 };
    static constexpr int facilityAuthpriv = 10;

    explicit SyslogSink(QString socketPath);
    ~SyslogSink();
    SyslogSink(const SyslogSink &) = delete;
    SyslogSink &operator=(const SyslogSink &) = delete;

    void send(Severity severity, const QDateTime &time, const QByteArray &line);

    // "<PRI>Mmm dd hh:mm:ss lanyard[PID]: LINE", the time in local time as syslog daemons expect.
    static QByteArray format(Severity severity, const QDateTime &time, qint64 pid,
                             const QByteArray &line);

private:
    void reportFailure(const QString &cause);

    QString m_socketPath;
    int m_fd = -1;
    bool m_failing = false; // warned already; say so again when it works
};

} // namespace Lanyard::Sso::Internal
