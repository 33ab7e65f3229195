// The audit log: who did what at this workstation, one JSON object per line, append-only. Each
// line carries the SHA-256 of the line before it ("prev") and a sequence number ("seq"), so
// verifyAuditLog() finds a line edited, removed or reordered anywhere but at the very end; a copy
// of each line may go to syslog as a witness outside the file. docs/audit.md is the reference
// for IT desks and information governance. An AuditLog is safe to use from several threads.
#pragma once

#include <lanyard/result.h>

#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace Lanyard::Sso {

class Clock;

enum class AuditEvent {
    CardInserted,
    CardRemoved,
    SignInSucceeded,
    SignInFailed,
    RoleChosen,
    Locked,
    Unlocked,
    UserSwitched,
    SignedOut,
    SessionEnded,
    AppLaunched,
    PatientContextChanged,
    IdleWarning,
    LoginStored,
};

// The name written to the log: "card.inserted", "signin.failed", "patient.changed"...
QString auditEventName(AuditEvent event);
// The reverse, for tools that filter by name; nothing for a name no version of Lanyard writes.
std::optional<AuditEvent> auditEventFromName(const QString &name);

struct AuditEntry
{
    AuditEvent event = AuditEvent::CardInserted;
    QString user;       // the clinician's UID (CIS2 uid), if known
    QString userName;   // display name, if known
    QString role;       // person_roleid of the chosen role, if any
    QString reader;     // PC/SC reader name, for card events
    QString reason;     // why: the sign-in failure message, the lock cause ("card removed", "idle")
    QJsonObject detail; // anything else: app id, patient NHS number, the previous user...
};

class AuditLog
{
public:
    struct Config
    {
        QString path;        // the JSON-lines file
        QString workstation; // QSysInfo::machineHostName() when empty
        bool syslog = false; // also send each line to syslog
        QString syslogSocket = QStringLiteral("/dev/log"); // a Unix datagram socket
        const Clock *clock = nullptr;                       // nullptr: the system time
    };

    // Creates the directory (0700) and the file (0600) if missing, tightens a file others could
    // read to 0600, and continues the chain from the file's last complete line. AuditUnavailable
    // when the file cannot be opened, or its last line is not an audit line.
    static Result<std::unique_ptr<AuditLog>> open(const Config &config);
    ~AuditLog();
    AuditLog(const AuditLog &) = delete;
    AuditLog &operator=(const AuditLog &) = delete;

    // Writes and syncs one line; AuditUnavailable (with the path and the cause) when it could not
    // be written, and the caller must not go ahead with what it was about to record.
    Result<void> append(const AuditEntry &entry);
    QString path() const;

private:
    struct Private;
    explicit AuditLog(std::unique_ptr<Private> state);
    std::unique_ptr<Private> d;
};

struct AuditVerification
{
    bool intact = false;
    qint64 lines = 0;        // complete lines read
    qint64 firstBadLine = 0; // 1-based, 0 when intact (or when the file could not be read)
    QString problem;         // what is wrong there, in words for an auditor
};

// Reads the file line by line and checks every link of the chain. A file that cannot be read is
// intact=false with firstBadLine 0 and the reason in problem.
AuditVerification verifyAuditLog(const QString &path);

} // namespace Lanyard::Sso
