// lanyard: the clinician's single sign-on shell. Reads its configuration (the system-wide file
// /etc/xdg/lanyard/lanyard.conf with the keys a user may set from ~/.config/lanyard/lanyard.conf
// laid over it, or --config FILE alone), covers the screens until a clinician signs in with
// their smartcard, and keeps the session's applications and patient in step.
#include "firstpaintreport.h"
#include "lockshownreport.h"
#include "lock/coverwindow.h"
#include "lock/lockscreen.h"
#include "configcheck.h"
#include "layeredsettings.h"
#include "selftest.h"
#include "shellcontroller.h"
#include "shellstyle.h"
#include "workstation.h"

#include <lanyard/sso/clock.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>

#include <cstdio>

using namespace Lanyard;
using namespace Lanyard::Shell;

namespace {

// Each problem on its own line, FILE:LINE: message; "no problems" when there is none.
void printProblems(const QString &file, const QList<ConfigProblem> &problems)
{
    for (const ConfigProblem &problem : problems) {
        if (problem.line > 0)
            std::printf("%s:%d: %s\n", qPrintable(file), problem.line, qPrintable(problem.message));
        else
            std::printf("%s: %s\n", qPrintable(file), qPrintable(problem.message));
    }
    if (problems.isEmpty())
        std::printf("%s: no problems\n", qPrintable(file));
}

// lanyard --check-config [FILE]: that file; without one, the workstation's file and the user's own.
int checkConfig(const QString &file)
{
    if (!file.isEmpty()) {
        const QList<ConfigProblem> problems = checkConfigFile(file);
        printProblems(file, problems);
        return problems.isEmpty() ? 0 : 1;
    }
    const ConfigFiles files = ConfigFiles::standard();
    QList<ConfigProblem> problems = checkConfigFile(files.system);
    printProblems(files.system, problems);
    if (QFileInfo::exists(files.user)) {
        QSettings system(files.system, QSettings::IniFormat);
        const auto allowed = userKeysOf(system); // a bad value is reported with the system file
        const QStringList userKeys = allowed ? *allowed : QStringList{};
        const QList<ConfigProblem> userProblems = checkUserConfigFile(files.user, files.system, userKeys);
        printProblems(files.user, userProblems);
        problems += userProblems;
    }
    return problems.isEmpty() ? 0 : 1;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "lanyard: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    // --version and --help answer without a display (an IT desk's terminal, an install test).
    bool needsDisplay = true;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--version" || arg == "-v" || arg == "--help" || arg == "-h"
            || arg == "--check-config" || arg == "--self-test")
            needsDisplay = false;
    }
    std::unique_ptr<QCoreApplication> application = needsDisplay
        ? std::make_unique<QApplication>(argc, argv)
        : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication &app = *application;
    QApplication::setApplicationName(QStringLiteral("lanyard"));
    QApplication::setOrganizationName(QStringLiteral("lanyard"));
    QApplication::setApplicationVersion(QStringLiteral(LANYARD_VERSION));
    QApplication::setQuitOnLastWindowClosed(false); // the lock screen comes and goes

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Clinician single sign-on with an NHS smartcard."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QApplication::translate("main", "Read the configuration from FILE instead of the system's."),
        QStringLiteral("FILE"));
    parser.addOption(configOption);
    const QCommandLineOption checkOption(
        QStringLiteral("check-config"),
        QApplication::translate("main", "Report every problem in the configuration (or in the FILE "
                                        "given after the option) and exit: 0 when there is none."));
    parser.addOption(checkOption);
    const QCommandLineOption selfTestOption(
        QStringLiteral("self-test"),
        QApplication::translate("main", "Check that this workstation can work (pcscd, the card module, "
                                        "the identity service, FHIR, the hub's port, the audit log), "
                                        "one line each, and exit: 0 when all pass."));
    parser.addOption(selfTestOption);
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QApplication::translate("main", "With --check-config: the file to check."),
                                 QStringLiteral("[FILE]"));
    parser.process(app);

    if (parser.isSet(checkOption))
        return checkConfig(parser.positionalArguments().value(0, parser.value(configOption)));

    const QString configFile = parser.value(configOption);
    auto layered = configFile.isEmpty() ? LayeredSettings::open(ConfigFiles::standard())
                                        : LayeredSettings::single(configFile);
    if (!layered)
        return fail(layered.error().message);
    for (const QString &ignored : (*layered)->ignored())
        std::fprintf(stderr, "lanyard: %s\n", qPrintable(ignored));
    auto config = ShellConfig::fromSettings((*layered)->settings());
    if (!config)
        return fail(config.error().message);

    if (parser.isSet(selfTestOption)) {
        bool allPassed = true;
        for (const SelfTestLine &line : runSelfTest(*config)) {
            allPassed = allPassed && line.passed;
            std::printf("%-17s %s  %s\n", qPrintable(line.part), line.passed ? "pass" : "FAIL",
                        qPrintable(line.detail));
        }
        return allPassed ? 0 : 1;
    }

    auto &gui = static_cast<QApplication &>(app); // past --version, --help and the checks: a QApplication
    installTranslations(gui, config->ui.language);
    applyStyle(gui, config->ui.highContrast);

    static Sso::SystemClock clock;
    auto workstation = Workstation::create(std::move(config).value(), clock);
    if (!workstation)
        return fail(workstation.error().message);
    ShellController shell(**workstation, clock);
    // bench/shell: LANYARD_REPORT_FIRST_PAINT=FILE stamps the lock screen's first paint.
    FirstPaintReport::install(shell.lockScreen().primaryCover());
    // bench/shell --lock: LANYARD_REPORT_LOCK_SHOWN=FILE stamps each showing of it (each lock).
    LockShownReport::install(shell.lockScreen().primaryCover());
    // The card monitor now; the hub and the plugins once the lock screen is painted (the shell
    // starts them). A hub that cannot listen ends Lanyard, as it always did, just after that.
    (*workstation)->watchCards();
    QObject::connect(&shell, &ShellController::startFailed, &app, [](const QString &message) {
        fail(message);
        QCoreApplication::exit(1);
    });
    return app.exec();
}
