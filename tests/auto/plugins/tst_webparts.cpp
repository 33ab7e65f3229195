// The web plugin's parts that need no browser: curl's cookie lines read into cookies, the URL
// templates, and the TLS check lanyard-browser makes when Chromium does not know the CA (the
// bed's PKI: its server certificate verifies for 127.0.0.1 only; a self-signed one never).
#include "bedcontrol.h"
#include "netscapecookies.h"
#include "tlsverifier.h"
#include "urltemplate.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Lanyard;
using Lanyard::Tests::BedControl;

class TestWebParts : public QObject
{
    Q_OBJECT

    static QList<QSslCertificate> pem(const QString &file)
    {
        return QSslCertificate::fromPath(file, QSsl::Pem);
    }

private slots:
    void curlCookieLinesAreRead()
    {
        const QByteArray jar = "# Netscape HTTP Cookie File\n"
                               "# https://curl.se/docs/http-cookies.html\n\n"
                               "#HttpOnly_127.0.0.1\tFALSE\t/\tTRUE\t1795358752\t_session\tabc\n"
                               "127.0.0.1\tFALSE\t/auth/x\tFALSE\t0\tplain\tv=1\r\n"
                               ".example.nhs.uk\tTRUE\t/\tTRUE\t1795358752\tdomain\td\n"
                               "broken line\n";
        const QList<QNetworkCookie> cookies = Browser::parseNetscapeCookies(jar);
        QCOMPARE(cookies.size(), 3);
        QCOMPARE(cookies[0].name(), QByteArray("_session"));
        QCOMPARE(cookies[0].value(), QByteArray("abc"));
        QVERIFY(cookies[0].isHttpOnly());
        QVERIFY(cookies[0].isSecure());
        QVERIFY(cookies[0].domain().isEmpty()); // host-only
        QCOMPARE(cookies[0].expirationDate().toSecsSinceEpoch(), 1795358752);
        QCOMPARE(cookies[1].path(), QStringLiteral("/auth/x"));
        QVERIFY(cookies[1].isSessionCookie());
        QVERIFY(!cookies[1].isHttpOnly() && !cookies[1].isSecure());
        QCOMPARE(cookies[1].value(), QByteArray("v=1"));
        QCOMPARE(cookies[2].domain(), QStringLiteral(".example.nhs.uk"));
    }

    void urlTemplatesAreCheckedAndEncoded()
    {
        using namespace Lanyard::Plugin::Web;
        QVERIFY(checkUrlTemplate(QStringLiteral("url"), QStringLiteral("https://epr.example/p/{nhsNumber}")).ok());
        QVERIFY(!checkUrlTemplate(QStringLiteral("url"), QStringLiteral("https://epr.example/{hubToken}")).ok());
        QVERIFY(!checkUrlTemplate(QStringLiteral("url"), QStringLiteral("http://epr.example/")).ok());
        Plugin::LaunchRequest request;
        request.patient.nhsNumber = QStringLiteral("9990000034");
        request.workstation = QStringLiteral("ward 7/bay&2");
        const QUrl url = expandUrl(QStringLiteral("https://epr.example/p/{nhsNumber}?ws={workstation}"), urlValues(request));
        QCOMPARE(url.toString(QUrl::FullyEncoded),
                 QStringLiteral("https://epr.example/p/9990000034?ws=ward%207%2Fbay%262"));
        request.hub = {QUrl(QStringLiteral("http://127.0.0.1:9/fhircast")), QStringLiteral("t"), "a+b/c"};
        QCOMPARE(hubFragment(request.hub),
                 QStringLiteral("hub.url=http%3A%2F%2F127.0.0.1%3A9%2Ffhircast&hub.topic=t&hub.token=a%2Bb%2Fc"));
    }

    void theBedsServerCertificateVerifiesForItsHostOnly()
    {
        QVERIFY2(BedControl::isUp(), "run through ctest: this test needs the bed's PKI");
        const QString pki = BedControl::value("BED_PKI");
        const QString bundle = BedControl::value("BED_CA_BUNDLE");
        const QList<QSslCertificate> chain = pem(pki + QStringLiteral("/server.crt")) + pem(pki + QStringLiteral("/issuing-ca.crt"));
        QVERIFY(Browser::verifyChain(chain, QStringLiteral("127.0.0.1"), bundle).trusted);
        QVERIFY(Browser::verifyChain(chain, QStringLiteral("localhost"), bundle).trusted);
        const auto wrongHost = Browser::verifyChain(chain, QStringLiteral("epr.example"), bundle);
        QVERIFY(!wrongHost.trusted);
        QVERIFY2(wrongHost.reason.contains(QLatin1String("mismatch")), qPrintable(wrongHost.reason));
        QVERIFY(!Browser::verifyChain(chain, QStringLiteral("10.0.0.1"), bundle).trusted);
        QVERIFY(!Browser::verifyChain(chain, QStringLiteral("127.0.0.1"), QString()).trusted);
        QVERIFY(!Browser::verifyChain({}, QStringLiteral("127.0.0.1"), bundle).trusted);
        // A client certificate is not a server's.
        QVERIFY(!Browser::verifyChain(pem(pki + QStringLiteral("/users/alice.crt")), QStringLiteral("127.0.0.1"), bundle).trusted);
    }

    void aSelfSignedCertificateIsRefused()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("self.crt"));
        QCOMPARE(QProcess::execute(QStringLiteral("openssl"),
                                   {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                                    QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                                    dir.filePath(QStringLiteral("self.key")), QStringLiteral("-out"), cert,
                                    QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                                    QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                                    QStringLiteral("subjectAltName=IP:127.0.0.1")}),
                 0);
        const auto verdict = Browser::verifyChain(pem(cert), QStringLiteral("127.0.0.1"), BedControl::value("BED_CA_BUNDLE"));
        QVERIFY(!verdict.trusted);
        QVERIFY2(verdict.reason.contains(QLatin1String("self-signed")), qPrintable(verdict.reason));
    }
};

QTEST_GUILESS_MAIN(TestWebParts)
#include "tst_webparts.moc"
