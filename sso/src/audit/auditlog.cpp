#include "auditchain.h"
#include "auditfile.h"
#include "auditlogging.h"
#include "syslogsink.h"

#include <lanyard/sso/auditlog.h>
#include <lanyard/sso/clock.h>
#include <lanyard/sso/ssoerror.h>

#include <QJsonDocument>
#include <QMutex>
#include <QSysInfo>

namespace Lanyard::Sso {

using namespace Internal;

struct AuditLog::Private
{
    QString workstation;
    const Clock *clock = nullptr;
    std::unique_ptr<AuditFile> file;
    std::unique_ptr<SyslogSink> syslog; // null unless configured

    QMutex mutex; // guards what follows, and the order of lines in the file
    ChainHead head;
    bool needsNewline = false; // the file ends with a line cut short
    bool resync = false;       // an append failed: what reached the file is not known

    Result<void> loadHead();
    QByteArray lineFor(const AuditEntry &entry, const QDateTime &time) const;
};

// The chain continues from the file's last complete line. A line cut short by a crash is left
// standing alone: the next append starts with "\n", and verification reports the fragment.
Result<void> AuditLog::Private::loadHead()
{
    const Result<AuditFile::Tail> tail = file->readTail();
    if (!tail.ok())
        return tail.error();
    needsNewline = !tail->fragment.isEmpty();
    std::optional<QByteArray> last = tail->lastLine;
    if (needsNewline) {
        if (std::holds_alternative<AuditLink>(parseAuditLine(tail->fragment)))
            last = tail->fragment; // whole but for its newline: it is the chain's head
        else
            qCWarning(lcAudit,
                      "The audit log %s ends with an incomplete line (writing stopped mid-line); "
                      "the next line starts after it, and verification will report it",
                      qPrintable(file->path()));
    }
    if (!last) {
        head = ChainHead{};
        return {};
    }
    const auto parsed = parseAuditLine(*last);
    if (const auto *problem = std::get_if<QString>(&parsed))
        return Error::make(SsoError::AuditUnavailable,
                           QStringLiteral("The audit log %1 ends with a line that %2. Lanyard "
                                          "cannot continue its chain: move the file aside (keep "
                                          "it for investigation) and restart Lanyard, which "
                                          "starts a new log; sign-in is refused until then")
                               .arg(file->path(), *problem));
    head = ChainHead{std::get<AuditLink>(parsed).seq, sha256Hex(*last)};
    return {};
}

QByteArray AuditLog::Private::lineFor(const AuditEntry &entry, const QDateTime &time) const
{
    QJsonObject object;
    auto insert = [&object](const char *key, const QString &value) {
        if (!value.isEmpty())
            object.insert(QLatin1String(key), value);
    };
    insert("event", auditEventName(entry.event));
    insert("host", workstation);
    object.insert(QLatin1String("prev"), QString::fromLatin1(head.hash));
    object.insert(QLatin1String("seq"), head.seq + 1);
    insert("time", time.toUTC().toString(Qt::ISODateWithMs));
    insert("user", entry.user);
    insert("user_name", entry.userName);
    insert("role", entry.role);
    insert("reader", entry.reader);
    insert("reason", entry.reason);
    if (!entry.detail.isEmpty())
        object.insert(QLatin1String("detail"), entry.detail);
    // Compact with sorted keys: the same entry always makes the same bytes.
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

AuditLog::AuditLog(std::unique_ptr<Private> state)
    : d(std::move(state))
{ }

AuditLog::~AuditLog() = default;

Result<std::unique_ptr<AuditLog>> AuditLog::open(const Config &config)
{
    if (config.path.isEmpty())
        return Error::make(SsoError::AuditUnavailable,
                           QStringLiteral("No audit log is configured — set audit/path; sign-in "
                                          "is refused until it can be written"));
    Result<std::unique_ptr<AuditFile>> file = AuditFile::open(config.path);
    if (!file.ok())
        return file.error();

    auto d = std::make_unique<Private>();
    d->workstation = config.workstation.isEmpty() ? QSysInfo::machineHostName()
                                                  : config.workstation;
    d->clock = config.clock;
    d->file = std::move(file).value();
    if (const Result<void> loaded = d->loadHead(); !loaded.ok())
        return loaded.error();
    if (config.syslog)
        d->syslog = std::make_unique<SyslogSink>(config.syslogSocket);
    return std::unique_ptr<AuditLog>(new AuditLog(std::move(d)));
}

Result<void> AuditLog::append(const AuditEntry &entry)
{
    QMutexLocker locker(&d->mutex);
    if (d->resync) {
        if (const Result<void> loaded = d->loadHead(); !loaded.ok())
            return loaded;
        d->resync = false;
    }
    const QDateTime time = d->clock ? d->clock->now() : QDateTime::currentDateTimeUtc();
    const QByteArray line = d->lineFor(entry, time);
    if (line.size() > maxAuditLineBytes)
        return Error::make(SsoError::AuditUnavailable,
                           QStringLiteral("Cannot write the audit log %1: an entry of %2 bytes is "
                                          "longer than an audit line may be (%3) — a fault in "
                                          "Lanyard, please report it")
                               .arg(d->file->path())
                               .arg(line.size())
                               .arg(maxAuditLineBytes));

    // One write, so a line is never interleaved with anything and a crash cuts at most this one.
    const Result<void> written = d->file->append((d->needsNewline ? "\n" : "") + line + '\n');
    if (!written.ok()) {
        // Part, all or none of it may be in the file: the next append reads back what is.
        d->resync = true;
        return written;
    }
    d->needsNewline = false;
    d->head = ChainHead{d->head.seq + 1, sha256Hex(line)};
    if (d->syslog)
        d->syslog->send(entry.event == AuditEvent::SignInFailed ? SyslogSink::Warning
                                                                : SyslogSink::Notice,
                        time, line);
    return {};
}

QString AuditLog::path() const
{
    return d->file->path();
}

} // namespace Lanyard::Sso
