#include <lanyard/smartcard/passcode.h>

#include <QTest>

using namespace Lanyard::Smartcard;

class TestPasscode : public QObject
{
    Q_OBJECT

private slots:
    void accepts_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("six digits") << QStringLiteral("123456");
        QTest::newRow("seven digits") << QStringLiteral("1357924");
        QTest::newRow("eight digits") << QStringLiteral("24681357");
        QTest::newRow("leading zeros") << QStringLiteral("000000");
    }
    void accepts()
    {
        QFETCH(QString, typed);
        const auto passcode = Passcode::fromTyped(typed);
        QVERIFY(passcode.ok());
        QCOMPARE(QByteArray(passcode->data(), passcode->size()), typed.toLatin1());
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("empty") << QString();
        QTest::newRow("five digits") << QStringLiteral("12345");
        QTest::newRow("nine digits") << QStringLiteral("123456789");
        QTest::newRow("letter") << QStringLiteral("12345a");
        QTest::newRow("space") << QStringLiteral("123 456");
        QTest::newRow("arabic-indic digits") << QStringLiteral("١٢٣٤٥٦");
        QTest::newRow("fullwidth digits") << QStringLiteral("１２３４５６");
        QTest::newRow("sign") << QStringLiteral("-123456");
    }
    void rejects()
    {
        QFETCH(QString, typed);
        const auto passcode = Passcode::fromTyped(typed);
        QVERIFY(!passcode.ok());
        QVERIFY(passcode.error().is(SmartcardError::PasscodeMalformed));
        QVERIFY(passcode.error().message.contains(QLatin1String("6 to 8 digits")));
    }

    void movingLeavesNothingBehind()
    {
        auto first = Passcode::fromTyped(QStringLiteral("123456"));
        QVERIFY(first.ok());
        Passcode moved = std::move(first.value());
        QCOMPARE(first->size(), 0);
        QCOMPARE(moved.size(), 6);
    }

    void wipeClearsTheBuffer()
    {
        QByteArray secret("123456");
        secret.detach();
        const char *bytes = secret.constData();
        Passcode::wipe(secret);
        QVERIFY(secret.isEmpty());
        QCOMPARE(secret.constData(), bytes); // same allocation, still owned by `secret`
        QCOMPARE(QByteArray(bytes, 6), QByteArray(6, '\0'));

        QString typed = QString::fromLatin1("654321");
        const QChar *chars = typed.constData();
        Passcode::wipe(typed);
        QVERIFY(typed.isEmpty());
        QCOMPARE(typed.constData(), chars);
        QCOMPARE(QStringView(chars, 6), QString(6, QChar(0)));
    }
};

QTEST_GUILESS_MAIN(TestPasscode)
#include "tst_passcode.moc"
