#include <lanyard/pluginhost/pluginerror.h>
#include <lanyard/pluginhost/pluginhost.h>
#include <lanyard/pluginhost/pluginprocess.h>

#include "pluginlogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QPointer>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <sys/types.h>

namespace Lanyard::Plugins {

namespace {

// Whether pid is a live process; a zombie is dead already (its parent just has not reaped it).
bool processAlive(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    // "pid (comm) S ...": the state follows the last ')', as comm may hold one.
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || close + 2 >= text.size() || text.at(close + 2) != 'Z';
}

} // namespace

class PluginHost::Private
{
public:
    struct Loaded
    {
        PluginEntry entry;
        PluginProcess *process = nullptr;
        bool initialized = false;
        QList<qint64> launched;
    };

    PluginHost *q = nullptr;
    PluginHostConfig m_config;
    QList<Loaded> m_plugins; // in catalogue order
    int m_initializing = 0;

    Loaded *find(const QString &id)
    {
        for (Loaded &plugin : m_plugins) {
            if (plugin.entry.state != PluginState::Refused && plugin.entry.manifest.id == id)
                return &plugin;
        }
        return nullptr;
    }
    void markFailed(const QString &id, const QString &reason)
    {
        Loaded *plugin = find(id);
        if (!plugin || plugin->entry.state == PluginState::Failed)
            return;
        plugin->entry.state = PluginState::Failed;
        plugin->entry.reason = reason;
        emit q->pluginStateChanged(id);
    }
    void initialized()
    {
        if (--m_initializing == 0)
            emit q->started();
    }
    QString runnerPath() const
    {
        if (!m_config.runnerPath.isEmpty())
            return m_config.runnerPath;
        return QCoreApplication::applicationDirPath() + QStringLiteral("/lanyard-plugin-runner");
    }
    QString dataDirectory(const QString &id) const
    {
        const QString root = !m_config.dataDirectory.isEmpty()
            ? m_config.dataDirectory
            : QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
                + QStringLiteral("/plugins");
        const QString path = root + QLatin1Char('/') + id;
        QDir().mkpath(path);
        return path;
    }
    template<typename Call>
    void eachRunning(Call call)
    {
        for (Loaded &plugin : m_plugins) {
            if (plugin.initialized && plugin.entry.state == PluginState::Available)
                call(plugin);
        }
    }
    void terminateLaunched(int signal);
    bool anyLaunchedAlive() const
    {
        for (const Loaded &plugin : m_plugins)
            for (const qint64 pid : plugin.launched)
                if (processAlive(pid))
                    return true;
        return false;
    }
};

void PluginHost::Private::terminateLaunched(int signal)
{
    for (Loaded &plugin : m_plugins) {
        for (const qint64 pid : std::as_const(plugin.launched)) {
            if (processAlive(pid)) {
                qCInfo(lcPluginHost)
                    << "session ended: sending" << (signal == SIGKILL ? "SIGKILL" : "SIGTERM")
                    << "to" << pid << "launched by" << plugin.entry.manifest.id;
                ::kill(pid_t(pid), signal);
            }
        }
    }
}

PluginHost::PluginHost(PluginHostConfig config, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->m_config = std::move(config);
}

PluginHost::~PluginHost()
{
    // Lanyard is going (quit or crashed out to its restart): no clinician's application may
    // outlive it on a shared workstation. SIGTERM, a moment to close, then SIGKILL.
    d->terminateLaunched(SIGTERM);
    for (int waited = 0; waited < 20 && d->anyLaunchedAlive(); ++waited)
        QThread::msleep(25);
    d->terminateLaunched(SIGKILL);
    for (auto &plugin : d->m_plugins)
        delete plugin.process; // kills its runner; before d goes, its callbacks reach into d
}

void PluginHost::start()
{
    PluginCatalogue catalogue(d->m_config);
    catalogue.scan();
    for (const PluginEntry &entry : catalogue.entries()) {
        // Lanyard's own plugins (exec...) run only as the applications that name them: on
        // their own they have nothing to start and would only show as a broken tile.
        if (!entry.isApplication() && entry.builtin)
            continue;
        d->m_plugins << Private::Loaded{entry, nullptr, false, {}};
    }

    for (auto &plugin : d->m_plugins) {
        if (plugin.entry.state != PluginState::Available)
            continue;
        const QString id = plugin.entry.manifest.id;
        plugin.process = new PluginProcess(d->runnerPath(), plugin.entry.path,
                                           d->m_config.callTimeout, this);
        connect(plugin.process, &PluginProcess::failed, this,
                [this, id](const QString &reason) { d->markFailed(id, reason); });
        plugin.process->start();

        Plugin::PluginConfig config;
        config.id = id;
        config.settings = plugin.entry.manifest.settings;
        const QJsonObject overlay = d->m_config.pluginSettings.value(id);
        for (auto it = overlay.begin(); it != overlay.end(); ++it)
            config.settings.insert(it.key(), it.value());
        config.dataDirectory = d->dataDirectory(id);

        ++d->m_initializing;
        plugin.process->initialize(config, [this, id](Result<void> result) {
            if (result) {
                if (auto *loaded = d->find(id))
                    loaded->initialized = true;
            } else {
                d->markFailed(id, result.error().message);
            }
            d->initialized();
        });
    }
    if (d->m_initializing == 0)
        QTimer::singleShot(0, this, &PluginHost::started);
}

QList<PluginEntry> PluginHost::plugins() const
{
    QList<PluginEntry> entries;
    for (const auto &plugin : d->m_plugins)
        entries << plugin.entry;
    return entries;
}

PluginEntry PluginHost::plugin(const QString &id) const
{
    for (const auto &plugin : d->m_plugins) {
        if (plugin.entry.manifest.id == id && plugin.entry.state != PluginState::Refused)
            return plugin.entry;
    }
    for (const auto &plugin : d->m_plugins) {
        if (plugin.entry.manifest.id == id)
            return plugin.entry;
    }
    return {};
}

void PluginHost::launch(const QString &id, const Plugin::LaunchRequest &request,
                        std::function<void(Result<Plugin::LaunchedApp>)> done)
{
    Private::Loaded *plugin = d->find(id);
    if (!plugin || !plugin->process || plugin->entry.state != PluginState::Available) {
        const QString reason = !plugin ? QStringLiteral("no plugin %1 is available").arg(id)
                                       : plugin->entry.reason;
        QTimer::singleShot(0, this, [done, reason] {
            done(Error::make(PluginError::NotRunning, reason));
        });
        return;
    }
    plugin->process->launch(request, [this, id, done](Result<Plugin::LaunchedApp> result) {
        if (result && result->processId > 0) {
            qCInfo(lcPluginHost) << id << "launched process" << result->processId;
            if (auto *loaded = d->find(id))
                loaded->launched << result->processId;
        }
        done(std::move(result));
    });
}

void PluginHost::patientContextChanged(const Plugin::PatientContext &patient)
{
    d->eachRunning([&](Private::Loaded &plugin) {
        if (plugin.entry.manifest.followsPatient)
            plugin.process->patientContextChanged(patient);
    });
}

void PluginHost::sessionLocked()
{
    d->eachRunning([](Private::Loaded &plugin) { plugin.process->sessionLocked(); });
}

void PluginHost::sessionEnded()
{
    d->eachRunning([](Private::Loaded &plugin) { plugin.process->sessionEnded(); });
    // The plugins had their chance to sign out and close; whatever they launched and is still
    // running after the grace period is ended for them, so nothing of this user's stays open.
    QTimer::singleShot(d->m_config.endTimeout, this, [this] {
        d->terminateLaunched(SIGTERM);
        QTimer::singleShot(d->m_config.killTimeout, this, [this] {
            d->terminateLaunched(SIGKILL);
            for (auto &plugin : d->m_plugins)
                plugin.launched.clear();
            emit sessionCleanedUp();
        });
    });
}

void PluginHost::shutdown()
{
    d->eachRunning([](Private::Loaded &plugin) { plugin.process->shutdown(); });
}

QList<qint64> PluginHost::launchedProcesses(const QString &id) const
{
    const auto *plugin = d->find(id);
    return plugin ? plugin->launched : QList<qint64>();
}

qint64 PluginHost::runnerProcessId(const QString &id) const
{
    const auto *plugin = d->find(id);
    return plugin && plugin->process ? plugin->process->processId() : 0;
}

} // namespace Lanyard::Plugins
