// Click-to-signed-in per built-in plugin. The exec row (here): from PluginHost::launch() of an application to the
// application reporting that it verified its token and signed the clinician in, beside the
// floor: the same application started directly with the same token (QProcess, token on stdin),
// until it reports the same. The difference is what the host, its runner process and the plugin
// add. The token is a real JWT the bed's IdP exchanged for the demo EPR. With --autotype-plugin,
// the autotype built-in's row too (autotyperow.h); without --token-file, that row alone. The web
// row: webrow.h.
#include "autotyperow.h"
#include "benchsupport.h"
#include "launchreport.h"
#include "webrow.h"

#include <lanyard/pluginhost/pluginhost.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
#include <csignal>

using namespace Lanyard;
using namespace Lanyard::Bench;

namespace {

QStringList demoEprArguments(const QString &report)
{
    return {QStringLiteral("--issuer"), qEnvironmentVariable("BED_IDP_ISSUER"),
            QStringLiteral("--ca"), qEnvironmentVariable("BED_CA_BUNDLE"),
            QStringLiteral("--report"), report};
}

bool signedIn(const QString &report)
{
    QFile file(report);
    return file.open(QIODevice::ReadOnly) && file.readAll().contains("signed-in");
}

// Polls the report every millisecond in the event loop (the runner and the plugin need it).
bool waitForSignIn(const QString &report)
{
    return waitUntil(nullptr, [&] { return signedIn(report); }, 20000);
}

void writeApplication(const QString &directory, const QString &demoEpr, const QString &report)
{
    QJsonArray arguments;
    for (const QString &argument : demoEprArguments(report))
        arguments << argument;
    QFile file(directory + QStringLiteral("/demo-epr.json"));
    file.open(QIODevice::WriteOnly);
    file.write(QJsonDocument(QJsonObject{
        {QStringLiteral("id"), QStringLiteral("demo-epr")},
        {QStringLiteral("name"), QStringLiteral("Demo EPR")},
        {QStringLiteral("plugin"), QStringLiteral("org.lanyard.exec")},
        {QStringLiteral("audience"), QStringLiteral("demo-epr")},
        {QStringLiteral("settings"), QJsonObject{{QStringLiteral("command"), demoEpr},
                                                 {QStringLiteral("arguments"), arguments}}}})
                   .toJson());
}

// The autotype built-in's row, when --autotype-plugin names it; true when it ran or was not asked.
bool autotypeRow(const QCommandLineParser &parser, int cycles)
{
    if (!parser.isSet(QStringLiteral("autotype-plugin")))
        return true;
    QTemporaryDir dir;
    const AutotypeTimes times = measureAutotype(cycles, parser.value(QStringLiteral("autotype-plugin")),
                                                parser.value(QStringLiteral("runner")),
                                                parser.value(QStringLiteral("demo-epr")), dir.path());
    if (!times.error.isEmpty()) {
        std::fprintf(stderr, "bench_click_to_signed_in: autotype: %s\n", qPrintable(times.error));
        return false;
    }
    printLaunchRow("autotype", "demo EPR's own form", "floor: the form submitted at start", times.lanyard,
                   times.floor);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{QStringLiteral("cycles"), QStringLiteral("launches measured"), QStringLiteral("N"), QStringLiteral("10")},
                       {QStringLiteral("exec-plugin"), QStringLiteral("the exec plugin file"), QStringLiteral("FILE")},
                       {QStringLiteral("runner"), QStringLiteral("lanyard-plugin-runner"), QStringLiteral("FILE")},
                       {QStringLiteral("demo-epr"), QStringLiteral("lanyard-demo-epr"), QStringLiteral("FILE")},
                       {QStringLiteral("token-file"), QStringLiteral("a JWT for demo-epr"), QStringLiteral("FILE")},
                       {QStringLiteral("autotype-plugin"), QStringLiteral("the autotype plugin file"), QStringLiteral("FILE")},
                       {QStringLiteral("web-plugin"), QStringLiteral("the web plugin file: measure the web row"), QStringLiteral("FILE")},
                       {QStringLiteral("cookie-file"), QStringLiteral("the IdP session for the web row"), QStringLiteral("FILE")}});
    parser.process(app);
    const int cycles = parser.value(QStringLiteral("cycles")).toInt();
    if (parser.isSet(QStringLiteral("web-plugin")))
        return runWebRow({cycles, parser.value(QStringLiteral("web-plugin")), parser.value(QStringLiteral("runner")),
                          parser.value(QStringLiteral("cookie-file"))});
    const QString demoEpr = parser.value(QStringLiteral("demo-epr"));
    const bool execRow = parser.isSet(QStringLiteral("token-file"));
    if (!execRow)
        return autotypeRow(parser, cycles) ? 0 : 1;
    QFile tokenFile(parser.value(QStringLiteral("token-file")));
    if (!tokenFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_click_to_signed_in: no --token-file\n");
        return 1;
    }
    QByteArray token = tokenFile.readAll().trimmed();

    QTemporaryDir dir;
    const QString report = dir.filePath(QStringLiteral("report.log"));
    const QString applications = dir.filePath(QStringLiteral("applications"));
    QDir().mkpath(applications);
    writeApplication(applications, demoEpr, report);

    Plugins::PluginHostConfig config;
    config.directories = {};
    config.builtinDirectory = QFileInfo(parser.value(QStringLiteral("exec-plugin"))).absolutePath();
    config.applicationDirectories = {applications};
    config.runnerPath = parser.value(QStringLiteral("runner"));
    config.dataDirectory = dir.filePath(QStringLiteral("data"));
    config.endTimeout = std::chrono::seconds(1);
    Plugins::PluginHost host(config);
    bool started = false;
    QObject::connect(&host, &Plugins::PluginHost::started, [&] { started = true; });
    host.start();
    if (!waitUntil(nullptr, [&] { return started; }, 20000)
        || host.plugin(QStringLiteral("demo-epr")).state != Plugins::PluginState::Available) {
        std::fprintf(stderr, "bench_click_to_signed_in: the host did not start demo-epr: %s\n",
                     qPrintable(host.plugin(QStringLiteral("demo-epr")).reason));
        return 1;
    }

    std::vector<double> lanyard, floor;
    for (int cycle = -1; cycle < cycles; ++cycle) { // cycle -1 warms both up
        QFile::remove(report);
        Plugin::LaunchRequest request;
        request.token.token = token;
        request.token.audience = QStringLiteral("demo-epr");
        const qint64 clicked = monotonicNs();
        std::optional<qint64> pid;
        host.launch(QStringLiteral("demo-epr"), request, [&](Result<Plugin::LaunchedApp> launched) {
            pid = launched ? launched->processId : -1;
        });
        if (!waitForSignIn(report)) {
            std::fprintf(stderr, "bench_click_to_signed_in: the EPR never signed in through the host\n");
            return 1;
        }
        const double viaHost = double(monotonicNs() - clicked) / 1e6;
        waitUntil(nullptr, [&] { return pid.has_value(); }, 5000);
        if (pid && *pid > 0)
            ::kill(pid_t(*pid), SIGTERM);

        QFile::remove(report);
        QProcess direct;
        const qint64 startedAt = monotonicNs();
        direct.start(demoEpr, demoEprArguments(report));
        direct.write(token + '\n');
        direct.closeWriteChannel();
        if (!waitForSignIn(report)) {
            std::fprintf(stderr, "bench_click_to_signed_in: the EPR never signed in directly\n");
            return 1;
        }
        const double directly = double(monotonicNs() - startedAt) / 1e6;
        direct.terminate();
        direct.waitForFinished(3000);
        if (cycle >= 0) {
            lanyard.push_back(viaHost);
            floor.push_back(directly);
        }
    }
    token.fill('\0');
    host.shutdown();

    printLaunchRow("exec", "demo EPR", "floor: the EPR started directly", lanyard, floor);
    return autotypeRow(parser, cycles) ? 0 : 1;
}
