// The web plugin's URL templates: "https://epr.example/patient/{nhsNumber}". Values are
// percent-encoded as they go in. No secret has a placeholder: the hub's token reaches the page
// only in the URL's fragment (hubFragment), which the browser never sends to any server.
#pragma once

#include <lanyard/plugin/plugintypes.h>
#include <lanyard/result.h>

#include <QHash>
#include <QString>
#include <QUrl>

namespace Lanyard::Plugin::Web {

enum class WebError { BadSetting = 400, NoBrowser, BrowserFailed };

QHash<QString, QString> urlValues(const LaunchRequest &request);
Result<void> checkUrlTemplate(const QString &where, const QString &text);
QUrl expandUrl(const QString &text, const QHash<QString, QString> &values);

// "#hub.url=…&hub.topic=…&hub.token=…" (FHIRcast's names) for an application that follows the
// hub itself. Secret: contains the hub token.
QString hubFragment(const HubContext &hub);

} // namespace Lanyard::Plugin::Web
