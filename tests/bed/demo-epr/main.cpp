// The demo EPR: a stand-in for a clinical application, for the tests and the demo. It signs the
// clinician in only with a token it can verify against the identity service's keys (sent on
// standard input, never on the command line), shows the patient it is given, and follows the
// session's FHIRcast hub. What it does is also printed on stdout, one word and its values per
// line ("signed-in UID ROLE", "refused WHY", "patient NHS", "patient-closed", "hidden",
// "logged-out"), and with --report FILE also appended to that file, so tests and benchmarks can
// follow it. With --login-form it is instead a legacy application with a username and password
// form of its own (loginform.h), for the autotype path.
#include "hubfollower.h"
#include "loginform.h"
#include "tokencheck.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QVBoxLayout>
#include <QWidget>

#include <cstdio>

namespace {

QString reportFile; // --report: the same lines appended to a file, for a test that did not start us

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
    if (reportFile.isEmpty())
        return;
    QFile report(reportFile);
    if (report.open(QIODevice::Append))
        report.write(line.toUtf8() + '\n');
}

int runLoginForm(QApplication &app, const QCommandLineParser &parser)
{
    DemoEpr::LoginForm form({parser.value(QStringLiteral("form-user")),
                             parser.value(QStringLiteral("form-password-sha256")).toLatin1(),
                             parser.value(QStringLiteral("focus-thief-after-keys")).toInt(),
                             parser.value(QStringLiteral("screenshot"))},
                            say);
    form.show();
    if (parser.isSet(QStringLiteral("form-submit-from-stdin"))) {
        QFile input;
        input.open(stdin, QIODevice::ReadOnly);
        const QString user = QString::fromUtf8(input.readLine().trimmed());
        QByteArray password = input.readLine();
        password.chop(password.endsWith('\n') ? 1 : 0);
        form.submitWith(user, password);
    }
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{QStringLiteral("issuer"), QStringLiteral("The identity service."), QStringLiteral("url")},
                       {QStringLiteral("ca"), QStringLiteral("Its CA bundle (PEM)."), QStringLiteral("file")},
                       {QStringLiteral("audience"), QStringLiteral("This application's audience."), QStringLiteral("aud"), QStringLiteral("demo-epr")},
                       {QStringLiteral("nhs-number"), QStringLiteral("The patient to open."), QStringLiteral("number")},
                       {QStringLiteral("hub-url"), QStringLiteral("The FHIRcast hub."), QStringLiteral("url")},
                       {QStringLiteral("hub-topic"), QStringLiteral("The hub topic."), QStringLiteral("topic")},
                       {QStringLiteral("report"), QStringLiteral("Also append what happens to this file."), QStringLiteral("file")},
                       {QStringLiteral("login-form"), QStringLiteral("Sign in with a username and password form, not a token.")},
                       {QStringLiteral("form-user"), QStringLiteral("The username the form accepts."), QStringLiteral("name")},
                       {QStringLiteral("form-password-sha256"), QStringLiteral("Hex SHA-256 of the password it accepts."), QStringLiteral("hex")},
                       {QStringLiteral("focus-thief-after-keys"), QStringLiteral("After N keys, another window takes focus."), QStringLiteral("N")},
                       {QStringLiteral("screenshot"), QStringLiteral("PNG of the form when submitted."), QStringLiteral("file")},
                       {QStringLiteral("form-submit-from-stdin"), QStringLiteral("Fill the form from stdin (username, password lines) and submit at once.")}});
    parser.process(app);
    reportFile = parser.value(QStringLiteral("report"));
    if (parser.isSet(QStringLiteral("login-form")))
        return runLoginForm(app, parser);

    // stdin: line 1 the access token, line 2 (with a hub) the hub token.
    QFile input;
    input.open(stdin, QIODevice::ReadOnly);
    QByteArray token = input.readLine().trimmed();
    QByteArray hubToken = input.readLine().trimmed();

    QWidget window;
    window.setWindowTitle(QStringLiteral("Demo EPR"));
    auto *layout = new QVBoxLayout(&window);
    auto *who = new QLabel(QStringLiteral("Signing in…"));
    auto *patient = new QLabel(QStringLiteral("No patient"));
    who->setObjectName(QStringLiteral("user"));
    patient->setObjectName(QStringLiteral("patient"));
    for (QLabel *label : {who, patient}) {
        label->setStyleSheet(QStringLiteral("font-size: 24px; padding: 12px"));
        layout->addWidget(label);
    }
    window.resize(640, 200);
    window.show();

    const auto showPatient = [patient](const QString &number) {
        patient->setText(number.isEmpty() ? QStringLiteral("No patient") : QStringLiteral("Patient NHS No. %1").arg(number));
        say(number.isEmpty() ? QStringLiteral("patient-closed") : QStringLiteral("patient %1").arg(number));
    };

    QNetworkAccessManager network;
    DemoEpr::TokenCheckSettings settings{QUrl(parser.value(QStringLiteral("issuer"))),
                                         parser.value(QStringLiteral("ca")),
                                         parser.value(QStringLiteral("audience"))};
    std::unique_ptr<DemoEpr::HubFollower> follower;
    DemoEpr::checkToken(network, settings, token, &window, [&](Lanyard::Result<QJsonObject> claims) {
        token.fill('\0');
        if (!claims) {
            who->setText(QStringLiteral("Sign-in refused"));
            say(QStringLiteral("refused %1").arg(claims.error().message));
            return;
        }
        const QString uid = claims->value(QLatin1String("uid")).toString(claims->value(QLatin1String("sub")).toString());
        const QString role = claims->value(QLatin1String("selected_roleid")).toString();
        who->setText(QStringLiteral("Signed in: %1 (%2)").arg(uid, role.isEmpty() ? QStringLiteral("no role selected") : QStringLiteral("role ") + role));
        window.setWindowTitle(QStringLiteral("Demo EPR — %1").arg(uid));
        say(QStringLiteral("signed-in %1 %2").arg(uid, role));
        if (parser.isSet(QStringLiteral("nhs-number")))
            showPatient(parser.value(QStringLiteral("nhs-number")));
        if (!parser.isSet(QStringLiteral("hub-url")))
            return;
        follower = std::make_unique<DemoEpr::HubFollower>(QUrl(parser.value(QStringLiteral("hub-url"))),
                                                          parser.value(QStringLiteral("hub-topic")), hubToken);
        QObject::connect(follower.get(), &DemoEpr::HubFollower::patientOpened, &window,
                         [&](const QJsonObject &resource) { showPatient(resource.value(QLatin1String("id")).toString()); });
        QObject::connect(follower.get(), &DemoEpr::HubFollower::patientClosed, &window, [&] { showPatient({}); });
        QObject::connect(follower.get(), &DemoEpr::HubFollower::hibernated, &window, [&] {
            patient->setText(QStringLiteral("Locked"));
            say(QStringLiteral("hidden"));
        });
        QObject::connect(follower.get(), &DemoEpr::HubFollower::loggedOut, &app, [] {
            say(QStringLiteral("logged-out"));
            QCoreApplication::quit();
        });
        QObject::connect(follower.get(), &DemoEpr::HubFollower::failed, &window,
                         [](const QString &why) { say(QStringLiteral("hub-failed %1").arg(why)); });
        follower->start();
    });
    return app.exec();
}
