// lanyard-plugin-runner PLUGIN_FILE: loads one clinical application plugin in a process of its
// own, so a plugin that crashes takes only itself down. It checks the manifest again before
// loading any code, then answers the host's calls: one JSON object per line on stdin, one answer
// per line on stdout ({"id":N,"ok":true,...} or {"id":N,"ok":false,"message":...}). Secrets (the
// access and hub tokens) arrive only on stdin and are wiped once the plugin has them.
#include <lanyard/plugin/clinicalappplugin.h>
#include <lanyard/pluginhost/pluginmanifest.h>
#include <lanyard/pluginhost/pluginwire.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QPluginLoader>
#include <QSocketNotifier>

#include <openssl/crypto.h>

#include <cerrno>
#include <cstring>
#include <cstdio>

#include <fcntl.h>
#include <unistd.h>

using namespace Lanyard;
using namespace Lanyard::Plugins;
using namespace Lanyard::Plugins::Internal;

namespace {

int protocolOut = -1;

void writeAnswer(const QJsonObject &answer)
{
    QByteArray line = QJsonDocument(answer).toJson(QJsonDocument::Compact);
    line.append('\n');
    qsizetype written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(protocolOut, line.constData() + written,
                                  size_t(line.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            ::_exit(4); // the host is gone; nobody is left to answer
        written += n;
    }
}

QJsonObject okAnswer(qint64 id)
{
    return {{QStringLiteral("id"), id}, {QStringLiteral("ok"), true}};
}

QJsonObject errorAnswer(qint64 id, const Error &error)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("ok"), false},
            {QStringLiteral("message"), error.message},
            {QStringLiteral("code"), error.code}};
}

class Runner
{
public:
    explicit Runner(Plugin::ClinicalAppPlugin *plugin) : m_plugin(plugin) {}

    void read(int fd)
    {
        char chunk[4096];
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            return;
        if (n <= 0) {
            // The host closed the pipe (it quit or crashed): end as if told to shut down.
            m_plugin->shutdown();
            QCoreApplication::exit(0);
            return;
        }
        m_buffer.append(chunk, n);
        OPENSSL_cleanse(chunk, sizeof chunk);
        qsizetype end;
        while ((end = m_buffer.indexOf('\n')) >= 0) {
            QByteArray line = m_buffer.left(end);
            // Shift the rest down over the line, then wipe the tail: the line may hold tokens.
            const qsizetype rest = m_buffer.size() - end - 1;
            memmove(m_buffer.data(), m_buffer.constData() + end + 1, size_t(rest));
            OPENSSL_cleanse(m_buffer.data() + rest, size_t(end + 1));
            m_buffer.truncate(rest);
            handle(line);
            wipe(line);
        }
    }

private:
    void handle(const QByteArray &line)
    {
        const QJsonObject message = QJsonDocument::fromJson(line).object();
        const qint64 id = message.value(QStringLiteral("id")).toInteger(-1);
        const QString call = message.value(QStringLiteral("call")).toString();
        if (call == QLatin1String("initialize")) {
            const auto result = m_plugin->initialize(
                pluginConfigFromJson(message.value(QStringLiteral("config")).toObject()));
            writeAnswer(result ? okAnswer(id) : errorAnswer(id, result.error()));
        } else if (call == QLatin1String("launch")) {
            Plugin::LaunchRequest request =
                launchRequestFromJson(message.value(QStringLiteral("request")).toObject());
            const auto result = m_plugin->launch(request);
            wipeSecrets(request);
            if (result) {
                QJsonObject answer = okAnswer(id);
                answer.insert(QStringLiteral("app"), toJson(result.value()));
                writeAnswer(answer);
            } else {
                writeAnswer(errorAnswer(id, result.error()));
            }
        } else if (call == QLatin1String("patientContextChanged")) {
            m_plugin->patientContextChanged(
                patientFromJson(message.value(QStringLiteral("patient")).toObject()));
            writeAnswer(okAnswer(id));
        } else if (call == QLatin1String("sessionLocked")) {
            m_plugin->sessionLocked();
            writeAnswer(okAnswer(id));
        } else if (call == QLatin1String("sessionEnded")) {
            m_plugin->sessionEnded();
            writeAnswer(okAnswer(id));
        } else if (call == QLatin1String("shutdown")) {
            m_plugin->shutdown();
            writeAnswer(okAnswer(id));
            QCoreApplication::exit(0);
        } else {
            writeAnswer(errorAnswer(
                id, Error{0, QStringLiteral("unknown call \"%1\"").arg(call), 0}));
        }
    }

    Plugin::ClinicalAppPlugin *m_plugin;
    QByteArray m_buffer;
};

} // namespace

int main(int argc, char *argv[])
{
    // Keep the protocol's pipes to ourselves: a plugin that prints to stdout or reads stdin would
    // corrupt it, and applications the plugin starts must not inherit them (CLOEXEC).
    protocolOut = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    const int protocolIn = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
    if (protocolOut < 0 || protocolIn < 0)
        return 5;
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devNull >= 0) {
        ::dup2(devNull, STDIN_FILENO);
        ::close(devNull);
    }

    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() != 2) {
        std::fputs("usage: lanyard-plugin-runner PLUGIN_FILE (started by Lanyard)\n", stderr);
        return 2;
    }
    const QString path = arguments.at(1);

    // The host checked this file already; check again here, as nothing but this process is
    // about to run its code (STYLE.md 11).
    const auto manifest = PluginManifest::read(path);
    if (!manifest) {
        writeAnswer(errorAnswer(0, manifest.error()));
        return 3;
    }
    QPluginLoader loader(path);
    QObject *instance = loader.instance();
    auto *plugin = qobject_cast<Plugin::ClinicalAppPlugin *>(instance);
    if (!plugin) {
        writeAnswer(errorAnswer(
            0, Error{0,
                     QStringLiteral("%1 (%2) could not be loaded: %3")
                         .arg(manifest->name, manifest->id,
                              instance ? QStringLiteral("it does not implement the interface")
                                       : loader.errorString()),
                     0}));
        return 3;
    }

    Runner runner(plugin);
    QSocketNotifier notifier(protocolIn, QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app,
                     [&runner, protocolIn] { runner.read(protocolIn); });
    return app.exec();
}
