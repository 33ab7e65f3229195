// The audit log's file: created 0600 in a directory created 0700, locked against a second
// writer, appended to with one write(2) per line and synced before the caller goes on. Errors are
// AuditUnavailable with the path and the cause, worded for the IT desk.
#pragma once

#include <lanyard/result.h>

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace Lanyard::Sso::Internal {

class AuditFile
{
public:
    static Result<std::unique_ptr<AuditFile>> open(const QString &path);
    ~AuditFile();
    AuditFile(const AuditFile &) = delete;
    AuditFile &operator=(const AuditFile &) = delete;

    struct Tail
    {
        std::optional<QByteArray> lastLine; // the last line ending in "\n", without it
        QByteArray fragment;                // what follows it: a line cut short
    };
    // Reads back only the end of the file. Not a regular file (a device): nothing.
    Result<Tail> readTail() const;
    // All of `bytes` or an error; on success they have reached the disk (fdatasync).
    Result<void> append(const QByteArray &bytes);
    QString path() const { return m_path; }

private:
    AuditFile(QString path, int writeFd, int readFd);
    // AuditUnavailable: the path, the cause (errno's text unless given) and what to do.
    Error failure(int error, QLatin1String advice, const QString &cause = {}) const;

    QString m_path;
    int m_writeFd = -1;
    int m_readFd = -1;
};

} // namespace Lanyard::Sso::Internal
