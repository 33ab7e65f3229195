// The built-in `exec` plugin: starts a native application configured by the IT desk, with no
// C++ to write. Settings (the application's manifest "settings"):
//   command                 the program
//   arguments               templates, e.g. ["--user", "{userId}"]
//   argumentsWithPatient    appended only while a patient is open, e.g. ["--nhs-number", "{nhsNumber}"]
//   environment             {"NAME": "template"}
//   stdin                   lines written to the program's standard input, default ["{token}"]
//   endGraceMs              at session end, how long the program may sign itself out before it
//                           is ended (default 2000)
// Placeholders: {token} {hubToken} (standard input only), {userId} {userName} {roleId}
// {roleName} {organisation} {nhsNumber} {hubUrl} {hubTopic} {workstation}.
#pragma once

#include <lanyard/plugin/clinicalappplugin.h>

#include "launchedprograms.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QProcess>

#include <vector>

namespace Lanyard::Plugin::Exec {

class ExecPlugin : public QObject, public ClinicalAppPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID Lanyard_ClinicalAppPlugin_iid FILE "exec.json")
    Q_INTERFACES(Lanyard::Plugin::ClinicalAppPlugin)

public:
    ExecPlugin() = default; // does nothing: work starts in initialize()
    ~ExecPlugin() override;

    Result<void> initialize(const PluginConfig &config) override;
    Result<LaunchedApp> launch(const LaunchRequest &request) override;
    void sessionLocked() override;
    void sessionEnded() override;
    void shutdown() override;

private:
    void endAll();

    QString m_command;
    QStringList m_arguments;
    QStringList m_argumentsWithPatient;
    QJsonObject m_environment;
    QStringList m_stdin;
    std::chrono::milliseconds m_endGrace{2000};
    Templates::LaunchedPrograms m_launched;
};

} // namespace Lanyard::Plugin::Exec
