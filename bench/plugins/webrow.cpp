#include "webrow.h"

#include "benchsupport.h"
#include "launchreport.h"

#include <lanyard/pluginhost/pluginhost.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
#include <csignal>

namespace Lanyard::Bench {

namespace {

// The web EPR's sign-ins so far (its report: one JSON line per event).
int signIns()
{
    QFile file(qEnvironmentVariable("BED_WEB_EPR_REPORT"));
    return file.open(QIODevice::ReadOnly) ? int(file.readAll().count("\"signed-in\"")) : 0;
}

bool waitForSignIn(int before)
{
    return waitUntil(nullptr, [&] { return signIns() > before; }, 30000);
}

void endProcess(qint64 pid)
{
    if (pid <= 0)
        return;
    ::kill(pid_t(pid), SIGTERM);
    waitUntil(nullptr, [&] { return ::kill(pid_t(pid), 0) != 0; }, 5000);
}

QJsonObject settings()
{
    return {{QStringLiteral("url"), qEnvironmentVariable("BED_WEB_EPR_URL") + QStringLiteral("/")},
            {QStringLiteral("followBy"), QStringLiteral("none")},
            {QStringLiteral("caBundle"), qEnvironmentVariable("BED_CA_BUNDLE")},
            {QStringLiteral("disableGpu"), true}};
}

} // namespace

int runWebRow(const WebRowOptions &options)
{
    QFile cookieFile(options.cookieFile);
    if (!cookieFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_click_to_signed_in: no --cookie-file\n");
        return 1;
    }
    QByteArray cookies = cookieFile.readAll();
    const QString browser = QFileInfo(options.webPlugin).absoluteDir().filePath(QStringLiteral("lanyard-browser"));

    QTemporaryDir dir;
    const QString applications = dir.filePath(QStringLiteral("applications"));
    QDir().mkpath(applications);
    QFile manifest(applications + QStringLiteral("/web-epr.json"));
    manifest.open(QIODevice::WriteOnly);
    manifest.write(QJsonDocument(QJsonObject{{QStringLiteral("id"), QStringLiteral("web-epr")},
                                             {QStringLiteral("name"), QStringLiteral("Web EPR")},
                                             {QStringLiteral("plugin"), QStringLiteral("org.lanyard.web")},
                                             {QStringLiteral("settings"), settings()}})
                       .toJson());
    manifest.close();

    Plugins::PluginHostConfig config;
    config.builtinDirectory = QFileInfo(options.webPlugin).absolutePath();
    config.applicationDirectories = {applications};
    config.runnerPath = options.runner;
    config.dataDirectory = dir.filePath(QStringLiteral("data"));
    config.endTimeout = std::chrono::seconds(1);
    Plugins::PluginHost host(config);
    bool started = false;
    QObject::connect(&host, &Plugins::PluginHost::started, [&] { started = true; });
    host.start();
    if (!waitUntil(nullptr, [&] { return started; }, 20000)
        || host.plugin(QStringLiteral("web-epr")).state != Plugins::PluginState::Available) {
        std::fprintf(stderr, "bench_click_to_signed_in: the host did not start web-epr: %s\n",
                     qPrintable(host.plugin(QStringLiteral("web-epr")).reason));
        return 1;
    }

    const QUrl issuer(qEnvironmentVariable("BED_IDP_ISSUER"));
    std::vector<double> lanyard, floor;
    for (int cycle = -1; cycle < options.cycles; ++cycle) { // cycle -1 warms both up
        Plugin::LaunchRequest request;
        request.identitySession = {issuer, cookies};
        int before = signIns();
        const qint64 clicked = monotonicNs();
        std::optional<qint64> pid;
        host.launch(QStringLiteral("web-epr"), request, [&](Result<Plugin::LaunchedApp> launched) {
            pid = launched ? launched->processId : -1;
        });
        if (!waitForSignIn(before)) {
            std::fprintf(stderr, "bench_click_to_signed_in: the web EPR never signed in through the host\n");
            return 1;
        }
        const double viaHost = double(monotonicNs() - clicked) / 1e6;
        waitUntil(nullptr, [&] { return pid.has_value(); }, 5000);
        endProcess(pid.value_or(0));

        before = signIns();
        QProcess direct;
        const qint64 startedAt = monotonicNs();
        direct.start(browser, {QStringLiteral("--ca-bundle"), qEnvironmentVariable("BED_CA_BUNDLE"),
                               QStringLiteral("--disable-gpu")});
        direct.write(QJsonDocument(QJsonObject{{QStringLiteral("cmd"), QStringLiteral("launch")},
                                               {QStringLiteral("url"), settings().value(QLatin1String("url"))},
                                               {QStringLiteral("issuer"), issuer.toString()},
                                               {QStringLiteral("cookies"), QString::fromLatin1(cookies)}})
                         .toJson(QJsonDocument::Compact)
                     + '\n');
        if (!waitForSignIn(before)) {
            std::fprintf(stderr, "bench_click_to_signed_in: the web EPR never signed in directly\n");
            return 1;
        }
        const double directly = double(monotonicNs() - startedAt) / 1e6;
        direct.terminate();
        direct.waitForFinished(5000);
        if (cycle >= 0) {
            lanyard.push_back(viaHost);
            floor.push_back(directly);
        }
    }
    cookies.fill('\0');
    host.shutdown();

    printLaunchRow("web", "web EPR (OpenID Connect)", "floor: lanyard-browser directly", lanyard, floor);
    return 0;
}

} // namespace Lanyard::Bench
