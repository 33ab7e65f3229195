// lanyard-card: the smartcard diagnostic tool for IT service desks.
#include "cardcommands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>

using namespace Lanyard::CardTool;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lanyard-card"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANYARD_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "Checks smartcard readers, cards and certificates the way Lanyard uses them.\n\n"
            "Commands:\n"
            "  readers  list readers and the card in each\n"
            "  watch    print reader and card events until interrupted (Ctrl-C)\n"
            "  certs    list the certificates on the card\n"
            "  login    ask for the passcode, sign a challenge with the card, verify it against "
            "the\n"
            "           card's certificate, and check the certificate chain\n\n")
        + QLatin1String(exitCodeHelp));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("readers | watch | certs | login"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("One JSON object per line."));
    const QCommandLineOption module(
        QStringLiteral("module"),
        QStringLiteral("PKCS#11 module (default: $LANYARD_PKCS11_MODULE, else OpenSC's)."),
        QStringLiteral("path"));
    const QCommandLineOption reader(
        QStringLiteral("reader"),
        QStringLiteral("Reader name or index (default: the first reader with a card)."),
        QStringLiteral("reader"));
    const QCommandLineOption count(QStringLiteral("count"),
                                   QStringLiteral("watch: stop after this many events."),
                                   QStringLiteral("n"));
    const QCommandLineOption passcodeStdin(
        QStringLiteral("passcode-stdin"),
        QStringLiteral("login: read the passcode from standard input."));
    const QCommandLineOption trust(QStringLiteral("trust"),
                                   QStringLiteral("Trust anchor PEM file (repeatable)."),
                                   QStringLiteral("file"));
    const QCommandLineOption intermediate(QStringLiteral("intermediate"),
                                          QStringLiteral("Intermediate CA PEM file (repeatable)."),
                                          QStringLiteral("file"));
    const QCommandLineOption crl(QStringLiteral("crl"),
                                 QStringLiteral("CRL PEM file (repeatable)."),
                                 QStringLiteral("file"));
    const QCommandLineOption requireRevocation(
        QStringLiteral("require-revocation"),
        QStringLiteral("Refuse a certificate whose revocation cannot be checked."));
    const QCommandLineOption ocsp(
        QStringLiteral("ocsp"),
        QStringLiteral("Ask OCSP (the certificate's responder, or this URL)."),
        QStringLiteral("url"));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QStringLiteral("Also print the library's diagnostic log."));
    parser.addOptions({ verbose, json, module, reader, count, passcodeStdin, trust, intermediate, crl,
                        requireRevocation, ocsp });
    parser.process(app);
    // The library's diagnostics are for developers; a desk wants the answer, unless it asks.
    if (!parser.isSet(verbose))
        QLoggingCategory::setFilterRules(QStringLiteral("lanyard.*.debug=false\nlanyard.*.info=false"));

    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    Options options;
    options.modulePath = parser.isSet(module)
        ? parser.value(module)
        : qEnvironmentVariable("LANYARD_PKCS11_MODULE",
                               QStringLiteral(LANYARD_DEFAULT_PKCS11_MODULE));
    options.reader = parser.value(reader);
    options.eventLimit = parser.value(count).toInt();
    options.passcodeFromStdin = parser.isSet(passcodeStdin);
    options.validation.trustAnchorFiles = parser.values(trust);
    options.validation.intermediateFiles = parser.values(intermediate);
    options.validation.crlFiles = parser.values(crl);
    options.validation.requireRevocationCheck = parser.isSet(requireRevocation);
    options.validation.ocspEnabled = parser.isSet(ocsp);
    if (!parser.value(ocsp).isEmpty() && parser.value(ocsp) != QLatin1String("aia"))
        options.validation.ocspUrl = QUrl(parser.value(ocsp));

    CardCommands commands(options, Output(QStringLiteral("lanyard-card"), parser.isSet(json)));
    if (positional.size() != 1) {
        Output(QStringLiteral("lanyard-card"), parser.isSet(json))
            .error(QStringLiteral("give one command: readers, watch, certs or login (see --help)"));
        return UsageError;
    }
    if (command == QLatin1String("readers"))
        return commands.readers();
    if (command == QLatin1String("watch"))
        return commands.watch();
    if (command == QLatin1String("certs"))
        return commands.certs();
    if (command == QLatin1String("login"))
        return commands.login();
    Output(QStringLiteral("lanyard-card"), parser.isSet(json))
        .error(QStringLiteral("unknown command \"%1\" (see --help)").arg(command));
    return UsageError;
}
