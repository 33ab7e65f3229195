#include <lanyard/context/nhsnumber.h>

#include <QTest>

using namespace Lanyard::Context;

class TestNhsNumber : public QObject
{
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("digits");
        QTest::addColumn<QString>("formatted");
        const auto row = [](const char *name, const QString &typed, const char *digits,
                            const char *formatted) {
            QTest::newRow(name) << typed << QString::fromLatin1(digits)
                                << QString::fromLatin1(formatted);
        };
        row("as displayed", QStringLiteral("943 476 5919"), "9434765919", "943 476 5919");
        row("digits only", QStringLiteral("9434765919"), "9434765919", "943 476 5919");
        row("dashes", QStringLiteral("943-476-5919"), "9434765919", "943 476 5919");
        row("non-breaking spaces", QStringLiteral("943\u00a0476\u00a05919"), "9434765919",
            "943 476 5919");
        row("en dashes", QStringLiteral("943\u2013476\u20135919"), "9434765919", "943 476 5919");
        row("spaces around", QStringLiteral(" \t943 476 5919 "), "9434765919", "943 476 5919");
        row("doubled separators", QStringLiteral("943 - 476  5919"), "9434765919",
            "943 476 5919");
        row("other grouping", QStringLiteral("94 34 76 59 19"), "9434765919", "943 476 5919");
        // DOMAIN.md: 11 - (sum mod 11) = 11 gives check digit 0.
        row("11 becomes 0", QStringLiteral("999 000 0050"), "9990000050", "999 000 0050");
        // The numbers the test bed seeds (tests/bed/fhir/README.md).
        for (const char *bed : {"9000000009", "9000000025", "9000000033", "9733162337",
                                "9990000018", "9990000026", "9990000034", "9990000042",
                                "9111231130"}) {
            const QString digits = QString::fromLatin1(bed);
            QTest::newRow(bed) << digits << digits
                               << QStringLiteral("%1 %2 %3")
                                      .arg(digits.left(3), digits.mid(3, 3), digits.mid(6));
        }
    }
    void parses()
    {
        QFETCH(QString, typed);
        QFETCH(QString, digits);
        QFETCH(QString, formatted);
        const auto number = NhsNumber::parse(typed);
        QVERIFY2(number.ok(), qPrintable(number.ok() ? QString() : number.error().message));
        QCOMPARE(number->digits(), digits);
        QCOMPARE(number->formatted(), formatted);
        QVERIFY(NhsNumber::isValid(digits));
        QVERIFY(*number == NhsNumber::parse(formatted).value());
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("message");
        const QString characters = QStringLiteral(
            "An NHS number has only digits, with spaces or dashes between them; this has \"%1\".");
        const QString checkDigit = QStringLiteral(
            "%1 is not a valid NHS number: its check digit is wrong — check it was typed "
            "correctly.");
        QTest::newRow("check digit wrong")
            << QStringLiteral("943 476 5918") << checkDigit.arg(u"943 476 5918");
        QTest::newRow("sandbox invalid number")
            << QStringLiteral("9000000000") << checkDigit.arg(u"900 000 0000");
        // 11 - (sum mod 11) = 10: no last digit makes these nine digits a valid number.
        QTest::newRow("check digit would be 10, ends 0")
            << QStringLiteral("1234567890") << checkDigit.arg(u"123 456 7890");
        QTest::newRow("check digit would be 10, ends 9")
            << QStringLiteral("123-456-7899") << checkDigit.arg(u"123 456 7899");
        QTest::newRow("remainder 0 needs check digit 0, not 11")
            << QStringLiteral("9111231131") << checkDigit.arg(u"911 123 1131");
        QTest::newRow("9 digits")
            << QStringLiteral("943 476 591")
            << QStringLiteral("An NHS number has 10 digits; this has 9.");
        QTest::newRow("11 digits")
            << QStringLiteral("943 476 59190")
            << QStringLiteral("An NHS number has 10 digits; this has 11.");
        QTest::newRow("letter") << QStringLiteral("943 476 591A") << characters.arg(QChar(u'A'));
        QTest::newRow("letter O for zero")
            << QStringLiteral("9OO 000 0009") << characters.arg(QChar(u'O'));
        QTest::newRow("dots") << QStringLiteral("943.476.5919") << characters.arg(QChar(u'.'));
        QTest::newRow("leading dash")
            << QStringLiteral("-9434765919") << characters.arg(QChar(u'-'));
        QTest::newRow("trailing dash")
            << QStringLiteral("9434765919-") << characters.arg(QChar(u'-'));
        QTest::newRow("Arabic-Indic digits")
            << QStringLiteral("\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669")
            << characters.arg(QChar(0x0669));
        QTest::newRow("empty") << QString()
                               << QStringLiteral("No NHS number was entered. An NHS number has "
                                                 "10 digits.");
        QTest::newRow("spaces only") << QStringLiteral("   ")
                                     << QStringLiteral("No NHS number was entered. An NHS "
                                                       "number has 10 digits.");
    }
    void rejects()
    {
        QFETCH(QString, typed);
        QFETCH(QString, message);
        const auto number = NhsNumber::parse(typed);
        QVERIFY(!number.ok());
        QVERIFY(number.error().is(ContextError::InvalidNhsNumber));
        QCOMPARE(number.error().message, message);
    }

    void isValid_data()
    {
        QTest::addColumn<QString>("digits");
        QTest::addColumn<bool>("valid");
        QTest::newRow("valid") << QStringLiteral("9434765919") << true;
        QTest::newRow("check digit 0") << QStringLiteral("9111231130") << true;
        QTest::newRow("wrong check digit") << QStringLiteral("9434765918") << false;
        QTest::newRow("check digit would be 10") << QStringLiteral("1234567890") << false;
        QTest::newRow("formatted: not digits only") << QStringLiteral("943 476 5919") << false;
        QTest::newRow("9 digits") << QStringLiteral("943476591") << false;
        QTest::newRow("11 digits") << QStringLiteral("94347659190") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("invalid sandbox number") << QStringLiteral("9000000000") << false;
    }
    void isValid()
    {
        QFETCH(QString, digits);
        QFETCH(bool, valid);
        QCOMPARE(NhsNumber::isValid(digits), valid);
    }
};

QTEST_GUILESS_MAIN(TestNhsNumber)
#include "tst_nhsnumber.moc"
