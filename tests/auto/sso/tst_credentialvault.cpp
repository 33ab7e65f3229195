// The credential vault against the bed's real card (SoftHSM2 behind the card module): sealed to
// alice's certificate, opened only with her card's key, refusing tampering and other cards.
#include "bedcontrol.h"

#include <lanyard/smartcard/cardaccess.h>
#include <lanyard/sso/credentialvault.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Lanyard;
using namespace Lanyard::Smartcard;
using namespace Lanyard::Sso;
using Lanyard::Tests::BedControl;
using namespace Qt::StringLiterals;

namespace {
const QString kReader0 = QStringLiteral("Virtual PCD 00 00");

Passcode passcode(const char *digits)
{
    return std::move(Passcode::fromTyped(QString::fromLatin1(digits)).value());
}

Secret secret(const char *text)
{
    QByteArray bytes(text);
    return Secret::take(bytes);
}

// The unwrap a caller on the card's worker gives the vault: the card's own decrypt.
CredentialVault::Unwrap cardUnwrap(TokenSession &session)
{
    return [&session](const QByteArray &wrapped) -> Result<Secret> {
        auto plain = session.decrypt(wrapped);
        if (!plain)
            return plain.error();
        return Secret::take(plain.value());
    };
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool writeJson(const QString &path, const QJsonObject &object)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(QJsonDocument(object).toJson()) > 0;
}
} // namespace

class TestCredentialVault : public QObject
{
    Q_OBJECT

private:
    // Runs `work` on the card's worker and waits for its answer here.
    template<typename T>
    Result<T> onCard(CardAccess &access, std::function<Result<T>(TokenSession &)> work)
    {
        std::optional<Result<T>> answer;
        access.run<T>(kReader0, std::move(work), this, [&](Result<T> result) { answer = result; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
            return Error { -1, QStringLiteral("the card did not answer") };
        return *answer;
    }

    Result<void> logIn(CardAccess &access, const char *digits)
    {
        std::optional<Result<void>> answer;
        access.login(kReader0, passcode(digits), this, [&](Result<void> r) { answer = r; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
            return Error { -1, QStringLiteral("the card did not answer") };
        return *answer;
    }

    QByteArray certificate(CardAccess &access)
    {
        auto cert = onCard<QByteArray>(access, [](TokenSession &session) -> Result<QByteArray> {
            auto c = session.authenticationCertificate();
            if (!c)
                return c.error();
            return c->der;
        });
        return cert ? cert.value() : QByteArray();
    }

    QTemporaryDir m_dir;
    QString m_path;
    QByteArray m_aliceCert;

private slots:
    void initTestCase()
    {
        QVERIFY2(BedControl::isUp(), "run through ctest: this test needs the bed");
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("alice/vault.json"));
        QVERIFY(BedControl::removeCard(1));
        QVERIFY(BedControl::insertCard(QStringLiteral("alice"), 0));
    }

    void cleanupTestCase() { BedControl::removeCard(0); }

    void storesAndRetrievesWithAlicesCard()
    {
        CardAccess access(BedControl::value("BED_CARD_MODULE"));
        const auto login = logIn(access, "123456");
        QVERIFY2(login.ok(), qPrintable(login.ok() ? QString() : login.error().message));
        m_aliceCert = certificate(access);
        QVERIFY(!m_aliceCert.isEmpty());

        const QByteArray cert = m_aliceCert;
        const QString path = m_path;
        auto stored = onCard<bool>(access, [=](TokenSession &session) -> Result<bool> {
            auto vault = CredentialVault::open(path, cert);
            if (!vault)
                return vault.error();
            if (auto r = vault.value().store(QStringLiteral("pas"), QStringLiteral("alice.pas"),
                                             secret("Pa55-w0rd!pas"), cardUnwrap(session));
                !r)
                return r.error();
            // The second store unwraps the data key on the card.
            if (auto r = vault.value().store(QStringLiteral("lab"), QStringLiteral("ajones-lab"),
                                             secret("l4b\xc3\xa9-secret"), cardUnwrap(session));
                !r)
                return r.error();
            for (const auto &[app, user, pass] :
                 { std::tuple { "pas", "alice.pas", "Pa55-w0rd!pas" },
                   std::tuple { "lab", "ajones-lab", "l4b\xc3\xa9-secret" } }) {
                auto got = vault.value().retrieve(QString::fromLatin1(app), cardUnwrap(session));
                if (!got)
                    return got.error();
                if (got->username != QString::fromLatin1(user)
                    || got->password.bytes() != QByteArray(pass))
                    return Error { -1, QStringLiteral("retrieved something else") };
            }
            return vault.value().contains(QStringLiteral("pas"))
                && !vault.value().contains(QStringLiteral("ehr"));
        });
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message));
        QVERIFY(stored.value());

        struct stat status = {};
        QCOMPARE(::stat(QFile::encodeName(m_path).constData(), &status), 0);
        QCOMPARE(int(status.st_mode & 07777), 0600);
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        for (const char *plain :
             { "alice.pas", "Pa55-w0rd!pas", "ajones-lab", "l4b\xc3\xa9-secret" })
            QVERIFY2(!bytes.contains(plain), plain);
        const QJsonObject json = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(json.value(u"version"_s).toInt(), 1);
        QCOMPARE(json.value(u"entries"_s).toObject().keys(),
                 QStringList({ QStringLiteral("lab"), QStringLiteral("pas") }));
        QVERIFY(!QFile::exists(m_path + QStringLiteral(".tmp")));
    }

    void persistsAndRefusesTampering()
    {
        QVERIFY(!m_aliceCert.isEmpty());
        CardAccess access(BedControl::value("BED_CARD_MODULE"));
        QVERIFY(logIn(access, "123456").ok());
        const QByteArray cert = m_aliceCert;
        const QString path = m_path;
        auto retrieve = [&](const QString &app) {
            return onCard<StoredCredential>(
                access, [=](TokenSession &session) -> Result<StoredCredential> {
                    auto vault = CredentialVault::open(path, cert);
                    if (!vault)
                        return vault.error();
                    return vault.value().retrieve(app, cardUnwrap(session));
                });
        };

        // A second open of the same file: persisted.
        auto again = retrieve(QStringLiteral("lab"));
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
        QCOMPARE(again->username, QStringLiteral("ajones-lab"));
        QCOMPARE(again->password.bytes(), QByteArray("l4b\xc3\xa9-secret"));

        const QJsonObject original = readJson(m_path);
        QJsonObject entries = original.value(u"entries"_s).toObject();

        // The ciphertext edited: refused, never garbage.
        QJsonObject pas = entries.value(u"pas"_s).toObject();
        QByteArray ciphertext
            = QByteArray::fromBase64(pas.value(u"ciphertext"_s).toString().toLatin1());
        ciphertext[0] = char(ciphertext[0] ^ 0x01);
        pas.insert(u"ciphertext"_s, QString::fromLatin1(ciphertext.toBase64()));
        QJsonObject edited = entries;
        edited.insert(u"pas"_s, pas);
        QJsonObject document = original;
        document.insert(u"entries"_s, edited);
        QVERIFY(writeJson(m_path, document));
        auto tampered = retrieve(QStringLiteral("pas"));
        QVERIFY(!tampered.ok());
        QVERIFY2(tampered.error().message.contains(QLatin1String("damaged or was altered")),
                 qPrintable(tampered.error().message));

        // An entry copied under another application: refused (the id is authenticated).
        QJsonObject moved = entries;
        moved.insert(u"ehr"_s, entries.value(u"pas"_s));
        document.insert(u"entries"_s, moved);
        QVERIFY(writeJson(m_path, document));
        auto copied = retrieve(QStringLiteral("ehr"));
        QVERIFY(!copied.ok());
        QVERIFY2(copied.error().message.contains(QLatin1String("damaged or was altered")),
                 qPrintable(copied.error().message));
        // ... while the original still opens.
        auto intact = retrieve(QStringLiteral("pas"));
        QVERIFY2(intact.ok(), qPrintable(intact.ok() ? QString() : intact.error().message));
        QCOMPARE(intact->username, QStringLiteral("alice.pas"));

        // remove() takes the entry out of the file.
        auto removed = onCard<bool>(access, [=](TokenSession &) -> Result<bool> {
            auto vault = CredentialVault::open(path, cert);
            if (!vault)
                return vault.error();
            if (auto r = vault.value().remove(QStringLiteral("ehr")); !r)
                return r.error();
            return !vault.value().contains(QStringLiteral("ehr"));
        });
        QVERIFY(removed.ok() && removed.value());
        QVERIFY(!readJson(m_path).value(u"entries"_s).toObject().contains(u"ehr"_s));
    }

    void bobsCardCannotOpenAlicesVault()
    {
        QVERIFY(BedControl::removeCard(0));
        QVERIFY(BedControl::insertCard(QStringLiteral("bob"), 0));
        CardAccess access(BedControl::value("BED_CARD_MODULE"));
        QVERIFY(logIn(access, "24681357").ok());
        const QByteArray bobCert = certificate(access);
        QVERIFY(!bobCert.isEmpty());
        QVERIFY(bobCert != m_aliceCert);

        auto opened = CredentialVault::open(m_path, bobCert);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QLatin1String("belongs to another card")),
                 qPrintable(opened.error().message));

        // Nor can his card's key unwrap hers.
        const QByteArray wrapped = QByteArray::fromBase64(
            readJson(m_path).value(u"wrapped_key"_s).toString().toLatin1());
        QVERIFY(!wrapped.isEmpty());
        auto unwrapped = onCard<QByteArray>(
            access, [=](TokenSession &session) { return session.decrypt(wrapped); });
        QVERIFY(!unwrapped.ok());

        QVERIFY(BedControl::removeCard(0));
        QVERIFY(BedControl::insertCard(QStringLiteral("alice"), 0));
    }
};

QTEST_GUILESS_MAIN(TestCredentialVault)
#include "tst_credentialvault.moc"
