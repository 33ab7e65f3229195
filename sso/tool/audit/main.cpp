// lanyard-audit: checks and reads Lanyard's audit log, for IT desks and information governance.
#include "auditcommands.h"

#include <lanyard/sso/auditlog.h>

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Lanyard::AuditTool;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lanyard-audit"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANYARD_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "Checks and reads Lanyard's audit log (one JSON object per line, hash-chained).\n\n"
            "Commands:\n"
            "  verify FILE  check every line's seq and prev: finds lines altered, removed or\n"
            "               reordered anywhere but at the end, and a last line cut short\n"
            "  show FILE    print the lines as a table (does not check them: run verify)\n\n")
        + QLatin1String(exitCodeHelp));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("verify | show"));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The audit log."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("One JSON object per line."));
    const QCommandLineOption since(
        QStringLiteral("since"),
        QStringLiteral("show: lines at or after this time (ISO 8601; local time without an "
                       "offset)."),
        QStringLiteral("time"));
    const QCommandLineOption user(QStringLiteral("user"),
                                  QStringLiteral("show: lines about this user id."),
                                  QStringLiteral("uid"));
    const QCommandLineOption event(QStringLiteral("event"),
                                   QStringLiteral("show: lines of this event (signin.failed...)."),
                                   QStringLiteral("name"));
    parser.addOptions({json, since, user, event});

    // parse(), not process(): process() exits 1 on a bad option, and 1 means "tampered" here.
    const bool parsed = parser.parse(QCoreApplication::arguments());
    const Output output(QStringLiteral("lanyard-audit"), parser.isSet(json));
    if (!parsed) {
        output.error(parser.errorText() + QStringLiteral(" See --help."));
        return UsageError;
    }
    if (parser.isSet(help) || parser.isSet(QStringLiteral("help-all")))
        parser.showHelp(Success);
    if (parser.isSet(version))
        parser.showVersion();

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        output.error(QStringLiteral("give a command and a file: verify FILE or show FILE (see "
                                    "--help)"));
        return UsageError;
    }
    const QString &command = positional.at(0);
    const QString &file = positional.at(1);
    if (command == QLatin1String("verify")) {
        if (parser.isSet(since) || parser.isSet(user) || parser.isSet(event)) {
            output.error(QStringLiteral("--since, --user and --event go with show (see --help)"));
            return UsageError;
        }
        return verify(file, output);
    }
    if (command == QLatin1String("show")) {
        ShowFilter filter{QDateTime(), parser.value(user), parser.value(event)};
        if (parser.isSet(since)) {
            filter.since = QDateTime::fromString(parser.value(since), Qt::ISODateWithMs);
            if (!filter.since.isValid()) {
                output.error(QStringLiteral("--since \"%1\" is not an ISO 8601 time, such as "
                                            "2026-11-21T08:00:00Z")
                                 .arg(parser.value(since)));
                return UsageError;
            }
        }
        if (!filter.event.isEmpty() && !Lanyard::Sso::auditEventFromName(filter.event)) {
            output.error(QStringLiteral("--event \"%1\" is not an audit event (see "
                                        "docs/audit.md)")
                             .arg(filter.event));
            return UsageError;
        }
        return show(file, filter, output);
    }
    output.error(QStringLiteral("unknown command \"%1\" (see --help)").arg(command));
    return UsageError;
}
