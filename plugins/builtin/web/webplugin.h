// The built-in `web` plugin: opens a web application in lanyard-browser (Qt WebEngine, a program
// of its own: the plugin runner has no widgets) already signed in, because the browser starts
// with the identity service's session cookies from the card sign-in. Settings:
//   url          launch URL template, e.g. "https://epr.example/" or ".../patient/{nhsNumber}"
//   patientUrl   used when a patient is open at launch and when the banner's patient changes
//   followBy     "url" (navigate to patientUrl on a change), "hub" (the page follows the FHIRcast
//                hub; its details go in the URL fragment) or "none"
//   windowTitle  the browser window's title
//   caBundle     the CA file TLS is verified against (Chromium on Linux knows none of ours)
//   browser      lanyard-browser's path; default $LANYARD_BROWSER, else next to this plugin
//   disableGpu   pass --disable-gpu to Chromium (Xvfb, virtual machines)
//   endGraceMs   at session end, how long the browser may wipe itself before it is killed
// Placeholders: {nhsNumber} {userId} {roleId} {organisation} {hubUrl} {hubTopic} {workstation}.
#pragma once

#include <lanyard/plugin/clinicalappplugin.h>

#include <QObject>
#include <QPointer>
#include <QProcess>

#include <vector>

namespace Lanyard::Plugin::Web {

class WebPlugin : public QObject, public ClinicalAppPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID Lanyard_ClinicalAppPlugin_iid FILE "web.json")
    Q_INTERFACES(Lanyard::Plugin::ClinicalAppPlugin)

public:
    WebPlugin() = default; // does nothing: work starts in initialize()
    ~WebPlugin() override;

    Result<void> initialize(const PluginConfig &config) override;
    Result<LaunchedApp> launch(const LaunchRequest &request) override;
    void patientContextChanged(const PatientContext &patient) override;
    void sessionLocked() override;
    void sessionEnded() override;
    void shutdown() override;

private:
    bool running() const;
    void send(QJsonObject command);
    void readEvents();
    void endBrowser(bool wait);

    QString m_id;
    QString m_url;
    QString m_patientUrl;
    QString m_followBy;
    QString m_windowTitle;
    QString m_caBundle;
    QString m_browser;
    bool m_disableGpu = false;
    int m_endGraceMs = 3000;
    LaunchRequest m_last; // no secrets: the values the URL templates need on a patient change
    QPointer<QProcess> m_process;
    std::vector<QPointer<QProcess>> m_ending; // told to end, not yet gone
};

} // namespace Lanyard::Plugin::Web
