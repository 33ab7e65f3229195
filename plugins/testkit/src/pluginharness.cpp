#include <lanyard/plugintestkit/pluginharness.h>

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonValue>
#include <QPluginLoader>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <sys/types.h>

namespace Lanyard::PluginTestKit {

namespace {

Error fail(HarnessError code, const QString &message)
{
    return Error::make(code, message);
}

QString requiredString(const QJsonObject &manifest, QLatin1String key, QString *problem)
{
    const QJsonValue value = manifest.value(key);
    if (!value.isString() || value.toString().isEmpty()) {
        *problem = QStringLiteral("manifest: \"%1\" is missing or not a non-empty string")
                       .arg(key);
        return {};
    }
    return value.toString();
}

} // namespace

struct PluginHarness::Private
{
    QPluginLoader loader;
    Manifest manifest;
    Plugin::ClinicalAppPlugin *plugin = nullptr;
    bool initialized = false;
    bool shutDown = false;
    QList<CallRecord> calls;
    QString lastError;
    std::unique_ptr<QTemporaryDir> dataDirectory;

    void record(const QString &call, bool ok, const QString &error = {},
                const Plugin::LaunchedApp &launched = {})
    {
        calls.append(CallRecord{call, ok, error, launched});
        if (!ok)
            lastError = error;
    }

    Error notLoaded(const QString &call)
    {
        const QString message = QStringLiteral("%1: no plugin loaded (call load() first)")
                                    .arg(call);
        record(call, false, message);
        return fail(HarnessError::NotLoaded, message);
    }
};

PluginHarness::PluginHarness() : d(std::make_unique<Private>()) {}

PluginHarness::~PluginHarness()
{
    unload();
}

Result<Manifest> PluginHarness::checkMetaData(const QJsonObject &metaData)
{
    Manifest manifest;
    manifest.iid = metaData.value(QLatin1String("IID")).toString();
    if (manifest.iid != QLatin1String(Lanyard_ClinicalAppPlugin_iid)) {
        return fail(HarnessError::WrongInterface,
                    QStringLiteral("manifest: IID \"%1\" is not \"%2\"; is this a Lanyard plugin "
                                   "built against this SDK?")
                        .arg(manifest.iid, QLatin1String(Lanyard_ClinicalAppPlugin_iid)));
    }
    const QJsonValue data = metaData.value(QLatin1String("MetaData"));
    if (!data.isObject() || data.toObject().isEmpty()) {
        return fail(HarnessError::BadManifest,
                    QStringLiteral("manifest: empty; give Q_PLUGIN_METADATA a FILE with the "
                                   "plugin's JSON manifest"));
    }
    const QJsonObject json = data.toObject();
    manifest.raw = json;

    QString problem;
    manifest.id = requiredString(json, QLatin1String("id"), &problem);
    if (problem.isEmpty())
        manifest.name = requiredString(json, QLatin1String("name"), &problem);
    if (problem.isEmpty())
        manifest.version = requiredString(json, QLatin1String("version"), &problem);
    if (problem.isEmpty())
        manifest.signIn = requiredString(json, QLatin1String("signIn"), &problem);
    if (!problem.isEmpty())
        return fail(HarnessError::BadManifest, problem);

    // The API version decides whether the code may be loaded at all, so it must be exact.
    const QJsonValue api = json.value(QLatin1String("api"));
    if (!api.isDouble() || api.toDouble() != api.toInt() || api.toInt() < 1) {
        return fail(HarnessError::BadManifest,
                    QStringLiteral("manifest: \"api\" is missing or not a whole number >= 1"));
    }
    manifest.api = api.toInt();
    if (manifest.api > Plugin::ApiVersion) {
        return fail(HarnessError::ApiTooNew,
                    QStringLiteral("manifest: api %1 is newer than this Lanyard's %2")
                        .arg(manifest.api)
                        .arg(Plugin::ApiVersion));
    }

    static const QStringList signIns{QStringLiteral("token"), QStringLiteral("web"),
                                     QStringLiteral("autotype"), QStringLiteral("none")};
    if (!signIns.contains(manifest.signIn)) {
        return fail(HarnessError::BadManifest,
                    QStringLiteral("manifest: signIn \"%1\" is not one of %2")
                        .arg(manifest.signIn, signIns.join(QStringLiteral(", "))));
    }

    manifest.vendor = json.value(QLatin1String("vendor")).toString();
    manifest.icon = json.value(QLatin1String("icon")).toString();
    manifest.followsPatient = json.value(QLatin1String("followsPatient")).toBool();
    manifest.audience = json.value(QLatin1String("audience")).toString();
    if (manifest.signIn == QLatin1String("token") && manifest.audience.isEmpty()) {
        return fail(HarnessError::BadManifest,
                    QStringLiteral("manifest: signIn \"token\" needs an \"audience\" to ask a "
                                   "token for"));
    }
    const QJsonValue settings = json.value(QLatin1String("settings"));
    if (!settings.isUndefined() && !settings.isObject()) {
        return fail(HarnessError::BadManifest,
                    QStringLiteral("manifest: \"settings\" is not an object"));
    }
    manifest.settings = settings.toObject();
    return manifest;
}

Result<Manifest> PluginHarness::readManifest(const QString &fileName)
{
    if (!QFileInfo(fileName).isFile())
        return fail(HarnessError::FileNotFound, QStringLiteral("%1: no such file").arg(fileName));
    // metaData() reads the file's metadata section; it does not run the plugin's code.
    QPluginLoader loader(fileName);
    const QJsonObject metaData = loader.metaData();
    if (metaData.isEmpty()) {
        return fail(HarnessError::NotAPlugin,
                    QStringLiteral("%1: not a Qt plugin (%2)").arg(fileName, loader.errorString()));
    }
    Result<Manifest> manifest = checkMetaData(metaData);
    if (!manifest) {
        return fail(static_cast<HarnessError>(manifest.error().code),
                    QStringLiteral("%1: %2").arg(fileName, manifest.error().message));
    }
    return manifest;
}

Result<Manifest> PluginHarness::load(const QString &fileName)
{
    unload();
    Result<Manifest> manifest = readManifest(fileName);
    if (!manifest) {
        d->record(QStringLiteral("load"), false, manifest.error().message);
        return manifest;
    }
    d->loader.setFileName(fileName);
    QObject *instance = d->loader.instance();
    auto *plugin = qobject_cast<Plugin::ClinicalAppPlugin *>(instance);
    if (!plugin) {
        const QString message =
            instance ? QStringLiteral("%1: the instance does not implement ClinicalAppPlugin "
                                      "(missing Q_INTERFACES?)")
                           .arg(fileName)
                     : QStringLiteral("%1: could not load: %2")
                           .arg(fileName, d->loader.errorString());
        d->loader.unload();
        d->record(QStringLiteral("load"), false, message);
        return fail(HarnessError::LoadFailed, message);
    }
    d->plugin = plugin;
    d->manifest = *manifest;
    d->record(QStringLiteral("load"), true);
    return manifest;
}

bool PluginHarness::isLoaded() const
{
    return d->plugin != nullptr;
}

const Manifest &PluginHarness::manifest() const
{
    return d->manifest;
}

Plugin::ClinicalAppPlugin *PluginHarness::plugin() const
{
    return d->plugin;
}

void PluginHarness::unload()
{
    if (!d->plugin)
        return;
    if (d->initialized && !d->shutDown)
        shutdown();
    d->plugin = nullptr;
    d->loader.unload();
    d->initialized = false;
    d->shutDown = false;
    d->dataDirectory.reset();
}

Result<void> PluginHarness::initialize(const Plugin::PluginConfig &config)
{
    const QString call = QStringLiteral("initialize");
    if (!d->plugin)
        return d->notLoaded(call);
    Result<void> result = d->plugin->initialize(config);
    d->initialized = result.ok();
    d->shutDown = false;
    d->record(call, result.ok(), result.ok() ? QString() : result.error().message);
    return result;
}

Result<void> PluginHarness::initialize(const QJsonObject &settings)
{
    if (!d->plugin)
        return d->notLoaded(QStringLiteral("initialize"));
    Plugin::PluginConfig config;
    config.id = d->manifest.id;
    config.settings = d->manifest.settings;
    for (auto it = settings.begin(); it != settings.end(); ++it)
        config.settings.insert(it.key(), it.value());
    d->dataDirectory = std::make_unique<QTemporaryDir>();
    config.dataDirectory = d->dataDirectory->path();
    return initialize(config);
}

Result<Plugin::LaunchedApp> PluginHarness::launch(const Plugin::LaunchRequest &request)
{
    const QString call = QStringLiteral("launch");
    if (!d->plugin)
        return d->notLoaded(call);
    Result<Plugin::LaunchedApp> result = d->plugin->launch(request);
    if (result)
        d->record(call, true, {}, *result);
    else
        d->record(call, false, result.error().message);
    return result;
}

void PluginHarness::patientContextChanged(const Plugin::PatientContext &patient)
{
    const QString call = QStringLiteral("patientContextChanged");
    if (!d->plugin) {
        (void)d->notLoaded(call);
        return;
    }
    d->plugin->patientContextChanged(patient);
    d->record(call, true);
}

void PluginHarness::sessionLocked()
{
    const QString call = QStringLiteral("sessionLocked");
    if (!d->plugin) {
        (void)d->notLoaded(call);
        return;
    }
    d->plugin->sessionLocked();
    d->record(call, true);
}

void PluginHarness::sessionEnded()
{
    const QString call = QStringLiteral("sessionEnded");
    if (!d->plugin) {
        (void)d->notLoaded(call);
        return;
    }
    d->plugin->sessionEnded();
    d->record(call, true);
}

void PluginHarness::shutdown()
{
    const QString call = QStringLiteral("shutdown");
    if (!d->plugin) {
        (void)d->notLoaded(call);
        return;
    }
    d->plugin->shutdown();
    d->shutDown = true;
    d->record(call, true);
}

const QList<CallRecord> &PluginHarness::calls() const
{
    return d->calls;
}

QStringList PluginHarness::callNames() const
{
    QStringList names;
    for (const CallRecord &record : d->calls)
        names.append(record.call);
    return names;
}

QList<Plugin::LaunchedApp> PluginHarness::launchedApps() const
{
    QList<Plugin::LaunchedApp> apps;
    for (const CallRecord &record : d->calls) {
        if (record.call == QLatin1String("launch") && record.ok)
            apps.append(record.launched);
    }
    return apps;
}

QString PluginHarness::lastError() const
{
    return d->lastError;
}

Plugin::UserContext PluginHarness::sampleUser()
{
    Plugin::UserContext user;
    user.uid = QStringLiteral("555000000001");
    user.name = QStringLiteral("Dr Alice Example");
    user.roleId = QStringLiteral("555000000001-R8000");
    user.roleName = QStringLiteral("Clinical Practitioner Access Role");
    user.roleCode = QStringLiteral("R8000");
    user.organisationCode = QStringLiteral("X26");
    user.organisationName = QStringLiteral("Example NHS Trust");
    return user;
}

Plugin::PatientContext PluginHarness::samplePatient()
{
    Plugin::PatientContext patient;
    // 9000000009 is in the 999/900 range NHS England sets aside for testing: never a real patient.
    patient.nhsNumber = QStringLiteral("9000000009");
    patient.family = QStringLiteral("SMITH");
    patient.given = {QStringLiteral("Jane")};
    patient.title = QStringLiteral("Mrs");
    patient.birthDate = QDate(1970, 1, 1);
    patient.gender = QStringLiteral("female");
    patient.resource = QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Patient")},
        {QStringLiteral("id"), patient.nhsNumber},
        {QStringLiteral("identifier"),
         QJsonArray{QJsonObject{
             {QStringLiteral("system"), QStringLiteral("https://fhir.nhs.uk/Id/nhs-number")},
             {QStringLiteral("value"), patient.nhsNumber}}}}};
    return patient;
}

Plugin::AccessToken PluginHarness::sampleToken(const QString &audience)
{
    Plugin::AccessToken token;
    const quint64 nonce = QRandomGenerator::global()->generate64();
    token.token = QByteArrayLiteral("test-token-") + QByteArray::number(nonce, 16);
    token.audience = audience;
    token.issuedTokenType = QStringLiteral("urn:ietf:params:oauth:token-type:access_token");
    token.expiresAt = QDateTime::currentDateTimeUtc().addSecs(300);
    return token;
}

Plugin::HubContext PluginHarness::sampleHub()
{
    Plugin::HubContext hub;
    hub.url = QUrl(QStringLiteral("http://127.0.0.1:9/fhircast/hub"));
    hub.topic = QStringLiteral("ward-pc-1-session");
    const quint64 nonce = QRandomGenerator::global()->generate64();
    hub.token = QByteArrayLiteral("test-hub-token-") + QByteArray::number(nonce, 16);
    return hub;
}

Plugin::LaunchRequest PluginHarness::sampleRequest(bool withPatient) const
{
    Plugin::LaunchRequest request;
    request.user = sampleUser();
    request.token = sampleToken(d->manifest.audience);
    if (withPatient)
        request.patient = samplePatient();
    request.workstation = QStringLiteral("WARD7-PC01");
    return request;
}

bool PluginHarness::isRunning(qint64 processId)
{
    if (processId <= 0)
        return false;
    if (::kill(static_cast<pid_t>(processId), 0) != 0)
        return errno == EPERM; // exists, but not ours to signal
    // A detached process whose reaper has not yet run is a zombie: it has ended.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(processId));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')'); // the name in (...) may hold spaces
    return close < 0 || close + 2 >= line.size() || line.at(close + 2) != 'Z';
}

bool PluginHarness::waitForExit(qint64 processId, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (isRunning(processId)) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(20);
    }
    return true;
}

} // namespace Lanyard::PluginTestKit
