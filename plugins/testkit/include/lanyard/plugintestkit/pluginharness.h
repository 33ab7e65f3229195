// PluginHarness: loads a Lanyard plugin as the host does, manifest first and code only when the
// manifest is acceptable, then drives its lifecycle and records what each call returned, so a
// plugin author's Qt Test can check the plugin without a Lanyard, a card or an identity service.
//
//     Lanyard::PluginTestKit::PluginHarness harness;
//     QVERIFY2(harness.load(PLUGIN_FILE), qPrintable(harness.lastError()));
//     QVERIFY(harness.initialize(QJsonObject{{"command", "/bin/true"}}).ok());
//     auto app = harness.launch(harness.sampleRequest());
#pragma once

#include <lanyard/plugin/clinicalappplugin.h>
#include <lanyard/plugin/plugintypes.h>
#include <lanyard/result.h>

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Lanyard::PluginTestKit {

enum class HarnessError {
    FileNotFound = 1,
    NotAPlugin,       // QPluginLoader found no Qt plugin metadata in the file
    WrongInterface,   // the IID is not this SDK's ClinicalAppPlugin
    BadManifest,      // a required field is missing or has the wrong type or value
    ApiTooNew,        // the manifest's api is newer than this SDK's ApiVersion
    LoadFailed,       // the manifest was fine but instance() failed
    NotLoaded,        // a lifecycle call before load() succeeded
    CallFailed,       // the plugin returned an error
};

// The manifest, as read from QPluginLoader::metaData()["MetaData"].
struct Manifest
{
    QString iid;
    QString id;
    QString name;
    QString version;
    int api = 0;
    QString vendor;
    QString icon;
    QString signIn;            // token, web, autotype or none
    bool followsPatient = false;
    QString audience;          // the token-exchange audience Lanyard asks a token for
    QJsonObject settings;
    QJsonObject raw;           // the whole "MetaData" object
};

// One lifecycle call and what came of it.
struct CallRecord
{
    QString call;              // "initialize", "launch", "patientContextChanged", ...
    bool ok = true;
    QString error;             // the plugin's message when it refused
    Plugin::LaunchedApp launched; // for a successful launch
};

class PluginHarness
{
public:
    PluginHarness();
    ~PluginHarness();              // shuts the plugin down and unloads it if still loaded
    PluginHarness(const PluginHarness &) = delete;
    PluginHarness &operator=(const PluginHarness &) = delete;

    // The check Lanyard makes before loading any code: the IID, and the manifest's id, name,
    // version, api (<= Plugin::ApiVersion) and signIn. `metaData` is QPluginLoader::metaData().
    static Result<Manifest> checkMetaData(const QJsonObject &metaData);
    // Reads and checks a plugin file's manifest without running any of its code.
    static Result<Manifest> readManifest(const QString &fileName);

    // readManifest(), then QPluginLoader::instance() and a cast to ClinicalAppPlugin.
    Result<Manifest> load(const QString &fileName);
    bool isLoaded() const;
    const Manifest &manifest() const;
    Plugin::ClinicalAppPlugin *plugin() const;
    // Calls shutdown() if initialize() succeeded and not yet shut down, then unloads the file.
    void unload();

    // The lifecycle, each call recorded in calls(). Calls before load() fail with NotLoaded.
    Result<void> initialize(const Plugin::PluginConfig &config);
    // As Lanyard does: the manifest's settings overlaid by `settings`; a fresh data directory.
    Result<void> initialize(const QJsonObject &settings = {});
    Result<Plugin::LaunchedApp> launch(const Plugin::LaunchRequest &request);
    void patientContextChanged(const Plugin::PatientContext &patient);
    void sessionLocked();
    void sessionEnded();
    void shutdown();

    const QList<CallRecord> &calls() const;
    QStringList callNames() const;
    QList<Plugin::LaunchedApp> launchedApps() const;   // every successful launch, in order
    QString lastError() const;                         // the last failure's message, or empty

    // Plausible, clearly fake values; the token is random per call so a test can search for it.
    static Plugin::UserContext sampleUser();
    static Plugin::PatientContext samplePatient();
    static Plugin::AccessToken sampleToken(const QString &audience);
    static Plugin::HubContext sampleHub();
    // A request for the loaded manifest's audience; with samplePatient() when `withPatient`.
    Plugin::LaunchRequest sampleRequest(bool withPatient = true) const;

    // Whether a process still runs (a zombie counts as ended), and a wait for it to end that
    // keeps the event loop turning. Launched processes are usually detached, not our children.
    static bool isRunning(qint64 processId);
    static bool waitForExit(qint64 processId, int timeoutMs = 5000);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::PluginTestKit
