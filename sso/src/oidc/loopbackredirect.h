// RFC 8252 §7.3: a native client's redirect URI is http://127.0.0.1:{port}/..., on a port the
// client holds for the length of the request. Lanyard is itself the user agent here, so it
// takes the code from the IdP's redirect before any request is made; it still binds the port,
// so that no other local process can own the redirect URI while the flow runs.
#pragma once

#include <lanyard/result.h>

#include <QUrl>

namespace Lanyard::Sso::Internal {

class LoopbackRedirect
{
public:
    static Result<std::unique_ptr<LoopbackRedirect>> bind(const QString &path);
    ~LoopbackRedirect();
    LoopbackRedirect(const LoopbackRedirect &) = delete;
    LoopbackRedirect &operator=(const LoopbackRedirect &) = delete;

    QUrl uri() const { return m_uri; }
    // Whether `url` is this redirect URI (query aside): the flow's end.
    bool matches(const QUrl &url) const;

private:
    LoopbackRedirect(int socket, QUrl uri) : m_socket(socket), m_uri(std::move(uri)) {}
    int m_socket = -1;
    QUrl m_uri;
};

} // namespace Lanyard::Sso::Internal
