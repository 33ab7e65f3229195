// A PDS lookup through Lanyard: PdsClient::read of one NHS number, from the call to the answer
// (a Patient, parsed) on the event loop, one lookup at a time, N cycles. Run by run.sh beside
// floor_pds, which does the same GET with the same headers on one plain libcurl easy handle.
//
//   bench_pds_lookup [--cycles N] [--warmup N] [--interval-ms MS] [--number NHS] [--role ID]
// BED_FHIR_BASE and BED_CA_BUNDLE from the bed; the access token from PDS_BENCH_TOKEN.
#include <lanyard/context/pdsclient.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Lanyard;
using namespace Lanyard::Context;

namespace {

// Nearest rank on the sorted samples, as floor_pds does.
double percentile(QList<double> samples, double fraction)
{
    std::sort(samples.begin(), samples.end());
    return samples[qsizetype(fraction * double(samples.size() - 1) + 0.5)];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({ { QStringLiteral("cycles"), QStringLiteral("Measured lookups."),
                          QStringLiteral("N"), QStringLiteral("50") },
                        { QStringLiteral("warmup"), QStringLiteral("Lookups before measuring."),
                          QStringLiteral("N"), QStringLiteral("3") },
                        { QStringLiteral("interval-ms"), QStringLiteral("Pause between lookups."),
                          QStringLiteral("MS"), QStringLiteral("250") },
                        { QStringLiteral("number"), QStringLiteral("NHS number to read."),
                          QStringLiteral("NHS"), QStringLiteral("9000000009") },
                        { QStringLiteral("role"), QStringLiteral("NHSD-Session-URID."),
                          QStringLiteral("ID"), QStringLiteral("555000000101") } });
    parser.process(app);
    const int cycles = parser.value(QStringLiteral("cycles")).toInt();
    const int warmup = parser.value(QStringLiteral("warmup")).toInt();
    const int intervalMs = parser.value(QStringLiteral("interval-ms")).toInt();
    const Result<NhsNumber> number = NhsNumber::parse(parser.value(QStringLiteral("number")));
    const QByteArray token = qgetenv("PDS_BENCH_TOKEN");
    if (cycles < 1 || warmup < 0 || intervalMs < 0 || !number || token.isEmpty()
        || qEnvironmentVariableIsEmpty("BED_FHIR_BASE")) {
        std::fprintf(stderr,
                     "bench_pds_lookup: needs BED_FHIR_BASE, BED_CA_BUNDLE, "
                     "PDS_BENCH_TOKEN, a valid --number and cycles >= 1\n");
        return 2;
    }

    PdsSettings settings;
    settings.base = QUrl(qEnvironmentVariable("BED_FHIR_BASE"));
    settings.caBundle = qEnvironmentVariable("BED_CA_BUNDLE");
    // Paced at 4 a second or slower the limiter never holds a lookup back; back to back it
    // would (5 a second), which is PDS's rule and not the lookup's cost.
    if (intervalMs < 200)
        settings.maxRequestsPerSecond = 0;
    const QString role = parser.value(QStringLiteral("role"));
    PdsClient client(settings, [&] { return std::optional<PdsCredentials>({ token, role, {} }); });

    QList<double> samples;
    QString failure;
    QElapsedTimer clock;
    int cycle = 0;
    std::function<void()> next;
    next = [&] {
        clock.start();
        client.read(*number, &app, [&](Result<Patient> patient) {
            const double ms = double(clock.nsecsElapsed()) / 1e6;
            if (!patient) {
                failure = patient.error().message;
                app.exit(1);
                return;
            }
            if (cycle++ >= warmup)
                samples << ms;
            if (cycle == warmup + cycles)
                app.exit(0);
            else
                QTimer::singleShot(intervalMs, Qt::PreciseTimer, &app, next);
        });
    };
    QTimer::singleShot(0, &app, next);
    if (app.exec() != 0) {
        std::fprintf(stderr, "bench_pds_lookup: lookup %d failed: %s\n", cycle,
                     qPrintable(failure));
        return 1;
    }

    std::printf("bench_pds_lookup: PdsClient::read(%s), %d cycles (+%d warm-up), %d ms apart\n",
                qPrintable(number->digits()), cycles, warmup, intervalMs);
    std::printf("%-32s %9s %9s %9s\n", "ms", "median", "p90", "min");
    std::printf("%-32s %9.2f %9.2f %9.2f\n", "lookup", percentile(samples, 0.5),
                percentile(samples, 0.9), percentile(samples, 0.0));
    std::printf("{\"name\":\"pds_lookup_lanyard\",\"cycles\":%d,\"median_ms\":%.3f,\"p90_ms\":%.3f,"
                "\"min_ms\":%.3f}\n",
                cycles, percentile(samples, 0.5), percentile(samples, 0.9),
                percentile(samples, 0.0));
    return 0;
}
