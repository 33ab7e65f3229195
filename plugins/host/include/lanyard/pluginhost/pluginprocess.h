// One plugin in its own lanyard-plugin-runner process. Calls are asynchronous: each answer comes
// back through its callback on this object's thread. A runner that crashes, exits or does not
// answer in time is Failed; its pending calls complete with that reason and nothing else is hurt.
#pragma once

#include <lanyard/plugin/plugintypes.h>
#include <lanyard/result.h>

#include <QJsonObject>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

namespace Lanyard::Plugins {

class PluginProcess : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Result<void>)>;
    using Launched = std::function<void(Result<Plugin::LaunchedApp>)>;

    PluginProcess(QString runnerPath, QString pluginPath, std::chrono::milliseconds callTimeout,
                  QObject *parent = nullptr);
    ~PluginProcess() override;

    void start();
    void initialize(const Plugin::PluginConfig &config, Done done = {});
    void launch(const Plugin::LaunchRequest &request, Launched done);
    void patientContextChanged(const Plugin::PatientContext &patient, Done done = {});
    void sessionLocked(Done done = {});
    void sessionEnded(Done done = {});
    void shutdown(Done done = {});

    bool hasFailed() const;
    QString failureReason() const;
    qint64 processId() const;   // the runner's pid; 0 when not running

signals:
    void failed(const QString &reason);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::Plugins
