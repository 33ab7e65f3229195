// The built-in `autotype` plugin: a legacy application with a username and password of its own.
// Lanyard keeps them in the clinician's vault sealed to their card and hands them over in
// LaunchRequest::login; this plugin starts the program, waits for its sign-in window and types
// them into it with XTest, stopping the moment another window takes the keyboard. Settings:
//   program        the program (must be executable)
//   arguments      templates, as exec's, e.g. ["--user", "{userId}"]; no secrets
//   name           what the clinician calls it, in messages (default: the program's file name)
//   titlePattern   regular expression for the sign-in window's title
//   classPattern   regular expression for either part of its WM_CLASS
//   windowTimeout  seconds to wait for the window (default 20, at most 25)
//   sequence       what to type (default "{username}{tab}{password}{enter}")
//   keyDelayMs     pause after each key (default 5)
//   endGraceMs     at session end, SIGTERM then SIGKILL after this long (default 3000)
// The password is never logged, echoed, written or put on a command line; copies are wiped.
#pragma once

#include "keysequence.h"
#include "x11typist.h"

#include <lanyard/plugin/clinicalappplugin.h>

#include "launchedprograms.h"

#include <QObject>
#include <QPointer>
#include <QProcess>

#include <chrono>
#include <vector>

namespace Lanyard::Plugin::Autotype {

class AutotypePlugin : public QObject, public ClinicalAppPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID Lanyard_ClinicalAppPlugin_iid FILE "autotype.json")
    Q_INTERFACES(Lanyard::Plugin::ClinicalAppPlugin)

public:
    AutotypePlugin() = default; // does nothing: work starts in initialize()
    ~AutotypePlugin() override;

    Result<void> initialize(const PluginConfig &config) override;
    Result<LaunchedApp> launch(const LaunchRequest &request) override;
    void sessionLocked() override;
    void sessionEnded() override;
    void shutdown() override;

private:
    Result<FoundWindow> waitForWindow(X11Typist &x11, QProcess &process);
    void endAll();

    QString m_program;
    QString m_name;
    QStringList m_arguments;
    QRegularExpression m_title;
    QRegularExpression m_class;
    std::chrono::milliseconds m_windowTimeout { std::chrono::seconds(20) };
    std::chrono::milliseconds m_keyDelay { 5 };
    std::chrono::milliseconds m_endGrace { 3000 };
    QList<SequencePart> m_sequence;
    Templates::LaunchedPrograms m_launched;
};

} // namespace Lanyard::Plugin::Autotype
