#include "syslogsink.h"

#include "auditlogging.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace Lanyard::Sso::Internal {

SyslogSink::SyslogSink(QString socketPath)
    : m_socketPath(std::move(socketPath))
    , m_fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0))
{ }

SyslogSink::~SyslogSink()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

QByteArray SyslogSink::format(Severity severity, const QDateTime &time, qint64 pid,
                              const QByteArray &line)
{
    // English month names whatever the locale: syslog daemons parse them.
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime local = time.toLocalTime();
    return '<' + QByteArray::number(facilityAuthpriv * 8 + severity) + '>'
        + months[local.date().month() - 1] + ' '
        + QByteArray::number(local.date().day()).rightJustified(2, ' ') + ' '
        + local.time().toString(QStringLiteral("hh:mm:ss")).toLatin1() + " lanyard["
        + QByteArray::number(pid) + "]: " + line;
}

void SyslogSink::send(Severity severity, const QDateTime &time, const QByteArray &line)
{
    const QByteArray path = QFile::encodeName(m_socketPath);
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    if (m_fd < 0)
        return reportFailure(QStringLiteral("no socket (%1)").arg(qt_error_string(errno)));
    if (size_t(path.size()) >= sizeof(address.sun_path))
        return reportFailure(QStringLiteral("the socket's path is too long"));
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));

    const QByteArray message = format(severity, time, QCoreApplication::applicationPid(), line);
    // Never wait for a stuck syslog daemon: sign-in must not hang on the copy.
    const ssize_t sent = ::sendto(m_fd, message.constData(), size_t(message.size()),
                                  MSG_DONTWAIT | MSG_NOSIGNAL,
                                  reinterpret_cast<const sockaddr *>(&address), sizeof(address));
    if (sent < 0)
        return reportFailure(qt_error_string(errno));
    if (m_failing) {
        m_failing = false;
        qCInfo(lcAudit, "The audit log's syslog copy reaches %s again", qPrintable(m_socketPath));
    }
}

void SyslogSink::reportFailure(const QString &cause)
{
    if (m_failing)
        return;
    m_failing = true;
    qCWarning(lcAudit,
              "Cannot send the audit log's copy to syslog at %s: %s. The audit file still gets "
              "every line; those written until syslog is back are not copied",
              qPrintable(m_socketPath), qPrintable(cause));
}

} // namespace Lanyard::Sso::Internal
