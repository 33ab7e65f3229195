// The plugins of this workstation: discovered, checked, each run in its own runner, and told
// about the session (patient, lock, end). Launched applications still running after the session
// ends are terminated.
#pragma once

#include <lanyard/pluginhost/plugincatalogue.h>
#include <lanyard/pluginhost/pluginhostconfig.h>

#include <lanyard/plugin/plugintypes.h>
#include <lanyard/result.h>

#include <QObject>

#include <functional>
#include <memory>

namespace Lanyard::Plugins {

class PluginHost : public QObject
{
    Q_OBJECT
public:
    explicit PluginHost(PluginHostConfig config, QObject *parent = nullptr);
    ~PluginHost() override;

    // Scans the catalogue and starts and initializes every Available plugin; started() follows
    // once every plugin has answered (or failed).
    void start();
    QList<PluginEntry> plugins() const;
    PluginEntry plugin(const QString &id) const;

    void launch(const QString &id, const Plugin::LaunchRequest &request,
                std::function<void(Result<Plugin::LaunchedApp>)> done);
    void patientContextChanged(const Plugin::PatientContext &patient);
    void sessionLocked();
    void sessionEnded();
    void shutdown();

    QList<qint64> launchedProcesses(const QString &id) const;
    qint64 runnerProcessId(const QString &id) const;

signals:
    void started();
    void pluginStateChanged(const QString &id);
    // Every launched application still running after the session ended has been sent SIGTERM
    // (and SIGKILL if it ignored that).
    void sessionCleanedUp();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::Plugins
