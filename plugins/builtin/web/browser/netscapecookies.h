// Netscape cookie-file lines, as curl writes its cookie jar, read into QNetworkCookie for
// QWebEngineCookieStore::setCookie(). A line is
//   domain <TAB> includeSubdomains <TAB> path <TAB> secure <TAB> expiry <TAB> name <TAB> value
// with "#HttpOnly_" before the domain of an HttpOnly cookie; other "#" lines are comments.
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkCookie>

namespace Lanyard::Browser {

QList<QNetworkCookie> parseNetscapeCookies(const QByteArray &lines);

} // namespace Lanyard::Browser
