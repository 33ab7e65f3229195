#include "desktoplock.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>

namespace Lanyard::Shell {

namespace {
Q_LOGGING_CATEGORY(lcDesktopLock, "lanyard.shell.desktoplock")
}

DesktopLock::DesktopLock(QDBusConnection bus, QObject *parent) : QObject(parent), m_bus(std::move(bus)) {}

void DesktopLock::lockDesktop()
{
    // "auto" is logind's name for the caller's own session.
    const QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.login1"), QStringLiteral("/org/freedesktop/login1/session/auto"),
        QStringLiteral("org.freedesktop.login1.Session"), QStringLiteral("Lock"));
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *done) {
        done->deleteLater();
        const QDBusPendingReply<> reply = *done;
        if (reply.isError()) {
            m_problem = tr("The desktop session could not be locked through logind: %1")
                            .arg(reply.error().message());
            qCWarning(lcDesktopLock).noquote() << m_problem;
            emit failed(m_problem);
            return;
        }
        qCInfo(lcDesktopLock) << "desktop session locked";
        emit locked();
    });
}

} // namespace Lanyard::Shell
