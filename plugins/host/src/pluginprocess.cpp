#include <lanyard/pluginhost/pluginerror.h>
#include <lanyard/pluginhost/pluginprocess.h>
#include <lanyard/pluginhost/pluginwire.h>

#include "pluginlogging.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QPointer>
#include <QProcess>
#include <QTimer>

namespace Lanyard::Plugins {

using namespace Internal;

namespace {
using Reply = std::function<void(Result<QJsonObject>)>;

const QString tellServiceDesk =
    QStringLiteral(" — the other applications are unaffected; tell the IT service desk");
} // namespace

class PluginProcess::Private
{
public:
    struct Pending
    {
        QString call;
        Reply reply;
        QTimer *timer = nullptr;
    };

    PluginProcess *q = nullptr;
    QString m_runnerPath;
    QString m_pluginPath;
    std::chrono::milliseconds m_callTimeout{};
    QProcess *m_process = nullptr;
    QByteArray m_buffer;
    qint64 m_nextId = 1;
    QHash<qint64, Pending> m_pending;
    bool m_failed = false;
    bool m_shuttingDown = false;
    QString m_reason;
    QString m_startupMessage;   // why the runner refused the plugin, if it said so

    void send(const QString &call, QJsonObject message, Reply reply);
    void readAnswers();
    void answer(const QJsonObject &message);
    void processFinished(int exitCode, QProcess::ExitStatus status);
    void fail(PluginError code, const QString &reason);
};

void PluginProcess::Private::send(const QString &call, QJsonObject message, Reply reply)
{
    if (m_failed || !m_process || m_process->state() == QProcess::NotRunning) {
        const QString reason = m_failed ? m_reason
                                        : QStringLiteral("the plugin is not running");
        // Answer later, as a live runner would: a caller never sees its callback run inside
        // the call it made.
        QTimer::singleShot(0, q, [reply, reason] {
            if (reply)
                reply(Error::make(PluginError::NotRunning, reason));
        });
        return;
    }
    const qint64 id = m_nextId++;
    message.insert(QStringLiteral("id"), id);
    message.insert(QStringLiteral("call"), call);
    QByteArray line = QJsonDocument(message).toJson(QJsonDocument::Compact);
    line.append('\n');
    // The line may hold the access and hub tokens: it goes to the pipe only, never to a log.
    m_process->write(line);
    wipe(line);

    auto *timer = new QTimer(q);
    timer->setSingleShot(true);
    timer->setInterval(m_callTimeout);
    QObject::connect(timer, &QTimer::timeout, q, [this, call] {
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(m_callTimeout);
        fail(PluginError::Timeout,
             QStringLiteral("the plugin did not answer (%1) within %2 s and was stopped")
                     .arg(call)
                     .arg(qMax<qint64>(1, seconds.count()))
                 + tellServiceDesk);
    });
    timer->start();
    m_pending.insert(id, Pending{call, std::move(reply), timer});
}

void PluginProcess::Private::readAnswers()
{
    m_buffer += m_process->readAllStandardOutput();
    qsizetype end;
    while ((end = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (!document.isObject()) {
            fail(PluginError::Protocol,
                 QStringLiteral("the plugin runner sent something that is not an answer")
                     + tellServiceDesk);
            return;
        }
        answer(document.object());
        if (m_failed)
            return;
    }
}

void PluginProcess::Private::answer(const QJsonObject &message)
{
    const qint64 id = message.value(QStringLiteral("id")).toInteger(-1);
    const bool ok = message.value(QStringLiteral("ok")).toBool();
    const QString text = message.value(QStringLiteral("message")).toString();
    if (id == 0) {
        // The runner's own word before any call: why it could not load the plugin.
        if (!ok)
            m_startupMessage = text;
        return;
    }
    const auto it = m_pending.find(id);
    if (it == m_pending.end()) {
        qCWarning(lcPluginHost) << "answer to no call" << id << "from" << m_pluginPath;
        return;
    }
    Pending pending = it.value();
    m_pending.erase(it);
    delete pending.timer;
    if (!pending.reply)
        return;
    if (ok) {
        pending.reply(message);
    } else {
        pending.reply(Error::make(PluginError::PluginFailed,
                                  text.isEmpty() ? QStringLiteral("the plugin failed") : text,
                                  message.value(QStringLiteral("code")).toInteger()));
    }
}

void PluginProcess::Private::processFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_failed)
        return;
    if (m_shuttingDown && status == QProcess::NormalExit && exitCode == 0 && m_pending.isEmpty())
        return;
    if (!m_startupMessage.isEmpty()) {
        fail(PluginError::LoadFailed, m_startupMessage);
        return;
    }
    // QProcess reports the signal number as the exit code of a crashed process.
    const QString how = status == QProcess::CrashExit
        ? QStringLiteral("signal %1").arg(exitCode)
        : QStringLiteral("exit code %1").arg(exitCode);
    fail(PluginError::Crashed,
         QStringLiteral("the plugin stopped unexpectedly (%1)").arg(how) + tellServiceDesk);
}

void PluginProcess::Private::fail(PluginError code, const QString &reason)
{
    if (m_failed)
        return;
    m_failed = true;
    m_reason = reason;
    qCWarning(lcPluginHost).noquote() << "plugin" << m_pluginPath << "failed:" << reason;
    if (m_process && m_process->state() != QProcess::NotRunning)
        m_process->kill();
    // Every call still waiting learns why; copy first, a callback may call us again.
    const auto pending = std::exchange(m_pending, {});
    QPointer<PluginProcess> guard(q);
    for (const Pending &call : pending) {
        delete call.timer;
        if (call.reply)
            call.reply(Error::make(code, reason));
        if (!guard)
            return;
    }
    emit q->failed(reason);
}

PluginProcess::PluginProcess(QString runnerPath, QString pluginPath,
                             std::chrono::milliseconds callTimeout, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->m_runnerPath = std::move(runnerPath);
    d->m_pluginPath = std::move(pluginPath);
    d->m_callTimeout = callTimeout;
}

PluginProcess::~PluginProcess()
{
    if (d->m_process) {
        d->m_process->disconnect();
        if (d->m_process->state() != QProcess::NotRunning) {
            d->m_process->kill();
            d->m_process->waitForFinished(2000);
        }
        delete d->m_process; // before d goes: its signals reach into d
    }
    for (const auto &pending : std::as_const(d->m_pending))
        delete pending.timer;
}

void PluginProcess::start()
{
    if (d->m_process)
        return;
    d->m_process = new QProcess(this);
    // The plugin's own diagnostics (stderr) go where Lanyard's go; stdout is the protocol.
    d->m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    d->m_process->setProgram(d->m_runnerPath);
    // Only the plugin's path on the command line: secrets travel on the pipe alone.
    d->m_process->setArguments({d->m_pluginPath});
    connect(d->m_process, &QProcess::readyReadStandardOutput, this, [this] { d->readAnswers(); });
    connect(d->m_process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) {
                d->processFinished(exitCode, status);
            });
    connect(d->m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            d->fail(PluginError::LoadFailed,
                    QStringLiteral("the plugin runner %1 could not be started: %2")
                        .arg(d->m_runnerPath, d->m_process->errorString()));
        }
    });
    d->m_process->start();
}

void PluginProcess::initialize(const Plugin::PluginConfig &config, Done done)
{
    d->send(QStringLiteral("initialize"), {{QStringLiteral("config"), toJson(config)}},
            [done](Result<QJsonObject> answer) {
                if (done)
                    done(answer ? Result<void>() : Result<void>(answer.error()));
            });
}

void PluginProcess::launch(const Plugin::LaunchRequest &request, Launched done)
{
    d->send(QStringLiteral("launch"), {{QStringLiteral("request"), toJson(request)}},
            [done](Result<QJsonObject> answer) {
                if (!done)
                    return;
                if (!answer)
                    done(answer.error());
                else
                    done(launchedAppFromJson(answer->value(QStringLiteral("app")).toObject()));
            });
}

namespace {
Reply toReply(PluginProcess::Done done)
{
    return [done](Result<QJsonObject> answer) {
        if (done)
            done(answer ? Result<void>() : Result<void>(answer.error()));
    };
}
} // namespace

void PluginProcess::patientContextChanged(const Plugin::PatientContext &patient, Done done)
{
    d->send(QStringLiteral("patientContextChanged"),
            {{QStringLiteral("patient"), toJson(patient)}}, toReply(std::move(done)));
}

void PluginProcess::sessionLocked(Done done)
{
    d->send(QStringLiteral("sessionLocked"), {}, toReply(std::move(done)));
}

void PluginProcess::sessionEnded(Done done)
{
    d->send(QStringLiteral("sessionEnded"), {}, toReply(std::move(done)));
}

void PluginProcess::shutdown(Done done)
{
    d->m_shuttingDown = true;
    d->send(QStringLiteral("shutdown"), {}, toReply(std::move(done)));
}

bool PluginProcess::hasFailed() const
{
    return d->m_failed;
}

QString PluginProcess::failureReason() const
{
    return d->m_reason;
}

qint64 PluginProcess::processId() const
{
    return d->m_process ? d->m_process->processId() : 0;
}

} // namespace Lanyard::Plugins
