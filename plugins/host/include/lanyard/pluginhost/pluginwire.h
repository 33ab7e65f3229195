// The SDK's values as JSON for the pipe between the host and lanyard-plugin-runner. Internal:
// both ends are built from this tree, so the format may change with Lanyard.
#pragma once

#include <lanyard/plugin/plugintypes.h>

#include <QJsonObject>

namespace Lanyard::Plugins::Internal {

QJsonObject toJson(const Plugin::PluginConfig &config);
QJsonObject toJson(const Plugin::LaunchRequest &request);
QJsonObject toJson(const Plugin::PatientContext &patient);
QJsonObject toJson(const Plugin::LaunchedApp &app);

Plugin::PluginConfig pluginConfigFromJson(const QJsonObject &json);
Plugin::LaunchRequest launchRequestFromJson(const QJsonObject &json);
Plugin::PatientContext patientFromJson(const QJsonObject &json);
Plugin::LaunchedApp launchedAppFromJson(const QJsonObject &json);

// Overwrites the secrets a LaunchRequest carries (OPENSSL_cleanse) and empties them.
void wipeSecrets(Plugin::LaunchRequest &request);
// Overwrites a buffer that held secrets.
void wipe(QByteArray &bytes);

} // namespace Lanyard::Plugins::Internal
