// CardAccess keeps PKCS#11 off the calling thread and hands results back on it.
#include "bedcontrol.h"

#include <lanyard/smartcard/cardaccess.h>

#include <QSemaphore>
#include <QTest>
#include <QThread>

using namespace Lanyard;
using namespace Lanyard::Smartcard;
using Lanyard::Tests::BedControl;

namespace {
const QString kReader0 = QStringLiteral("Virtual PCD 00 00");

Passcode passcode(const char *digits)
{
    return std::move(Passcode::fromTyped(QString::fromLatin1(digits)).value());
}
} // namespace

class TestCardAccess : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(BedControl::isUp(), "run through ctest: this test needs the bed");
        QVERIFY(BedControl::removeCard(1));
        QVERIFY(BedControl::insertCard(QStringLiteral("alice"), 0));
    }

    void cleanupTestCase() { BedControl::removeCard(0); }

    void worksOffThisThreadAndAnswersOnIt()
    {
        CardAccess access(BedControl::value("BED_CARD_MODULE"));
        QThread *workThread = nullptr;
        QThread *answerThread = nullptr;
        std::optional<Result<QByteArray>> signature;

        bool loggedIn = false;
        access.login(kReader0, passcode("123456"), this, [&](Result<void> result) {
            loggedIn = result.ok();
        });
        access.run<QByteArray>(
            kReader0,
            [&](TokenSession &session) {
                workThread = QThread::currentThread();
                return session.sign("challenge", SignatureScheme::RsaPkcs1Sha256);
            },
            this, [&](Result<QByteArray> result) {
                answerThread = QThread::currentThread();
                signature = result;
            });
        QTRY_VERIFY_WITH_TIMEOUT(signature.has_value(), 10000);
        QVERIFY(loggedIn);
        QVERIFY(signature->ok());
        QVERIFY(workThread && workThread != QThread::currentThread());
        QCOMPARE(answerThread, QThread::currentThread());
    }

    void errorsComeBackAsValues()
    {
        CardAccess access(BedControl::value("BED_CARD_MODULE"));
        std::optional<Result<QByteArray>> signature;
        access.sign(QStringLiteral("Virtual PCD 00 01"), "data", SignatureScheme::RsaPkcs1Sha256,
                    this, [&](Result<QByteArray> result) { signature = result; });
        QTRY_VERIFY_WITH_TIMEOUT(signature.has_value(), 10000);
        QVERIFY(signature->error().is(SmartcardError::TokenNotFound));
    }

    void closeNeitherWaitsNorJumpsTheQueue()
    {
        CardAccess access(BedControl::value("BED_CARD_MODULE"));
        bool loggedIn = false;
        access.login(kReader0, passcode("123456"), this,
                     [&](Result<void> result) { loggedIn = result.ok(); });
        // A call that holds the worker until this thread lets it go: were close() to wait for
        // the worker, it would wait out the gate's timeout and the call would report failure.
        QSemaphore gate;
        std::optional<bool> gateOpened;
        access.run<bool>(
            kReader0, [&](TokenSession &) { return Result<bool>(gate.tryAcquire(1, 5000)); }, this,
            [&](Result<bool> result) { gateOpened = result.ok() && result.value(); });
        access.close();
        gate.release();
        QTRY_VERIFY_WITH_TIMEOUT(gateOpened.has_value(), 10000);
        QVERIFY(loggedIn);
        QVERIFY(*gateOpened);

        // Closed after the calls before it: the next call meets a fresh, logged-out token.
        std::optional<Result<QByteArray>> signature;
        access.sign(kReader0, "after close", SignatureScheme::RsaPkcs1Sha256, this,
                    [&](Result<QByteArray> result) { signature = result; });
        QTRY_VERIFY_WITH_TIMEOUT(signature.has_value(), 10000);
        QVERIFY(!signature->ok());
        QVERIFY(signature->error().message.contains(QLatin1String("passcode")));
    }

    void goneReceiverIsNotCalled()
    {
        CardAccess access(BedControl::value("BED_CARD_MODULE"));
        bool called = false;
        bool afterwards = false;
        {
            QObject receiver;
            access.login(kReader0, passcode("123456"), &receiver,
                         [&](Result<void>) { called = true; });
        }
        // A later call on a live receiver proves the first one finished.
        access.login(kReader0, passcode("123456"), this, [&](Result<void>) { afterwards = true; });
        QTRY_VERIFY_WITH_TIMEOUT(afterwards, 10000);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestCardAccess)
#include "tst_cardaccess.moc"
