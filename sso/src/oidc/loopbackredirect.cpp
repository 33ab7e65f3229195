#include "oidc/loopbackredirect.h"

#include <lanyard/sso/ssoerror.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace Lanyard::Sso::Internal {

Result<std::unique_ptr<LoopbackRedirect>> LoopbackRedirect::bind(const QString &path)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0; // the OS picks a free port
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        const QString cause = QString::fromLocal8Bit(strerror(errno));
        if (fd >= 0)
            ::close(fd);
        return Error::make(SsoError::Io,
                           QStringLiteral("Lanyard could not open a local port for sign-in (%1) — "
                                          "restart the workstation; if it keeps happening, call "
                                          "the IT service desk.")
                               .arg(cause));
    }
    QUrl uri;
    uri.setScheme(QStringLiteral("http"));
    uri.setHost(QStringLiteral("127.0.0.1"));
    uri.setPort(ntohs(address.sin_port));
    uri.setPath(path);
    return std::unique_ptr<LoopbackRedirect>(new LoopbackRedirect(fd, uri));
}

LoopbackRedirect::~LoopbackRedirect()
{
    if (m_socket >= 0)
        ::close(m_socket);
}

bool LoopbackRedirect::matches(const QUrl &url) const
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment) == m_uri;
}

} // namespace Lanyard::Sso::Internal
