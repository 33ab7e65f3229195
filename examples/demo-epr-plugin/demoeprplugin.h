// A template Lanyard plugin: starts a desktop EPR client signed in with a token Lanyard
// exchanged for the "demo-epr" audience, on the patient open in Lanyard's banner. Copy this
// directory, rename the class, the id and the audience, and change launch() to suit your
// application.
#pragma once

#include <lanyard/plugin/clinicalappplugin.h>

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class DemoEprPlugin : public QObject, public Lanyard::Plugin::ClinicalAppPlugin
{
    Q_OBJECT
    // Lanyard reads this manifest before it loads any of the plugin's code.
    Q_PLUGIN_METADATA(IID Lanyard_ClinicalAppPlugin_iid FILE "demo-epr.json")
    Q_INTERFACES(Lanyard::Plugin::ClinicalAppPlugin)

public:
    enum class DemoEprError {
        NotConfigured = 1,
        NotInitialized,
        NoToken,
        StartFailed,
    };

    // Does nothing: Lanyard may construct a plugin it then never uses.
    DemoEprPlugin() = default;

    Lanyard::Result<void> initialize(const Lanyard::Plugin::PluginConfig &config) override;
    Lanyard::Result<Lanyard::Plugin::LaunchedApp>
    launch(const Lanyard::Plugin::LaunchRequest &request) override;
    void patientContextChanged(const Lanyard::Plugin::PatientContext &patient) override;
    void sessionLocked() override;
    void sessionEnded() override;
    void shutdown() override;

private:
    QString m_program;
    QStringList m_arguments;
    QList<qint64> m_launched;
};
