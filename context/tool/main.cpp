// lanyard-context: the patient banner of a FHIR Patient file, PDS lookups and searches against
// the configured endpoint, and a FHIRcast hub on its own, for IT desks and plugin authors.
#include "contextcommands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QTextStream>

#include <cstdio>

using namespace Lanyard;
using namespace Lanyard::ContextTool;

namespace {

const char *description =
    "Patient context tools.\n\n"
    "Commands:\n"
    "  banner FILE|-        the banner line of a FHIR Patient (JSON) by the NHS CUI rules\n"
    "  lookup NHSNUMBER     read a patient from PDS\n"
    "  search               search PDS (--family, --given, --gender, --birthdate, --postcode)\n"
    "  hub                  run a FHIRcast hub on loopback until Ctrl-C; prints its URL, topic\n"
    "                       and a token per --app, to test an application without a card\n\n"
    "lookup and search read [pds] from --config and need an access token on standard input\n"
    "(--token-stdin) and the role it was issued for (--role).\n\n";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lanyard-context"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANYARD_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QLatin1String(description) + QLatin1String(exitCodeHelp));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("banner | lookup | search | hub"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per line."));
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("Configuration file."),
                                    QStringLiteral("file"), QStringLiteral("/etc/xdg/lanyard/lanyard.conf"));
    const QCommandLineOption tokenStdin(QStringLiteral("token-stdin"),
                                        QStringLiteral("Read the access token from standard input."));
    const QCommandLineOption role(QStringLiteral("role"), QStringLiteral("The role id (NHSD-Session-URID)."), QStringLiteral("id"));
    const QCommandLineOption ods(QStringLiteral("ods"), QStringLiteral("The user's organisation (ODS code)."), QStringLiteral("code"));
    const QCommandLineOption now(QStringLiteral("now"), QStringLiteral("banner: the time to compute ages at (ISO 8601)."), QStringLiteral("time"));
    const QCommandLineOption family(QStringLiteral("family"), QStringLiteral("search: family name."), QStringLiteral("name"));
    const QCommandLineOption given(QStringLiteral("given"), QStringLiteral("search: given name."), QStringLiteral("name"));
    const QCommandLineOption gender(QStringLiteral("gender"), QStringLiteral("search: male, female, other, unknown."), QStringLiteral("gender"));
    const QCommandLineOption birthdate(QStringLiteral("birthdate"), QStringLiteral("search: YYYY-MM-DD."), QStringLiteral("date"));
    const QCommandLineOption postcode(QStringLiteral("postcode"), QStringLiteral("search: postcode."), QStringLiteral("postcode"));
    const QCommandLineOption fuzzy(QStringLiteral("fuzzy"), QStringLiteral("search: fuzzy match."));
    const QCommandLineOption exact(QStringLiteral("exact"), QStringLiteral("search: exact match only."));
    const QCommandLineOption max(QStringLiteral("max"), QStringLiteral("search: at most N results (1-50)."), QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("hub: the port (default any free port)."), QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption application(QStringLiteral("app"), QStringLiteral("hub: an application to issue a token to (repeatable)."), QStringLiteral("id"));
    parser.addOptions({json, config, tokenStdin, role, ods, now, family, given, gender, birthdate,
                       postcode, fuzzy, exact, max, port, application});

    const bool parsed = parser.parse(QCoreApplication::arguments());
    const Output output(QStringLiteral("lanyard-context"), parser.isSet(json));
    if (!parsed) {
        output.error(parser.errorText() + QStringLiteral(" See --help."));
        return UsageError;
    }
    if (parser.isSet(help))
        parser.showHelp(Success);
    if (parser.isSet(version))
        parser.showVersion();
    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);

    if (command == QLatin1String("banner") && positional.size() == 2) {
        const QDateTime at = parser.isSet(now) ? QDateTime::fromString(parser.value(now), Qt::ISODate)
                                               : QDateTime::currentDateTimeUtc();
        if (!at.isValid()) {
            output.error(QStringLiteral("--now wants an ISO 8601 time, e.g. 2026-11-21T09:30:00Z"));
            return UsageError;
        }
        return banner(positional[1], at.toUTC(), output);
    }
    if (command == QLatin1String("hub") && positional.size() == 1) {
        Context::FhircastHub::Config hubConfig;
        hubConfig.port = quint16(parser.value(port).toUInt());
        QStringList applications = parser.values(application);
        if (applications.isEmpty())
            applications << QStringLiteral("test-app");
        return hub(hubConfig, applications, output);
    }
    if ((command == QLatin1String("lookup") && positional.size() == 2)
        || (command == QLatin1String("search") && positional.size() == 1)) {
        QSettings settings(parser.value(config), QSettings::IniFormat);
        auto contextConfig = Context::ContextConfig::fromSettings(settings);
        if (!contextConfig) {
            output.error(QStringLiteral("%1: %2").arg(parser.value(config), contextConfig.error().message));
            return UsageError;
        }
        if (!parser.isSet(tokenStdin) || !parser.isSet(role)) {
            output.error(QStringLiteral("give --token-stdin (the access token on standard input) and --role"));
            return UsageError;
        }
        Context::PdsCredentials credentials;
        QFile in;
        in.open(stdin, QIODevice::ReadOnly);
        credentials.accessToken = in.readAll().trimmed();
        credentials.roleId = parser.value(role);
        credentials.organisationOdsCode = parser.value(ods);
        if (command == QLatin1String("lookup"))
            return lookup(*contextConfig, credentials, positional[1], output);
        Context::PatientSearch query;
        query.family = parser.value(family);
        query.given = parser.value(given);
        query.gender = parser.value(gender);
        query.birthDate = QDate::fromString(parser.value(birthdate), Qt::ISODate);
        query.postcode = parser.value(postcode);
        query.fuzzy = parser.isSet(fuzzy);
        query.exact = parser.isSet(exact);
        query.maxResults = parser.value(max).toInt();
        return search(*contextConfig, credentials, query, output);
    }
    output.error(QStringLiteral("give a command: banner FILE, lookup NHSNUMBER, search, or hub (see --help)"));
    return UsageError;
}
