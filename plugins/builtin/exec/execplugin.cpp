#include "execplugin.h"

#include "commandtemplate.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QProcessEnvironment>
#include <QTimer>

namespace Lanyard::Plugin::Exec {

using namespace Lanyard::Plugin::Templates;

namespace {

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list << item.toString();
    return list;
}

// Expanded templates, without the elements that came out empty (no patient, no hub).
QStringList expandAll(const QStringList &templates, const QHash<QString, QString> &values)
{
    QStringList expanded;
    for (const QString &text : templates) {
        const QString value = expand(text, values);
        if (!value.isEmpty())
            expanded << value;
    }
    return expanded;
}

void wipe(QHash<QString, QString> &values)
{
    for (auto it = values.begin(); it != values.end(); ++it)
        it.value().fill(QChar(u'\0'));
}

} // namespace

ExecPlugin::~ExecPlugin()
{
    endAll();
}

Result<void> ExecPlugin::initialize(const PluginConfig &config)
{
    const QJsonObject &settings = config.settings;
    m_command = settings.value(QLatin1String("command")).toString();
    if (m_command.isEmpty() || !QFileInfo(m_command).isExecutable())
        return Error::make(TemplateError::MissingCommand,
                           QStringLiteral("%1: settings.command \"%2\" is not a program this "
                                          "workstation can run — check the application's manifest.")
                               .arg(config.id, m_command));
    m_arguments = strings(settings.value(QLatin1String("arguments")));
    m_argumentsWithPatient = strings(settings.value(QLatin1String("argumentsWithPatient")));
    m_environment = settings.value(QLatin1String("environment")).toObject();
    m_endGrace = std::chrono::milliseconds(settings.value(QLatin1String("endGraceMs")).toInt(2000));
    m_stdin = settings.contains(QLatin1String("stdin"))
                  ? strings(settings.value(QLatin1String("stdin")))
                  : QStringList{QStringLiteral("{token}")};
    for (const QString &text : m_arguments + m_argumentsWithPatient) {
        if (auto checked = checkTemplate(config.id + QStringLiteral(": settings.arguments"), text, false); !checked)
            return checked;
    }
    for (auto it = m_environment.constBegin(); it != m_environment.constEnd(); ++it) {
        if (auto checked = checkTemplate(config.id + QStringLiteral(": settings.environment.") + it.key(),
                                         it.value().toString(), false);
            !checked)
            return checked;
    }
    for (const QString &text : m_stdin) {
        if (auto checked = checkTemplate(config.id + QStringLiteral(": settings.stdin"), text, true); !checked)
            return checked;
    }
    return {};
}

Result<LaunchedApp> ExecPlugin::launch(const LaunchRequest &request)
{
    QHash<QString, QString> values = placeholderValues(request);
    QStringList arguments = expandAll(m_arguments, values);
    if (!request.patient.isEmpty())
        arguments += expandAll(m_argumentsWithPatient, values);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (auto it = m_environment.constBegin(); it != m_environment.constEnd(); ++it)
        environment.insert(it.key(), expand(it.value().toString(), values));
    QByteArray input;
    for (const QString &line : m_stdin)
        input += expand(line, values).toUtf8() + '\n';
    wipe(values);

    auto *process = new QProcess(this);
    process->setProcessEnvironment(environment);
    process->setProcessChannelMode(QProcess::ForwardedChannels);
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
    process->start(m_command, arguments);
    if (!process->waitForStarted(10000)) {
        input.fill('\0');
        const QString why = process->errorString();
        process->deleteLater();
        return Error::make(TemplateError::MissingCommand,
                           QStringLiteral("%1 could not be started (%2) — call the IT service desk.")
                               .arg(QFileInfo(m_command).fileName(), why));
    }
    process->write(input);
    process->closeWriteChannel();
    input.fill('\0');
    m_launched.add(process);
    LaunchedApp launched;
    launched.processId = process->processId();
    return launched;
}

void ExecPlugin::sessionLocked()
{
    // The application hides its patient when the hub tells it (UserHibernate); a native
    // application without the hub keeps its own lock.
}

void ExecPlugin::sessionEnded()
{
    // An application that follows the hub signs itself out on UserLogout, sent at the same
    // moment: give it that long before ending it (the host's own deadline comes later still).
    QTimer::singleShot(m_endGrace, this, [this] { endAll(); });
}

void ExecPlugin::shutdown()
{
    endAll();
}

void ExecPlugin::endAll()
{
    m_launched.endAll(std::chrono::seconds(3));
}

} // namespace Lanyard::Plugin::Exec
