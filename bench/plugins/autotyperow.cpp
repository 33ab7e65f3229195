#include "autotyperow.h"

#include "benchsupport.h"

#include <lanyard/pluginhost/pluginhost.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <csignal>

namespace Lanyard::Bench {

namespace {

const QString User = QStringLiteral("bench.user");
const QByteArray Password = "Bench-pa55word!";

QStringList formArguments(const QString &report)
{
    return { QStringLiteral("--login-form"),
             QStringLiteral("--form-user"),
             User,
             QStringLiteral("--form-password-sha256"),
             QString::fromLatin1(
                 QCryptographicHash::hash(Password, QCryptographicHash::Sha256).toHex()),
             QStringLiteral("--report"),
             report };
}

bool signedIn(const QString &report)
{
    QFile file(report);
    return file.open(QIODevice::ReadOnly) && file.readAll().contains("signed-in");
}

} // namespace

AutotypeTimes measureAutotype(int cycles, const QString &plugin, const QString &runner,
                              const QString &demoEpr, const QString &workDirectory)
{
    AutotypeTimes times;
    const QString report = workDirectory + QStringLiteral("/autotype-report.log");
    const QString applications = workDirectory + QStringLiteral("/autotype-applications");
    QDir().mkpath(applications);
    QJsonArray arguments;
    for (const QString &argument : formArguments(report))
        arguments << argument;
    QFile manifest(applications + QStringLiteral("/demo-epr-form.json"));
    manifest.open(QIODevice::WriteOnly);
    manifest.write(
        QJsonDocument(
            QJsonObject { { QStringLiteral("id"), QStringLiteral("demo-epr-form") },
                          { QStringLiteral("name"), QStringLiteral("Demo EPR (form)") },
                          { QStringLiteral("plugin"), QStringLiteral("org.lanyard.autotype") },
                          { QStringLiteral("settings"),
                            QJsonObject { { QStringLiteral("program"), demoEpr },
                                          { QStringLiteral("arguments"), arguments },
                                          { QStringLiteral("titlePattern"),
                                            QStringLiteral("sign in$") } } } })
            .toJson());
    manifest.close();

    Plugins::PluginHostConfig config;
    config.directories = {};
    config.builtinDirectory = QFileInfo(plugin).absolutePath();
    config.applicationDirectories = { applications };
    config.runnerPath = runner;
    config.dataDirectory = workDirectory + QStringLiteral("/autotype-data");
    config.endTimeout = std::chrono::seconds(1);
    Plugins::PluginHost host(config);
    bool started = false;
    QObject::connect(&host, &Plugins::PluginHost::started, [&] { started = true; });
    host.start();
    if (!waitUntil(
            nullptr, [&] { return started; }, 20000)
        || host.plugin(QStringLiteral("demo-epr-form")).state != Plugins::PluginState::Available) {
        times.error = QStringLiteral("the host did not start demo-epr-form: ")
            + host.plugin(QStringLiteral("demo-epr-form")).reason;
        return times;
    }

    for (int cycle = -1; cycle < cycles; ++cycle) { // cycle -1 warms both up
        QFile::remove(report);
        Plugin::LaunchRequest request;
        request.login = { User, Password };
        const qint64 clicked = monotonicNs();
        std::optional<qint64> pid;
        QString failure;
        host.launch(QStringLiteral("demo-epr-form"), request,
                    [&](Result<Plugin::LaunchedApp> launched) {
                        pid = launched ? launched->processId : -1;
                        if (!launched)
                            failure = launched.error().message;
                    });
        if (!waitUntil(
                nullptr, [&] { return signedIn(report) || !failure.isEmpty(); }, 30000)
            || !failure.isEmpty()) {
            times.error = QStringLiteral("the form never signed in through the host: ") + failure;
            return times;
        }
        const double viaHost = double(monotonicNs() - clicked) / 1e6;
        waitUntil(
            nullptr, [&] { return pid.has_value(); }, 5000);
        if (pid && *pid > 0)
            ::kill(pid_t(*pid), SIGTERM);

        QFile::remove(report);
        QProcess direct;
        const qint64 startedAt = monotonicNs();
        direct.start(demoEpr, formArguments(report) << QStringLiteral("--form-submit-from-stdin"));
        direct.write(User.toUtf8() + '\n' + Password + '\n');
        direct.closeWriteChannel();
        if (!waitUntil(
                nullptr, [&] { return signedIn(report); }, 20000)) {
            times.error = QStringLiteral("the form never signed in directly");
            return times;
        }
        const double directly = double(monotonicNs() - startedAt) / 1e6;
        direct.terminate();
        direct.waitForFinished(3000);
        if (cycle >= 0) {
            times.lanyard.push_back(viaHost);
            times.floor.push_back(directly);
        }
    }
    host.shutdown();
    return times;
}

} // namespace Lanyard::Bench
