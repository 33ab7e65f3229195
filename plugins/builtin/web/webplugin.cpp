#include "webplugin.h"

#include "urltemplate.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>

#include <dlfcn.h>

Q_LOGGING_CATEGORY(lcWeb, "lanyard.plugin.web")

namespace Lanyard::Plugin::Web {

namespace {

// The plugin's own file: lanyard-browser is installed beside it.
QString pluginDirectory()
{
    Dl_info info{};
    static int anchor = 0;
    if (::dladdr(&anchor, &info) != 0 && info.dli_fname)
        return QFileInfo(QFile::decodeName(info.dli_fname)).absolutePath();
    return QCoreApplication::applicationDirPath();
}

QString origin(const QString &url)
{
    return QUrl(url).adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

} // namespace

WebPlugin::~WebPlugin()
{
    endBrowser(true);
    for (const QPointer<QProcess> &process : m_ending) {
        if (process && !process->waitForFinished(m_endGraceMs))
            process->kill();
    }
}

Result<void> WebPlugin::initialize(const PluginConfig &config)
{
    const QJsonObject &s = config.settings;
    m_id = config.id;
    m_url = s.value(QLatin1String("url")).toString();
    m_patientUrl = s.value(QLatin1String("patientUrl")).toString();
    m_followBy = s.value(QLatin1String("followBy")).toString(QStringLiteral("url"));
    m_windowTitle = s.value(QLatin1String("windowTitle")).toString();
    m_caBundle = s.value(QLatin1String("caBundle")).toString();
    m_disableGpu = s.value(QLatin1String("disableGpu")).toBool();
    m_endGraceMs = s.value(QLatin1String("endGraceMs")).toInt(3000);
    if (m_url.isEmpty())
        return Error::make(WebError::BadSetting,
                           QStringLiteral("%1: settings.url is empty — set the web application's "
                                          "address in its settings.").arg(m_id));
    for (const auto &[name, text] : {std::pair{"url", m_url}, std::pair{"patientUrl", m_patientUrl}}) {
        if (auto checked = checkUrlTemplate(m_id + QStringLiteral(": settings.") + QLatin1String(name), text); !checked)
            return checked;
    }
    if (!QStringList{QStringLiteral("url"), QStringLiteral("hub"), QStringLiteral("none")}.contains(m_followBy))
        return Error::make(WebError::BadSetting,
                           QStringLiteral("%1: settings.followBy \"%2\" is not one of url, hub, none.")
                               .arg(m_id, m_followBy));
    if (!m_caBundle.isEmpty() && !QFileInfo(m_caBundle).isReadable())
        return Error::make(WebError::BadSetting,
                           QStringLiteral("%1: settings.caBundle \"%2\" cannot be read.").arg(m_id, m_caBundle));
    m_browser = s.value(QLatin1String("browser")).toString();
    if (m_browser.isEmpty())
        m_browser = qEnvironmentVariable("LANYARD_BROWSER");
    if (m_browser.isEmpty())
        m_browser = QDir(pluginDirectory()).filePath(QStringLiteral("lanyard-browser"));
    if (!QFileInfo(m_browser).isExecutable())
        return Error::make(WebError::NoBrowser,
                           QStringLiteral("%1: Lanyard's browser (%2) is not installed — call the IT "
                                          "service desk.").arg(m_id, m_browser));
    return {};
}

bool WebPlugin::running() const
{
    return m_process && m_process->state() == QProcess::Running;
}

Result<LaunchedApp> WebPlugin::launch(const LaunchRequest &request)
{
    m_last = LaunchRequest{request.user, {}, request.patient, {request.hub.url, request.hub.topic, {}},
                           request.workstation, {request.identitySession.issuer, {}}, {}};
    if (!running()) {
        auto *process = new QProcess(this);
        process->setProcessChannelMode(QProcess::SeparateChannels);
        process->setReadChannel(QProcess::StandardOutput);
        process->setProcessEnvironment(QProcessEnvironment::systemEnvironment());
        connect(process, &QProcess::readyReadStandardOutput, this, &WebPlugin::readEvents);
        connect(process, &QProcess::readyReadStandardError, process, [process] {
            process->readAllStandardError(); // Chromium's chatter: nothing of ours, not kept
        });
        connect(process, &QProcess::finished, process, &QObject::deleteLater);
        QStringList arguments{QStringLiteral("--ca-bundle"), m_caBundle};
        if (m_disableGpu)
            arguments << QStringLiteral("--disable-gpu");
        process->start(m_browser, arguments);
        if (!process->waitForStarted(10000)) {
            const QString why = process->errorString();
            process->deleteLater();
            return Error::make(WebError::BrowserFailed,
                               QStringLiteral("Lanyard's browser could not be started (%1) — call the IT "
                                              "service desk.").arg(why));
        }
        m_process = process;
    }
    const QHash<QString, QString> values = urlValues(request);
    const bool withPatient = !request.patient.isEmpty() && !m_patientUrl.isEmpty();
    QUrl url = expandUrl(withPatient ? m_patientUrl : m_url, values);
    QString fragment = m_followBy == QLatin1String("hub") ? hubFragment(request.hub) : QString();
    if (!fragment.isEmpty())
        url.setFragment(fragment, QUrl::StrictMode);
    fragment.fill(QChar(u'\0'));
    QJsonObject command{{QStringLiteral("cmd"), QStringLiteral("launch")},
                        {QStringLiteral("url"), url.toString(QUrl::FullyEncoded)},
                        {QStringLiteral("windowTitle"), m_windowTitle}};
    if (!request.identitySession.cookies.isEmpty()) {
        command.insert(QStringLiteral("issuer"), request.identitySession.issuer.toString());
        command.insert(QStringLiteral("cookies"), QString::fromUtf8(request.identitySession.cookies));
    }
    url.clear();
    send(command);
    qCInfo(lcWeb) << m_id << "opened" << origin(m_url) << "in the browser, pid" << m_process->processId();
    LaunchedApp launched;
    launched.processId = m_process->processId();
    launched.windowTitle = m_windowTitle;
    return launched;
}

void WebPlugin::patientContextChanged(const PatientContext &patient)
{
    m_last.patient = patient;
    if (m_followBy != QLatin1String("url") || !running())
        return;
    const bool withPatient = !patient.isEmpty() && !m_patientUrl.isEmpty();
    send({{QStringLiteral("cmd"), QStringLiteral("navigate")},
          {QStringLiteral("url"), expandUrl(withPatient ? m_patientUrl : m_url, urlValues(m_last))
                                      .toString(QUrl::FullyEncoded)}});
}

void WebPlugin::sessionLocked()
{
    if (running())
        send({{QStringLiteral("cmd"), QStringLiteral("hide")}});
}

void WebPlugin::sessionEnded()
{
    endBrowser(false);
}

void WebPlugin::shutdown()
{
    endBrowser(true);
}

void WebPlugin::send(QJsonObject command)
{
    QByteArray line = QJsonDocument(command).toJson(QJsonDocument::Compact) + '\n';
    if (m_process)
        m_process->write(line);
    line.fill('\0');
    for (const char *secret : {"cookies", "url"}) {
        QString value = command.take(QLatin1String(secret)).toString();
        value.fill(QChar(u'\0'));
    }
}

// The browser's events: logged by origin only (a path or title may name a patient).
void WebPlugin::readEvents()
{
    auto *process = qobject_cast<QProcess *>(sender());
    while (process && process->canReadLine()) {
        const QJsonObject event = QJsonDocument::fromJson(process->readLine()).object();
        const QString name = event.value(QLatin1String("event")).toString();
        const QString where = origin(event.value(QLatin1String("url")).toString());
        if (name == QLatin1String("loaded"))
            qCInfo(lcWeb).noquote() << m_id << "browser loaded" << where
                                    << (event.value(QLatin1String("ok")).toBool() ? "ok" : "failed");
        else if (name == QLatin1String("certificate-refused"))
            qCWarning(lcWeb).noquote() << m_id << "browser refused the TLS certificate of" << where << ":"
                                       << event.value(QLatin1String("reason")).toString();
        else if (!name.isEmpty())
            qCInfo(lcWeb).noquote() << m_id << "browser" << name;
    }
}

void WebPlugin::endBrowser(bool wait)
{
    if (!running())
        return;
    send({{QStringLiteral("cmd"), QStringLiteral("end")}});
    m_process->closeWriteChannel();
    QPointer<QProcess> process = m_process;
    m_process = nullptr;
    std::erase_if(m_ending, [](const QPointer<QProcess> &p) { return p.isNull(); });
    m_ending.push_back(process);
    const auto kill = [process] {
        if (process && process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(2000);
        }
    };
    if (wait) {
        if (!process->waitForFinished(m_endGraceMs))
            kill();
    } else {
        QTimer::singleShot(m_endGraceMs, this, kill);
    }
}

} // namespace Lanyard::Plugin::Web
