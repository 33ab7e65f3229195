// A Session wired to the real reader monitor, with what it said recorded, for the sso tests.
#pragma once

#include "bedcontrol.h"
#include "ssobed.h"

#include <lanyard/smartcard/readermonitor.h>
#include <lanyard/sso/auditlog.h>
#include <lanyard/sso/session.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

namespace Lanyard::Tests {

struct SessionHarness
{
    // The audit log goes among the artefacts unless auditFile names another place.
    explicit SessionHarness(Sso::SessionConfig config, const Sso::Clock *clock = nullptr,
                            const QString &auditFile = {})
    {
        static Sso::SystemClock systemClock;
        const Sso::Clock &time = clock ? *clock : systemClock;
        // Among the artefacts, so the secrets check reads the audit lines too.
        static int serial = 0;
        auditPath = !auditFile.isEmpty() ? auditFile
                                         : BedControl::artefactPath(QStringLiteral("%1-audit-%2.jsonl")
                                                                        .arg(QCoreApplication::applicationName())
                                                                        .arg(++serial));
        QFile::remove(auditPath);
        Sso::AuditLog::Config auditConfig;
        auditConfig.path = auditPath;
        auditConfig.clock = &time;
        audit = std::move(Sso::AuditLog::open(auditConfig).value());
        session = std::make_unique<Sso::Session>(std::move(config), time, audit.get());
        using S = Sso::Session;
        QObject::connect(session.get(), &S::passcodeRejected, [this](const QString &m) { rejections << m; });
        QObject::connect(session.get(), &S::signInFailed, [this](const QString &m) { failures << m; });
        QObject::connect(session.get(), &S::rolesOffered, [this](const QList<Sso::Role> &r) { offered = r; });
        QObject::connect(session.get(), &S::sessionStarted, [this](const Sso::User &u, const Sso::Role &) { started << u.uid; });
        QObject::connect(session.get(), &S::sessionEnded, [this](const Sso::User &u, const QString &) { ended << u.uid; });
        QObject::connect(session.get(), &S::sessionLocked, [this](S::LockReason r) { locks << r; });
        QObject::connect(session.get(), &S::sessionUnlocked, [this] { ++unlocks; });
        QObject::connect(session.get(), &S::idleWarningStarted, [this](const QDateTime &) { ++warnings; });
        QObject::connect(session.get(), &S::idleWarningCancelled, [this] { ++warningsCancelled; });
        session->follow(monitor);
        monitor.start();
    }
    ~SessionHarness()
    {
        monitor.stop();
        session.reset();
    }

    Sso::Session::State state() const { return session->state(); }

    // Inserts the clinician's card and waits for the passcode prompt (or another state).
    bool insert(const QString &clinician, Sso::Session::State expect = Sso::Session::State::AwaitingPasscode)
    {
        if (!BedControl::insertCard(clinician, 0))
            return false;
        return waitFor(expect);
    }
    bool remove() { return BedControl::removeCard(0); }
    void passcode(const char *digits)
    {
        SecretWatch::rememberPasscode(QByteArray(digits));
        session->submitPasscode(std::move(Smartcard::Passcode::fromTyped(QString::fromLatin1(digits)).value()));
    }
    bool waitFor(Sso::Session::State expect, int ms = 15000)
    {
        QTRY_LOOP_IMPL((session->state() == expect), ms, 10);
        if (session->state() != expect)
            qWarning() << "state" << session->state() << "expected" << expect << "last message"
                       << session->lastMessage();
        return session->state() == expect;
    }
    // Card in, passcode, role if asked: an active session for the clinician.
    bool signIn(const QString &clinician, const char *digits, const QString &roleId = {})
    {
        if (!insert(clinician))
            return false;
        passcode(digits);
        if (!roleId.isEmpty()) {
            if (!waitFor(Sso::Session::State::ChoosingRole))
                return false;
            session->chooseRole(roleId);
        }
        const bool active = waitFor(Sso::Session::State::Active);
        if (active)
            SecretWatch::remember(session->accessToken());
        return active;
    }
    QList<QJsonObject> auditLines() const
    {
        QList<QJsonObject> lines;
        QFile file(auditPath);
        if (file.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : file.readAll().split('\n'))
                if (!line.isEmpty())
                    lines << QJsonDocument::fromJson(line).object();
        }
        return lines;
    }
    QStringList auditEvents() const
    {
        QStringList events;
        for (const QJsonObject &line : auditLines())
            events << line.value(QLatin1String("event")).toString();
        return events;
    }

    QString auditPath;
    std::unique_ptr<Sso::AuditLog> audit;
    Smartcard::ReaderMonitor monitor;
    std::unique_ptr<Sso::Session> session;
    QStringList rejections, failures, started, ended;
    QList<Sso::Role> offered;
    QList<Sso::Session::LockReason> locks;
    int unlocks = 0, warnings = 0, warningsCancelled = 0;
};

} // namespace Lanyard::Tests
