#include <lanyard/context/banner.h>

#include "patientfixtures.h"

#include <QJsonArray>
#include <QLocale>
#include <QTest>

using namespace Lanyard::Context;
using namespace PatientFixtures;

namespace {

QDateTime utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC);
}

} // namespace

class TestBanner : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // NHS CUI: dates read DD-Mmm-YYYY whatever the locale; every test here runs in German,
        // whose month abbreviations differ (Okt., Mai, Dez.), to show the locale is ignored.
        QLocale::setDefault(QLocale(QLocale::German));
        QCOMPARE(QLocale().toString(QDate(2024, 10, 5), QStringLiteral("MMM")),
                 QStringLiteral("Okt."));
    }

    void cuiAge_data()
    {
        QTest::addColumn<QDateTime>("birth");
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<QString>("age");
        // 2021 has no 29 February, so a year from 1 Jan 2021 is exactly 365 days.
        const QDateTime born = utc(2021, 1, 1);
        const auto row = [&](const char *name, const QDateTime &at, const char *age) {
            QTest::newRow(name) << born << at << QString::fromLatin1(age);
        };
        row("0 min", born, "0min");
        row("45 min", born.addSecs(45 * 60), "45min");
        row("119 min", born.addSecs(119 * 60), "119min");
        row("a second under 2 h", born.addSecs(2 * 3600 - 1), "119min");
        row("2 h", born.addSecs(2 * 3600), "2h");
        row("17 h", born.addSecs(17 * 3600), "17h");
        row("47 h", born.addSecs(47 * 3600), "47h");
        row("a second under 2 d", born.addSecs(48 * 3600 - 1), "47h");
        row("2 d", born.addDays(2), "2d");
        row("6 d", born.addDays(6), "6d");
        row("27 d", born.addDays(27), "27d");
        row("a second under 4 w", born.addDays(28).addSecs(-1), "27d");
        row("4 w", born.addDays(28), "4w");
        row("4 w 3 d", born.addDays(31), "4w 3d");
        row("5 w 2 d", born.addDays(37), "5w 2d");
        row("364 d", born.addDays(364), "52w");
        row("a second under 1 y", born.addYears(1).addSecs(-1), "52w");
        row("1 y", born.addYears(1), "12m");
        row("1 y 3 d", born.addYears(1).addDays(3), "12m 3d");
        row("14 m 3 d", born.addMonths(14).addDays(3), "14m 3d");
        row("1 y 11 m 30 d", born.addYears(1).addMonths(11).addDays(30), "23m 30d");
        row("a second under 2 y", born.addYears(2).addSecs(-1), "23m 30d");
        row("2 y", born.addYears(2), "2y");
        row("2 y 1 m", born.addYears(2).addMonths(1), "2y 1m");
        row("11 y 3 m 20 d", born.addYears(11).addMonths(3).addDays(20), "11y 3m");
        row("17 y 11 m", born.addYears(17).addMonths(11), "17y 11m");
        row("a second under 18 y", born.addYears(18).addSecs(-1), "17y 11m");
        row("18 y", born.addYears(18), "18y");
        row("61 y", born.addYears(61), "61y");
        row("61 y 11 m", born.addYears(61).addMonths(11), "61y");
        row("an instant in another zone",
            QDateTime(QDate(2021, 1, 1), QTime(1, 45), Qt::OffsetFromUTC, 3600),
            "45min");
        row("before birth", born.addSecs(-60), "");
        row("no instant", QDateTime(), "");

        // Born 29 Feb: a year is complete on 28 Feb in a year without one (QDate::addMonths
        // keeps to the month's last day), on 29 Feb when there is one.
        const QDateTime leap = utc(2020, 2, 29);
        QTest::newRow("leap: 27 Feb 2021") << leap << utc(2021, 2, 27) << QStringLiteral("52w");
        QTest::newRow("leap: 28 Feb 2021") << leap << utc(2021, 2, 28) << QStringLiteral("12m");
        QTest::newRow("leap: 1 Mar 2021") << leap << utc(2021, 3, 1) << QStringLiteral("12m 1d");
        QTest::newRow("leap: 28 Feb 2024") << leap << utc(2024, 2, 28)
                                           << QStringLiteral("3y 11m");
        QTest::newRow("leap: 29 Feb 2024") << leap << utc(2024, 2, 29) << QStringLiteral("4y");
        QTest::newRow("leap: 27 Feb 2038") << leap << utc(2038, 2, 27)
                                           << QStringLiteral("17y 11m");
        QTest::newRow("leap: 28 Feb 2038") << leap << utc(2038, 2, 28) << QStringLiteral("18y");
        // Likewise a month from 31 Jan is complete on the last day of February.
        QTest::newRow("31 Jan: 28 Feb a year on") << utc(2021, 1, 31) << utc(2022, 2, 28)
                                                  << QStringLiteral("13m");
        QTest::newRow("31 Jan: 1 Mar a year on") << utc(2021, 1, 31) << utc(2022, 3, 1)
                                                 << QStringLiteral("13m 1d");
        // Days after the months are whole days, counted from the time of birth.
        QTest::newRow("born 10:00: not a year old at 09:00") << utc(2021, 1, 1, 10)
            << utc(2022, 1, 1, 9) << QStringLiteral("52w");
        QTest::newRow("born 10:00, 23 h after a month day") << utc(2021, 1, 1, 10)
            << utc(2022, 1, 3, 9) << QStringLiteral("12m 1d");
    }
    void cuiAge()
    {
        QFETCH(QDateTime, birth);
        QFETCH(QDateTime, at);
        QFETCH(QString, age);
        QCOMPARE(Lanyard::Context::cuiAge(birth, at), age);
    }

    void cuiDate_data()
    {
        QTest::addColumn<QDate>("date");
        QTest::addColumn<QString>("text");
        const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int month = 1; month <= 12; ++month) {
            QTest::newRow(months[month - 1])
                << QDate(2024, month, 5)
                << QStringLiteral("05-%1-2024").arg(QLatin1String(months[month - 1]));
        }
        QTest::newRow("two-digit day") << QDate(1938, 7, 1) << QStringLiteral("01-Jul-1938");
        QTest::newRow("leap day") << QDate(2020, 2, 29) << QStringLiteral("29-Feb-2020");
        QTest::newRow("no date") << QDate() << QStringLiteral("Not Known");
    }
    void cuiDate()
    {
        QFETCH(QDate, date);
        QFETCH(QString, text);
        QCOMPARE(Lanyard::Context::cuiDate(date), text);
    }

    void line_data()
    {
        QTest::addColumn<QJsonObject>("resource");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("deceased");
        QTest::addColumn<bool>("restricted");
        const auto karate = [](const char *nhs) {
            return pdsExample(
                QStringLiteral("karate-stubs/patientResponses/patient_%1.json").arg(
                    QLatin1String(nhs)));
        };
        // NHS's example gives 9000000009 a death at the instant of birth.
        QTest::newRow("9000000009") << karate("9000000009") << utc(2021, 6, 1, 12)
            << QStringLiteral("SMITH, Jane (Mrs)  Born 22-Oct-2010  Gender Female  "
                              "NHS No. 900 000 0009  Died 22-Oct-2010  Age at death 0min")
            << true << false;
        QTest::newRow("9000000025 restricted") << karate("9000000025") << utc(2021, 6, 1, 12)
            << QStringLiteral("SMYTHE, Janet (Mrs)  Born 22-Oct-2010  Gender Female  "
                              "NHS No. 900 000 0025  Died 22-Oct-2010  Age at death 0min")
            << true << true;
        QTest::newRow("9000000033 minimal") << karate("9000000033") << utc(2021, 6, 1, 12)
            << QStringLiteral("Not Known  Born Not Known  Gender Not Known  "
                              "NHS No. 900 000 0033")
            << false << false;
        QTest::newRow("9733162337 from a searchset")
            << pdsExample(QStringLiteral(
                              "karate-stubs/searchResponses/general_practitioner_searchset.json"))
                   .value(QLatin1String("entry")).toArray().at(0).toObject()
                   .value(QLatin1String("resource")).toObject()
            << utc(2024, 9, 27, 8)
            << QStringLiteral("MEEK, Bart Nathan (MR)  Born 22-Oct-2015 (8y 11m)  Gender Male  "
                              "NHS No. 973 316 2337")
            << false << false;
        QTest::newRow("9990000026 alive") << patientFixture(QStringLiteral(
                                                 "superseding-9990000026.json"))
            << utc(2025, 1, 15, 9)
            << QStringLiteral("MERROW, Harriet (Ms)  Born 09-Mar-1984 (40y)  Gender Female  "
                              "NHS No. 999 000 0026")
            << false << false;
        QTest::newRow("9990000034 deceased") << patientFixture(QStringLiteral(
                                                    "deceased-9990000034.json"))
            << utc(2025, 1, 15, 9)
            << QStringLiteral("ASHDOWN, Walter (Mr)  Born 01-Jul-1938  Gender Male  "
                              "NHS No. 999 000 0034  Died 05-Nov-2024  Age at death 86y")
            << true << false;
        QTest::newRow("deceased, date only") << patientFixture(QStringLiteral(
                                                    "deceased-date-only.json"))
            << utc(2025, 1, 15, 9)
            << QStringLiteral("PARGETER, Edith May (Mrs)  Born 14-Feb-1931  Gender Female  "
                              "NHS No. 999 000 0085  Died 20-Mar-2023  Age at death 92y")
            << true << false;
        QTest::newRow("restricted, gender other") << patientFixture(QStringLiteral(
                                                         "restricted-with-contact-details.json"))
            << utc(2025, 1, 15, 9)
            << QStringLiteral("HIDDEN, Rhea (Ms)  Born 09-Sep-2001 (23y)  Gender Other  "
                              "NHS No. 999 000 0077")
            << false << true;
    }
    void line()
    {
        QFETCH(QJsonObject, resource);
        QFETCH(QDateTime, now);
        QFETCH(QString, line);
        QFETCH(bool, deceased);
        QFETCH(bool, restricted);
        const auto patient = Patient::fromFhir(resource, now.date());
        QVERIFY2(patient.ok(), qPrintable(patient.ok() ? QString() : patient.error().message));
        const BannerText banner = bannerText(*patient, now);
        QCOMPARE(banner.line(), line);
        QCOMPARE(banner.deceased, deceased);
        QCOMPARE(banner.restricted, restricted);
    }

    void deceasedFields()
    {
        const auto patient = Patient::fromFhir(
            patientFixture(QStringLiteral("deceased-9990000034.json")), QDate(2025, 1, 15));
        QVERIFY(patient.ok());
        const BannerText banner = bannerText(*patient, utc(2025, 1, 15, 9));
        QCOMPARE(banner.name, QStringLiteral("ASHDOWN, Walter (Mr)"));
        QCOMPARE(banner.born, QStringLiteral("Born 01-Jul-1938"));
        QCOMPARE(banner.gender, QStringLiteral("Gender Male"));
        QCOMPARE(banner.nhsNumber, QStringLiteral("NHS No. 999 000 0034"));
        QCOMPARE(banner.died, QStringLiteral("Died 05-Nov-2024"));
        QCOMPARE(banner.ageAtDeath, QStringLiteral("Age at death 86y"));
        QVERIFY(banner.deceased);
    }

    void notKnown_data()
    {
        QTest::addColumn<Patient>("patient");
        QTest::addColumn<QString>("line");
        Patient base;
        base.nhsNumber = QStringLiteral("9434765919");
        const auto changed = [&](auto change) {
            Patient patient = base;
            change(patient);
            return patient;
        };
        QTest::newRow("nothing known") << Patient()
            << QStringLiteral("Not Known  Born Not Known  Gender Not Known  NHS No. Not Known");
        QTest::newRow("only an NHS number") << base
            << QStringLiteral("Not Known  Born Not Known  Gender Not Known  NHS No. 943 476 5919");
        QTest::newRow("family name only") << changed([](Patient &p) {
            p.family = QStringLiteral("o'Brien-Ní Mhaoil");
        }) << QStringLiteral("O'BRIEN-NÍ MHAOIL  Born Not Known  Gender Not Known  "
                             "NHS No. 943 476 5919");
        QTest::newRow("given names only, as recorded") << changed([](Patient &p) {
            p.given = {QStringLiteral("jane"), QStringLiteral("Anne")};
        }) << QStringLiteral("jane Anne  Born Not Known  Gender Not Known  NHS No. 943 476 5919");
        QTest::newRow("a title without a name") << changed([](Patient &p) {
            p.title = QStringLiteral("Mrs");
        }) << QStringLiteral("Not Known  Born Not Known  Gender Not Known  NHS No. 943 476 5919");
        QTest::newRow("no title: no parentheses") << changed([](Patient &p) {
            p.family = QStringLiteral("Smith");
            p.given = {QStringLiteral("Jane")};
        }) << QStringLiteral("SMITH, Jane  Born Not Known  Gender Not Known  "
                             "NHS No. 943 476 5919");
        QTest::newRow("gender unknown") << changed([](Patient &p) {
            p.gender = QStringLiteral("unknown");
        }) << QStringLiteral("Not Known  Born Not Known  Gender Not Known  NHS No. 943 476 5919");
        QTest::newRow("gender female") << changed([](Patient &p) {
            p.gender = QStringLiteral("female");
        }) << QStringLiteral("Not Known  Born Not Known  Gender Female  NHS No. 943 476 5919");
        QTest::newRow("born in the future: no age") << changed([](Patient &p) {
            p.birthDate = QDate(2025, 2, 1);
        }) << QStringLiteral("Not Known  Born 01-Feb-2025  Gender Not Known  "
                             "NHS No. 943 476 5919");
        QTest::newRow("a birth date counts from 00:00 UTC") << changed([](Patient &p) {
            p.birthDate = QDate(2025, 1, 15);
        }) << QStringLiteral("Not Known  Born 15-Jan-2025 (9h)  Gender Not Known  "
                             "NHS No. 943 476 5919");
        QTest::newRow("died, date not known") << changed([](Patient &p) {
            p.birthDate = QDate(1950, 1, 1);
            p.deceasedDateUnknown = true;
        }) << QStringLiteral("Not Known  Born 01-Jan-1950  Gender Not Known  "
                             "NHS No. 943 476 5919  Died Not Known  Age at death Not Known");
        QTest::newRow("died, birth date not known") << changed([](Patient &p) {
            p.deceased = utc(2024, 11, 5, 10, 30);
        }) << QStringLiteral("Not Known  Born Not Known  Gender Not Known  "
                             "NHS No. 943 476 5919  Died 05-Nov-2024  Age at death Not Known");
        QTest::newRow("died late in the evening, UTC date") << changed([](Patient &p) {
            p.birthDate = QDate(2024, 11, 5);
            p.deceased = utc(2024, 11, 5, 23, 59);
        }) << QStringLiteral("Not Known  Born 05-Nov-2024  Gender Not Known  "
                             "NHS No. 943 476 5919  Died 05-Nov-2024  Age at death 23h");
    }
    void notKnown()
    {
        QFETCH(Patient, patient);
        QFETCH(QString, line);
        QCOMPARE(bannerText(patient, utc(2025, 1, 15, 9)).line(), line);
    }
};

QTEST_GUILESS_MAIN(TestBanner)
#include "tst_banner.moc"
