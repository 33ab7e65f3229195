#include "autotypeplugin.h"

#include "autotypeerror.h"

#include <commandtemplate.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QThread>

namespace Lanyard::Plugin::Autotype {

namespace {

// What the plugin did, for support: programs, windows and outcomes, never what was typed.
Q_LOGGING_CATEGORY(lcAutotype, "lanyard.plugins.autotype")

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list << item.toString();
    return list;
}

Result<QRegularExpression> pattern(const QString &id, const QJsonObject &settings, const char *key)
{
    QRegularExpression expression(settings.value(QLatin1String(key)).toString());
    if (!expression.isValid())
        return Error::make(
            AutotypeError::BadSetting,
            QStringLiteral("%1: settings.%2 is not a valid regular expression (%3) — "
                           "check the application's manifest.")
                .arg(id, QLatin1String(key), expression.errorString()));
    return expression;
}

} // namespace

AutotypePlugin::~AutotypePlugin()
{
    endAll();
}

Result<void> AutotypePlugin::initialize(const PluginConfig &config)
{
    const QJsonObject &settings = config.settings;
    m_program = settings.value(QLatin1String("program")).toString();
    if (m_program.isEmpty() || !QFileInfo(m_program).isExecutable())
        return Error::make(AutotypeError::BadSetting,
                           QStringLiteral("%1: settings.program \"%2\" is not a program this "
                                          "workstation can run — check the application's manifest.")
                               .arg(config.id, m_program));
    m_name = settings.value(QLatin1String("name")).toString(QFileInfo(m_program).fileName());
    m_arguments = strings(settings.value(QLatin1String("arguments")));
    for (const QString &text : std::as_const(m_arguments)) {
        if (auto checked = Templates::checkTemplate(
                config.id + QStringLiteral(": settings.arguments"), text, false);
            !checked)
            return checked;
    }
    auto title = pattern(config.id, settings, "titlePattern");
    if (!title)
        return title.error();
    auto windowClass = pattern(config.id, settings, "classPattern");
    if (!windowClass)
        return windowClass.error();
    m_title = *title;
    m_class = *windowClass;
    m_windowTimeout = std::chrono::milliseconds(
        qBound(1, int(settings.value(QLatin1String("windowTimeout")).toDouble(20) * 1000), 25000));
    m_keyDelay = std::chrono::milliseconds(
        qBound(0, settings.value(QLatin1String("keyDelayMs")).toInt(5), 500));
    m_endGrace = std::chrono::milliseconds(settings.value(QLatin1String("endGraceMs")).toInt(3000));
    auto sequence
        = parseSequence(settings.value(QLatin1String("sequence"))
                            .toString(QStringLiteral("{username}{tab}{password}{enter}")));
    if (!sequence)
        return Error { sequence.error().code,
                       config.id + QStringLiteral(": ") + sequence.error().message, 0 };
    m_sequence = *sequence;
    return {};
}

Result<LaunchedApp> AutotypePlugin::launch(const LaunchRequest &request)
{
    if (request.login.isEmpty()) {
        qCInfo(lcAutotype).noquote() << "nothing enrolled for" << m_name << "- asking to enrol";
        return Error::make(
            AutotypeError::NotEnrolled,
            QStringLiteral("Lanyard has no %1 username and password for you yet. Enrol "
                           "them once, and Lanyard will sign you in to %1 from then on.")
                .arg(m_name));
    }
    auto x11 = X11Typist::open();
    if (!x11)
        return x11.error();

    QHash<QString, QString> values = Templates::placeholderValues(request);
    QStringList arguments;
    for (const QString &text : std::as_const(m_arguments)) {
        const QString value = Templates::expand(text, values);
        if (!value.isEmpty())
            arguments << value;
    }
    for (auto it = values.begin(); it != values.end(); ++it)
        it.value().fill(QChar(u'\0'));

    auto *process = new QProcess(this);
    process->setProcessChannelMode(QProcess::ForwardedChannels);
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
    process->start(m_program, arguments);
    if (!process->waitForStarted(10000)) {
        const QString why = process->errorString();
        process->deleteLater();
        return Error::make(
            AutotypeError::ProgramFailed,
            QStringLiteral("%1 could not be started (%2) — call the IT service desk.")
                .arg(m_name, why));
    }
    process->closeWriteChannel();
    m_launched.add(process);
    qCInfo(lcAutotype).noquote() << "started" << m_program << "pid" << process->processId();

    auto window = waitForWindow(**x11, *process);
    if (!window)
        return window.error();
    if (auto focused = (*x11)->focus(window->id, std::chrono::seconds(2)); !focused)
        return Error::make(
            AutotypeError::FocusLost,
            QStringLiteral("%1's sign-in window would not take the keyboard, so "
                           "Lanyard typed nothing. Click into it and sign in yourself, "
                           "or close %1 and choose its tile again.")
                .arg(m_name));
    QThread::msleep(50); // the application sees its window activated before the first key

    qCInfo(lcAutotype).noquote() << "sign-in window" << Qt::hex << Qt::showbase << window->id
                                 << Qt::noshowbase << Qt::dec << window->title << "class"
                                 << window->windowClass << "of pid" << window->processId;
    std::vector<unsigned long> keys = expandSequence(m_sequence, request.login);
    auto typed = (*x11)->type(window->id, keys, m_keyDelay);
    wipeKeysyms(keys);
    if (!typed) {
        qCWarning(lcAutotype).noquote()
            << "typing into" << m_name << "stopped:" << typed.error().message;
        if (typed.error().is(AutotypeError::FocusLost))
            return Error::make(
                AutotypeError::FocusLost,
                QStringLiteral("Lanyard stopped typing into %1 because another window "
                               "took the keyboard; nothing more was typed. Finish "
                               "signing in to %1 yourself, or close it and choose its "
                               "tile again.")
                    .arg(m_name));
        if (typed.error().is(AutotypeError::CannotType))
            return Error::make(
                AutotypeError::CannotType,
                QStringLiteral("Lanyard cannot type your %1 sign-in on this keyboard "
                               "layout (%2), so it typed nothing. Sign in to %1 "
                               "yourself, or enrol a password this keyboard can type.")
                    .arg(m_name, typed.error().message));
        return typed.error();
    }
    qCInfo(lcAutotype).noquote() << "typed the sign-in into" << m_name;
    LaunchedApp launched;
    launched.processId = process->processId();
    launched.windowTitle = window->title;
    return launched;
}

Result<FoundWindow> AutotypePlugin::waitForWindow(X11Typist &x11, QProcess &process)
{
    const WindowMatch match { process.processId(), m_title, m_class };
    const auto deadline = std::chrono::steady_clock::now() + m_windowTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
        const FoundWindow window = x11.find(match);
        if (window.id)
            return window;
        if (process.state() == QProcess::NotRunning
            || process.waitForFinished(20)) // returns at once when it ends; else a 20 ms poll
            return Error::make(AutotypeError::ProgramFailed,
                               QStringLiteral("%1 closed before showing its sign-in window — call "
                                              "the IT service desk if it happens again.")
                                   .arg(m_name));
    }
    return Error::make(AutotypeError::WindowNotFound,
                       QStringLiteral("%1's sign-in window did not appear within %2 seconds, so "
                                      "Lanyard typed nothing. Sign in to %1 yourself, or close it "
                                      "and choose its tile again.")
                           .arg(m_name)
                           .arg(m_windowTimeout.count() / 1000));
}

void AutotypePlugin::sessionLocked()
{
    // A foreign application cannot be told to hide its patient; its windows are minimised
    // (honoured by a window manager; Lanyard's lock screen covers them regardless).
    auto x11 = X11Typist::open();
    if (!x11)
        return;
    for (const QPointer<QProcess> &process : m_launched.programs()) {
        if (!process || process->state() == QProcess::NotRunning)
            continue;
        for (const FoundWindow &window : (*x11)->windowsOf(process->processId()))
            (*x11)->iconify(window.id);
    }
}

void AutotypePlugin::sessionEnded()
{
    // A legacy application does not follow the hub: nothing signs it out but ending it.
    endAll();
}

void AutotypePlugin::shutdown()
{
    endAll();
}

void AutotypePlugin::endAll()
{
    m_launched.endAll(m_endGrace);
}

} // namespace Lanyard::Plugin::Autotype
