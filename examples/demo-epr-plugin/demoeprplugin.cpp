#include "demoeprplugin.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using Lanyard::Error;
using Lanyard::Result;
using namespace Lanyard::Plugin;

namespace {

// A pipe whose read end becomes the application's stdin. The secrets are written into the pipe's
// buffer before the application starts, and the write end closed, so the application reads them
// and then end of file; nothing waits on a process Lanyard does not own.
class SecretPipe
{
public:
    ~SecretPipe()
    {
        for (int fd : m_fds) {
            if (fd >= 0)
                ::close(fd);
        }
    }

    // Returns an empty string on success, else what went wrong.
    QString fill(QByteArray &secrets)
    {
        // O_CLOEXEC: no other process Lanyard starts meanwhile may inherit the pipe.
        if (::pipe2(m_fds, O_CLOEXEC) != 0) {
            const QString reason = QString::fromLocal8Bit(std::strerror(errno));
            secrets.fill('\0');
            return reason;
        }
        // Never block the caller: a token larger than the pipe's buffer (64 KiB) is an error.
        ::fcntl(m_fds[1], F_SETFL, O_NONBLOCK);
        const ssize_t written = ::write(m_fds[1], secrets.constData(), size_t(secrets.size()));
        secrets.fill('\0'); // wipe our copy as soon as the pipe holds it
        ::close(m_fds[1]);
        m_fds[1] = -1;
        if (written != secrets.size())
            return QStringLiteral("the token did not fit the application's input");
        return {};
    }

    // QProcess opens this path for the child's stdin; on Linux it reopens our read end.
    QString readPath() const { return QStringLiteral("/dev/fd/%1").arg(m_fds[0]); }

private:
    int m_fds[2] = {-1, -1};
};

} // namespace

Result<void> DemoEprPlugin::initialize(const PluginConfig &config)
{
    // The manifest's settings, overlaid by the IT desk's: "command" is the EPR client, either a
    // path or a command line; "arguments" (optional) are added after it.
    const QStringList command =
        QProcess::splitCommand(config.settings.value(QLatin1String("command")).toString());
    if (command.isEmpty()) {
        return Error::make(DemoEprError::NotConfigured,
                           QStringLiteral("Demo EPR is not set up on this computer (no "
                                          "settings.command). Call the IT service desk."));
    }
    const QJsonValue extra = config.settings.value(QLatin1String("arguments"));
    if (!extra.isUndefined() && !extra.isNull() && !extra.isArray()) {
        return Error::make(DemoEprError::NotConfigured,
                           QStringLiteral("Demo EPR is set up wrongly (settings.arguments is not "
                                          "a list). Call the IT service desk."));
    }
    QStringList arguments = command.mid(1);
    for (const QJsonValue &argument : extra.toArray())
        arguments.append(argument.toString());

    const QString program = command.constFirst().contains(QLatin1Char('/'))
                                ? command.constFirst()
                                : QStandardPaths::findExecutable(command.constFirst());
    if (program.isEmpty() || !QFileInfo(program).isExecutable()) {
        return Error::make(DemoEprError::NotConfigured,
                           QStringLiteral("Demo EPR is not installed on this computer (%1 not "
                                          "found). Call the IT service desk.")
                               .arg(command.constFirst()));
    }
    m_program = program;
    m_arguments = arguments;
    return {};
}

Result<LaunchedApp> DemoEprPlugin::launch(const LaunchRequest &request)
{
    if (m_program.isEmpty()) {
        return Error::make(DemoEprError::NotInitialized,
                           QStringLiteral("Demo EPR could not start: it was not set up first."));
    }
    if (request.token.token.isEmpty()) {
        return Error::make(DemoEprError::NoToken,
                           QStringLiteral("Demo EPR could not sign you in: Lanyard has no token "
                                          "for it. Try again, or sign in to Demo EPR yourself."));
    }

    QStringList arguments = m_arguments;
    if (!request.patient.isEmpty())
        arguments << QStringLiteral("--nhs-number") << request.patient.nhsNumber;

    // The access token goes to the application on stdin, never on its command line or in its
    // environment: any local user can read every process's command line (ps, /proc/PID/cmdline),
    // and the environment is copied into every process the application starts, into crash
    // reports and into /proc/PID/environ. A pipe is read once, by the application alone.
    QByteArray secrets = request.token.token + '\n';
    if (!request.hub.url.isEmpty()) {
        arguments << QStringLiteral("--hub-url") << request.hub.url.toString()
                  << QStringLiteral("--hub-topic") << request.hub.topic;
        secrets += request.hub.token + '\n';
    }

    SecretPipe pipe;
    const QString pipeError = pipe.fill(secrets);
    if (!pipeError.isEmpty()) {
        return Error::make(DemoEprError::StartFailed,
                           QStringLiteral("Demo EPR could not start: %1.").arg(pipeError));
    }

    QProcess process;
    process.setProgram(m_program);
    process.setArguments(arguments);
    process.setStandardInputFile(pipe.readPath());
    qint64 processId = 0;
    // Detached: the application outlives this call and is ended in sessionEnded().
    if (!process.startDetached(&processId)) {
        return Error::make(DemoEprError::StartFailed,
                           QStringLiteral("Demo EPR could not start (%1). Call the IT service "
                                          "desk.")
                               .arg(process.errorString()));
    }
    m_launched.append(processId);

    LaunchedApp app;
    app.processId = processId;
    app.windowTitle = QStringLiteral("Demo EPR");
    app.signedIn = false; // it signs itself in from stdin; it does not tell us when
    return app;
}

void DemoEprPlugin::patientContextChanged(const PatientContext &patient)
{
    // The application follows the patient through the FHIRcast hub it was given at launch, so
    // there is nothing to do here; an application without a hub would be told here instead.
    Q_UNUSED(patient);
}

void DemoEprPlugin::sessionLocked()
{
    // Here an application hides its patient data at once (the clinician walked away with the
    // card); Lanyard covers the screen too, so the demo does nothing. The session may resume.
}

void DemoEprPlugin::sessionEnded()
{
    // Close what we started so the next clinician never sees this one's records. SIGTERM lets the
    // application sign out cleanly. (Process ids are reused: a production plugin would first
    // check, say through /proc/PID/exe, that the id is still its application.)
    for (qint64 processId : std::as_const(m_launched))
        ::kill(static_cast<pid_t>(processId), SIGTERM);
    m_launched.clear();
}

void DemoEprPlugin::shutdown()
{
    // With Lanyard gone nothing would lock or end what we started: end it now.
    sessionEnded();
}
