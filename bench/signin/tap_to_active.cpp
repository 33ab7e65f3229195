// Tap-to-active through Lanyard: from the reader monitor's card-inserted signal (the PC/SC
// event) to the session being active, the passcode typed the moment it is asked for. Each cycle
// is a cold sign-in (new IdP login, new TLS connection signed by the card), as a clinician's tap
// is. Prints a table and one JSON line; run by run.sh beside floor_signin.
#include "benchsupport.h"

#include <lanyard/smartcard/passcode.h>
#include <lanyard/smartcard/readermonitor.h>
#include <lanyard/sso/auditlog.h>
#include <lanyard/sso/session.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Lanyard;
using namespace Lanyard::Bench;
using State = Sso::Session::State;

namespace {

bool bed(const QStringList &arguments)
{
    const QString script = qEnvironmentVariable("LANYARD_BED_SCRIPT");
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(script, QStringList{arguments.first(), qEnvironmentVariable("LANYARD_BED_DIR")}
                              + arguments.mid(1));
    return process.waitForFinished(30000) && process.exitCode() == 0;
}

struct Stats
{
    double median, p90, min;
};

Stats stats(const QList<double> &samples)
{
    const std::vector<double> values(samples.begin(), samples.end());
    return {percentile(values, 0.5), percentile(values, 0.9), percentile(values, 0.0)};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{QStringLiteral("cycles"), QStringLiteral("Measured sign-ins."), QStringLiteral("N"), QStringLiteral("20")},
                       {QStringLiteral("warmup"), QStringLiteral("Sign-ins before measuring."), QStringLiteral("N"), QStringLiteral("2")},
                       {QStringLiteral("user"), QStringLiteral("Clinician id."), QStringLiteral("ID"), QStringLiteral("bob")},
                       {QStringLiteral("passcode"), QStringLiteral("Their passcode."), QStringLiteral("DIGITS"), QStringLiteral("24681357")}});
    parser.process(app);
    const int cycles = parser.value(QStringLiteral("cycles")).toInt();
    const int warmup = parser.value(QStringLiteral("warmup")).toInt();
    const QString user = parser.value(QStringLiteral("user"));
    const QString digits = parser.value(QStringLiteral("passcode"));

    Sso::SessionConfig config;
    config.idp.issuer = QUrl(qEnvironmentVariable("BED_IDP_ISSUER"));
    config.idp.caBundle = qEnvironmentVariable("BED_CA_BUNDLE");
    config.pkcs11Module = qEnvironmentVariable("BED_CARD_MODULE");
    QTemporaryDir auditDir;
    Sso::SystemClock clock;
    Sso::AuditLog::Config auditConfig;
    auditConfig.path = auditDir.filePath(QStringLiteral("audit.jsonl"));
    auto audit = Sso::AuditLog::open(auditConfig);
    if (!audit) {
        std::fprintf(stderr, "bench_tap_to_active: %s\n", qPrintable(audit.error().message));
        return 1;
    }
    Sso::Session session(config, clock, audit->get());
    Smartcard::ReaderMonitor monitor;
    session.follow(monitor);

    QElapsedTimer clockSinceInsert;
    double promptedAt = 0;
    QObject::connect(&monitor, &Smartcard::ReaderMonitor::cardInserted, &monitor,
                     [&] { clockSinceInsert.start(); });
    QObject::connect(&session, &Sso::Session::passcodeRequested, &session, [&] {
        promptedAt = double(clockSinceInsert.nsecsElapsed()) / 1e6;
        QString typed = digits;
        session.submitPasscode(std::move(Smartcard::Passcode::fromTyped(typed).value()));
    });
    QString failure;
    QObject::connect(&session, &Sso::Session::signInFailed, &session,
                     [&](const QString &message) { failure = message; });
    monitor.start();

    QList<double> total, untilPrompt, afterPrompt;
    for (int cycle = 0; cycle < warmup + cycles; ++cycle) {
        bed({QStringLiteral("card"), QStringLiteral("remove")});
        if (!waitUntil(nullptr, [&] { return session.state() == State::Locked; }, 20000))
            return std::fprintf(stderr, "bench_tap_to_active: never locked\n"), 1;
        if (!bed({QStringLiteral("card"), QStringLiteral("insert"), user}))
            return std::fprintf(stderr, "bench_tap_to_active: could not insert the card\n"), 1;
        if (!waitUntil(nullptr, [&] { return session.state() == State::Active || !failure.isEmpty(); }, 20000)
            || session.state() != State::Active) {
            std::fprintf(stderr, "bench_tap_to_active: sign-in failed: %s\n", qPrintable(failure));
            return 1;
        }
        const double ms = double(clockSinceInsert.nsecsElapsed()) / 1e6;
        if (cycle >= warmup) {
            total << ms;
            untilPrompt << promptedAt;
            afterPrompt << ms - promptedAt;
        }
        session.signOut();
    }
    bed({QStringLiteral("card"), QStringLiteral("remove")});
    monitor.stop();

    const Stats all = stats(total), prompt = stats(untilPrompt), rest = stats(afterPrompt);
    std::printf("tap_to_active: %s, %d cycles (+%d warm-up), card in -> session active\n",
                qPrintable(user), cycles, warmup);
    std::printf("%-34s %9s %9s %9s\n", "ms", "median", "p90", "min");
    std::printf("%-34s %9.1f %9.1f %9.1f\n", "card in -> passcode asked", prompt.median, prompt.p90, prompt.min);
    std::printf("%-34s %9.1f %9.1f %9.1f\n", "passcode -> active", rest.median, rest.p90, rest.min);
    std::printf("%-34s %9.1f %9.1f %9.1f\n", "card in -> active", all.median, all.p90, all.min);
    std::printf("{\"name\":\"tap_to_active\",\"cycles\":%d,\"prompt_median_ms\":%.2f,"
                "\"after_prompt_median_ms\":%.2f,\"median_ms\":%.2f,\"p90_ms\":%.2f}\n",
                cycles, prompt.median, rest.median, all.median, all.p90);
    return 0;
}
