#include "contextcommands.h"

#include "signalwatcher.h"

#include <lanyard/context/banner.h>
#include <lanyard/context/pdsclient.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace Lanyard::ContextTool {



namespace {

QJsonObject bannerObject(const Patient &patient, const QDateTime &now)
{
    const BannerText text = bannerText(patient, now);
    QJsonObject object{{QStringLiteral("nhs_number"), patient.nhsNumber},
                       {QStringLiteral("name"), text.name},
                       {QStringLiteral("born"), text.born},
                       {QStringLiteral("gender"), text.gender},
                       {QStringLiteral("nhs_no"), text.nhsNumber},
                       {QStringLiteral("deceased"), text.deceased},
                       {QStringLiteral("restricted"), text.restricted},
                       {QStringLiteral("line"), text.line()}};
    if (text.deceased) {
        object.insert(QStringLiteral("died"), text.died);
        object.insert(QStringLiteral("age_at_death"), text.ageAtDeath);
    }
    if (!patient.supersededNumber.isEmpty())
        object.insert(QStringLiteral("superseded_number"), patient.supersededNumber);
    return object;
}

QString bannerLine(const Patient &patient, const QDateTime &now)
{
    QString line = bannerText(patient, now).line();
    if (patient.restricted)
        line += QStringLiteral("  [restricted record]");
    if (!patient.supersededNumber.isEmpty())
        line += QStringLiteral("  [replaces NHS No. %1]")
                    .arg(NhsNumber::parse(patient.supersededNumber).value().formatted());
    return line;
}

// Runs one PDS call to completion on a local event loop (a command-line tool may wait).
template<typename T, typename Call>
Result<T> wait(Call call)
{
    std::optional<Result<T>> answer;
    QEventLoop loop;
    QObject receiver;
    call(&receiver, [&](Result<T> result) {
        answer = std::move(result);
        loop.quit();
    });
    if (!answer)
        loop.exec();
    return std::move(*answer);
}

CredentialsProvider provider(const PdsCredentials &credentials)
{
    return [credentials] { return std::optional<PdsCredentials>(credentials); };
}

} // namespace

ExitCode exitCodeFor(const Error &error)
{
    switch (ContextError(error.code)) {
    case ContextError::NotFound:
    case ContextError::Invalidated:
        return NotFound;
    case ContextError::AccessDenied:
    case ContextError::TooManyMatches:
    case ContextError::InvalidSearch:
    case ContextError::InvalidValue:
    case ContextError::NotSignedIn:
        return Refused;
    case ContextError::InvalidNhsNumber:
    case ContextError::Configuration:
        return UsageError;
    case ContextError::Malformed:
        return NotAPatient;
    default:
        return Unreachable;
    }
}

int banner(const QString &file, const QDateTime &now, const Output &output)
{
    QFile input(file);
    const bool opened = file == QLatin1String("-") ? input.open(stdin, QIODevice::ReadOnly)
                                                   : input.open(QIODevice::ReadOnly);
    if (!opened) {
        output.error(QStringLiteral("cannot read %1: %2").arg(file, input.errorString()));
        return UsageError;
    }
    const QJsonDocument document = QJsonDocument::fromJson(input.readAll());
    auto patient = Patient::fromFhir(document.object(), now.date());
    if (!patient) {
        output.error(patient.error().message);
        return exitCodeFor(patient.error());
    }
    output.record(bannerLine(*patient, now), bannerObject(*patient, now));
    return Success;
}

int lookup(const ContextConfig &config, const PdsCredentials &credentials, const QString &number,
           const Output &output)
{
    auto parsed = NhsNumber::parse(number);
    if (!parsed) {
        output.error(parsed.error().message);
        return UsageError;
    }
    PdsClient client(config.pds, provider(credentials));
    auto patient = wait<Patient>([&](QObject *receiver, PdsClient::ReadDone done) {
        client.read(*parsed, receiver, std::move(done));
    });
    if (!patient) {
        output.error(patient.error().message);
        return exitCodeFor(patient.error());
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    output.record(bannerLine(*patient, now), bannerObject(*patient, now));
    return Success;
}

int search(const ContextConfig &config, const PdsCredentials &credentials,
           const PatientSearch &query, const Output &output)
{
    PdsClient client(config.pds, provider(credentials));
    auto matches = wait<QList<SearchMatch>>([&](QObject *receiver, PdsClient::SearchDone done) {
        client.search(query, receiver, std::move(done));
    });
    if (!matches) {
        output.error(matches.error().message);
        return exitCodeFor(matches.error());
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const SearchMatch &match : *matches) {
        QJsonObject object = bannerObject(match.patient, now);
        object.insert(QStringLiteral("score"), match.score);
        output.record(QStringLiteral("%1  %2").arg(match.score, 0, 'f', 2).arg(bannerLine(match.patient, now)),
                      object);
    }
    if (matches->isEmpty() && !output.json())
        output.record(QStringLiteral("no patient matches"), {});
    return matches->isEmpty() ? NotFound : Success;
}

int hub(const FhircastHub::Config &config, const QStringList &applications, const Output &output)
{
    auto started = FhircastHub::start(config);
    if (!started) {
        output.error(started.error().message);
        return UsageError;
    }
    FhircastHub &running = **started;
    QJsonObject tokens;
    QStringList lines{QStringLiteral("hub.url    %1").arg(running.url().toString()),
                      QStringLiteral("hub.topic  %1").arg(running.topic())};
    for (const QString &application : applications) {
        const QByteArray token = running.issueToken(application);
        tokens.insert(application, QString::fromLatin1(token));
        lines << QStringLiteral("token      %1  %2").arg(application, QString::fromLatin1(token));
    }
    lines << QStringLiteral("Ctrl-C stops the hub.");
    output.record(lines.join(QLatin1Char('\n')),
                  {{QStringLiteral("hub.url"), running.url().toString()},
                   {QStringLiteral("hub.topic"), running.topic()},
                   {QStringLiteral("tokens"), tokens}});
    // What applications publish shows here, so an author can see their app's events arrive.
    QObject::connect(&running, &FhircastHub::patientOpenedBySubscriber, &running,
                     [&output](const QJsonObject &resource, const QString &application) {
                         output.record(QStringLiteral("Patient-open by %1: Patient/%2")
                                           .arg(application, resource.value(QLatin1String("id")).toString()),
                                       {{QStringLiteral("event"), QStringLiteral("Patient-open")},
                                        {QStringLiteral("by"), application},
                                        {QStringLiteral("resource"), resource}});
                     });
    QObject::connect(&running, &FhircastHub::syncErrorRaised, &running,
                     [&output](const QString &application, const QString &reason) {
                         output.record(QStringLiteral("SyncError from %1: %2").arg(application, reason),
                                       {{QStringLiteral("event"), QStringLiteral("SyncError")},
                                        {QStringLiteral("by"), application},
                                        {QStringLiteral("reason"), reason}});
                     });
    QEventLoop loop;
    SignalWatcher interrupted;
    QObject::connect(&interrupted, &SignalWatcher::interrupted, &loop, &QEventLoop::quit);
    loop.exec();
    running.userLogout();
    return Success;
}

} // namespace Lanyard::ContextTool
