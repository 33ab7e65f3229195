#include <lanyard/pluginhost/pluginwire.h>

#include <QJsonArray>

#include <openssl/crypto.h>

namespace Lanyard::Plugins::Internal {

using namespace Plugin;

namespace {

QString dateText(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QJsonObject toJson(const UserContext &user)
{
    return {{QStringLiteral("uid"), user.uid},
            {QStringLiteral("name"), user.name},
            {QStringLiteral("roleId"), user.roleId},
            {QStringLiteral("roleName"), user.roleName},
            {QStringLiteral("roleCode"), user.roleCode},
            {QStringLiteral("organisationCode"), user.organisationCode},
            {QStringLiteral("organisationName"), user.organisationName}};
}

UserContext userFromJson(const QJsonObject &json)
{
    UserContext user;
    user.uid = json.value(QStringLiteral("uid")).toString();
    user.name = json.value(QStringLiteral("name")).toString();
    user.roleId = json.value(QStringLiteral("roleId")).toString();
    user.roleName = json.value(QStringLiteral("roleName")).toString();
    user.roleCode = json.value(QStringLiteral("roleCode")).toString();
    user.organisationCode = json.value(QStringLiteral("organisationCode")).toString();
    user.organisationName = json.value(QStringLiteral("organisationName")).toString();
    return user;
}

} // namespace

QJsonObject toJson(const PluginConfig &config)
{
    return {{QStringLiteral("id"), config.id},
            {QStringLiteral("settings"), config.settings},
            {QStringLiteral("dataDirectory"), config.dataDirectory}};
}

PluginConfig pluginConfigFromJson(const QJsonObject &json)
{
    PluginConfig config;
    config.id = json.value(QStringLiteral("id")).toString();
    config.settings = json.value(QStringLiteral("settings")).toObject();
    config.dataDirectory = json.value(QStringLiteral("dataDirectory")).toString();
    return config;
}

QJsonObject toJson(const PatientContext &patient)
{
    return {{QStringLiteral("nhsNumber"), patient.nhsNumber},
            {QStringLiteral("family"), patient.family},
            {QStringLiteral("given"), QJsonArray::fromStringList(patient.given)},
            {QStringLiteral("title"), patient.title},
            {QStringLiteral("birthDate"), dateText(patient.birthDate)},
            {QStringLiteral("gender"), patient.gender},
            {QStringLiteral("deceased"), patient.deceased},
            {QStringLiteral("restricted"), patient.restricted},
            {QStringLiteral("resource"), patient.resource}};
}

PatientContext patientFromJson(const QJsonObject &json)
{
    PatientContext patient;
    patient.nhsNumber = json.value(QStringLiteral("nhsNumber")).toString();
    patient.family = json.value(QStringLiteral("family")).toString();
    for (const QJsonValue &given : json.value(QStringLiteral("given")).toArray())
        patient.given << given.toString();
    patient.title = json.value(QStringLiteral("title")).toString();
    patient.birthDate =
        QDate::fromString(json.value(QStringLiteral("birthDate")).toString(), Qt::ISODate);
    patient.gender = json.value(QStringLiteral("gender")).toString();
    patient.deceased = json.value(QStringLiteral("deceased")).toBool();
    patient.restricted = json.value(QStringLiteral("restricted")).toBool();
    patient.resource = json.value(QStringLiteral("resource")).toObject();
    return patient;
}

QJsonObject toJson(const LaunchRequest &request)
{
    // Tokens are ASCII (JWTs, opaque bearer tokens); Latin-1 carries any byte unchanged.
    const QJsonObject token{
        {QStringLiteral("token"), QString::fromLatin1(request.token.token)},
        {QStringLiteral("audience"), request.token.audience},
        {QStringLiteral("issuedTokenType"), request.token.issuedTokenType},
        {QStringLiteral("expiresAt"), request.token.expiresAt.toString(Qt::ISODateWithMs)}};
    const QJsonObject hub{{QStringLiteral("url"), request.hub.url.toString()},
                          {QStringLiteral("topic"), request.hub.topic},
                          {QStringLiteral("token"), QString::fromLatin1(request.hub.token)}};
    return {{QStringLiteral("user"), toJson(request.user)},
            {QStringLiteral("token"), token},
            {QStringLiteral("patient"), toJson(request.patient)},
            {QStringLiteral("hub"), hub},
            {QStringLiteral("workstation"), request.workstation},
            {QStringLiteral("identitySession"),
             QJsonObject{{QStringLiteral("issuer"), request.identitySession.issuer.toString()},
                         {QStringLiteral("cookies"),
                          QString::fromLatin1(request.identitySession.cookies)}}},
            {QStringLiteral("login"),
             QJsonObject{{QStringLiteral("username"), request.login.username},
                         {QStringLiteral("password"),
                          QString::fromUtf8(request.login.password)}}}};
}

LaunchRequest launchRequestFromJson(const QJsonObject &json)
{
    LaunchRequest request;
    request.user = userFromJson(json.value(QStringLiteral("user")).toObject());
    const QJsonObject token = json.value(QStringLiteral("token")).toObject();
    request.token.token = token.value(QStringLiteral("token")).toString().toLatin1();
    request.token.audience = token.value(QStringLiteral("audience")).toString();
    request.token.issuedTokenType = token.value(QStringLiteral("issuedTokenType")).toString();
    request.token.expiresAt = QDateTime::fromString(
        token.value(QStringLiteral("expiresAt")).toString(), Qt::ISODateWithMs);
    request.patient = patientFromJson(json.value(QStringLiteral("patient")).toObject());
    const QJsonObject hub = json.value(QStringLiteral("hub")).toObject();
    request.hub.url = QUrl(hub.value(QStringLiteral("url")).toString());
    request.hub.topic = hub.value(QStringLiteral("topic")).toString();
    request.hub.token = hub.value(QStringLiteral("token")).toString().toLatin1();
    request.workstation = json.value(QStringLiteral("workstation")).toString();
    const QJsonObject identity = json.value(QStringLiteral("identitySession")).toObject();
    request.identitySession.issuer = QUrl(identity.value(QStringLiteral("issuer")).toString());
    request.identitySession.cookies = identity.value(QStringLiteral("cookies")).toString().toLatin1();
    const QJsonObject login = json.value(QStringLiteral("login")).toObject();
    request.login.username = login.value(QStringLiteral("username")).toString();
    request.login.password = login.value(QStringLiteral("password")).toString().toUtf8();
    return request;
}

QJsonObject toJson(const LaunchedApp &app)
{
    return {{QStringLiteral("processId"), app.processId},
            {QStringLiteral("windowTitle"), app.windowTitle},
            {QStringLiteral("signedIn"), app.signedIn}};
}

LaunchedApp launchedAppFromJson(const QJsonObject &json)
{
    LaunchedApp app;
    app.processId = json.value(QStringLiteral("processId")).toInteger();
    app.windowTitle = json.value(QStringLiteral("windowTitle")).toString();
    app.signedIn = json.value(QStringLiteral("signedIn")).toBool();
    return app;
}

void wipe(QByteArray &bytes)
{
    // A copy the plugin kept shares these bytes; data() would then detach and wipe only a fresh
    // copy, so wipe only a buffer this holder owns alone (the plugin wipes its own copies).
    if (!bytes.isEmpty() && bytes.isDetached())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

void wipeSecrets(LaunchRequest &request)
{
    wipe(request.token.token);
    wipe(request.hub.token);
    wipe(request.identitySession.cookies);
    wipe(request.login.password);
}

} // namespace Lanyard::Plugins::Internal
