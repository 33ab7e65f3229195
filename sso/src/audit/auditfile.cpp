#include "auditfile.h"

#include "auditchain.h"
#include "auditlogging.h"

#include <lanyard/sso/ssoerror.h>

#include <QFile>
#include <QFileInfo>

#include <cerrno>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Lanyard::Sso::Internal {

namespace {

constexpr QLatin1String openAdvice("check the audit/path setting and the directory's permissions");
constexpr QLatin1String writeAdvice("check the disk it is on (free space, errors)");

// mkdir -p, each directory it creates 0700: the log's directory is nobody else's business.
// errno on failure.
int makeDirectories(const QString &directory)
{
    const QByteArray native = QFile::encodeName(directory);
    struct stat status = {};
    if (::stat(native.constData(), &status) == 0)
        return S_ISDIR(status.st_mode) ? 0 : ENOTDIR;
    if (errno != ENOENT)
        return errno;
    const QString parent = QFileInfo(directory).path();
    if (parent != directory) {
        if (const int error = makeDirectories(parent))
            return error;
    }
    if (::mkdir(native.constData(), 0700) != 0)
        return errno == EEXIST ? 0 : errno;
    return ::chmod(native.constData(), 0700) == 0 ? 0 : errno;
}

bool readAt(int fd, char *buffer, qint64 size, qint64 offset)
{
    while (size > 0) {
        const ssize_t got = ::pread(fd, buffer, size_t(size), off_t(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                errno = EIO; // the file shrank while being read
            return false;
        }
        buffer += got;
        size -= got;
        offset += got;
    }
    return true;
}

} // namespace

AuditFile::AuditFile(QString path, int writeFd, int readFd)
    : m_path(std::move(path))
    , m_writeFd(writeFd)
    , m_readFd(readFd)
{ }

AuditFile::~AuditFile()
{
    if (m_readFd >= 0)
        ::close(m_readFd);
    if (m_writeFd >= 0)
        ::close(m_writeFd); // and with it the lock
}

Error AuditFile::failure(int error, QLatin1String advice, const QString &cause) const
{
    return Error::make(SsoError::AuditUnavailable,
                       QStringLiteral("Cannot write the audit log %1: %2 — %3; sign-in is "
                                      "refused until it can be written")
                           .arg(m_path, cause.isEmpty() ? qt_error_string(error) : cause, advice),
                       error);
}

Result<std::unique_ptr<AuditFile>> AuditFile::open(const QString &path)
{
    // Until both descriptors are open, this object only carries the path for failure().
    std::unique_ptr<AuditFile> file(new AuditFile(path, -1, -1));
    if (const int error = makeDirectories(QFileInfo(path).absolutePath()))
        return file->failure(error, openAdvice);
    const QByteArray native = QFile::encodeName(path);
    file->m_writeFd = ::open(native.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (file->m_writeFd < 0)
        return file->failure(errno, openAdvice);

    struct stat status = {};
    if (::fstat(file->m_writeFd, &status) != 0)
        return file->failure(errno, openAdvice);
    if (S_ISREG(status.st_mode)) { // a device (as in the tests' /dev/full) keeps its own mode
        if (status.st_mode & 077)
            qCWarning(lcAudit, "The audit log %s could be read or written by others (mode %o); "
                               "it is now 0600",
                      qPrintable(path), unsigned(status.st_mode & 07777));
        // The mode open() was given is reduced by the umask; the log's must not be.
        if (::fchmod(file->m_writeFd, 0600) != 0) {
            const int error = errno;
            return file->failure(error, openAdvice,
                                 QStringLiteral("cannot make it 0600 (%1)")
                                     .arg(qt_error_string(error)));
        }
    }
    // Two writers would interleave two chains in one file: the second one is refused.
    if (::flock(file->m_writeFd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        return file->failure(error,
                             QLatin1String("stop the other Lanyard, or give each its own "
                                           "audit/path"),
                             error == EWOULDBLOCK ? QStringLiteral("another process is writing it")
                                                  : QString());
    }

    file->m_readFd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    struct stat readStatus = {};
    if (file->m_readFd < 0 || ::fstat(file->m_readFd, &readStatus) != 0)
        return file->failure(errno, openAdvice);
    if (readStatus.st_dev != status.st_dev || readStatus.st_ino != status.st_ino)
        return file->failure(0, openAdvice, QStringLiteral("it was replaced while being opened"));
    return file;
}

Result<AuditFile::Tail> AuditFile::readTail() const
{
    struct stat status = {};
    if (::fstat(m_readFd, &status) != 0)
        return failure(errno, openAdvice);
    if (!S_ISREG(status.st_mode))
        return Tail{};
    const qint64 size = status.st_size;
    // Lines are a few hundred bytes; the window grows only for a file that ends oddly, and stops
    // once it could hold two of the longest lines.
    for (qint64 window = 64 * 1024;; window *= 2) {
        const qint64 start = qMax<qint64>(0, size - window);
        QByteArray buffer(size - start, Qt::Uninitialized);
        if (!readAt(m_readFd, buffer.data(), buffer.size(), start)) {
            const int error = errno;
            return failure(error, openAdvice,
                           QStringLiteral("cannot read it back (%1)").arg(qt_error_string(error)));
        }
        const bool whole = start == 0;
        const bool capped = window > 2 * (maxAuditLineBytes + 1);
        const qsizetype last = buffer.lastIndexOf('\n');
        if (last < 0 && whole)
            return Tail{std::nullopt, buffer};
        const qsizetype before = last > 0 ? buffer.lastIndexOf('\n', last - 1) : -1;
        if (last >= 0 && (before >= 0 || whole))
            return Tail{buffer.mid(before + 1, last - before - 1), buffer.mid(last + 1)};
        if (capped)
            return Tail{buffer, {}}; // longer than any audit line: reported as not one
    }
}

Result<void> AuditFile::append(const QByteArray &bytes)
{
    const char *data = bytes.constData();
    qint64 left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(m_writeFd, data, size_t(left));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            return failure(written == 0 ? EIO : errno, writeAdvice);
        }
        data += written;
        left -= written;
    }
    // EINVAL: a special file with nothing to sync.
    if (::fdatasync(m_writeFd) != 0 && errno != EINVAL)
        return failure(errno, writeAdvice);
    return {};
}

} // namespace Lanyard::Sso::Internal
