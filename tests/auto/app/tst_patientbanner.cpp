// The patient banner on the bed's Xvfb with a real PdsClient (the bed's FHIR server, a bed access
// token), a real PatientContext and a real FHIRcast hub with a real subscriber. For each state
// it reads the text of the banner's own widgets (by objectName) and saves a PNG of the window to
// the test artefacts: empty, looking up, normal, deceased, restricted, superseded, lookup failed,
// sync warning, search, invalid NHS number, cleared, locked. It also reads back from the X server
// the dock type and the band the banner reserves.
#include "bannerx11.h"
#include "bedcontrol.h"
#include "bedtoken.h"
#include "fhircastsubscriber.h"

#include "bannersearch.h"
#include "patientbanner.h"

#include <lanyard/context/patientcontext.h>

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Lanyard;
using namespace Lanyard::Context;
using namespace Lanyard::Shell;
using namespace Lanyard::Tests;

namespace {

const QDateTime Now = QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC);
constexpr int Timeout = 15000;

// One signed-in workstation: PDS with alice's token, the hub with one application ("epr")
// subscribed, the patient context, and the banner on screen.
struct Workstation
{
    explicit Workstation(const QByteArray &bedToken) : token(bedToken)
    {
        PdsSettings settings;
        settings.base = QUrl(FhirBed::base());
        settings.caBundle = FhirBed::caBundle();
        pds = std::make_unique<PdsClient>(settings, [this] {
            return std::optional<PdsCredentials>(
                PdsCredentials{token, QStringLiteral("555000000101"), {}});
        });
        hub = std::move(FhircastHub::start({}).value());
        context = std::make_unique<PatientContext>(*pds, nullptr, hub.get());
        application = std::make_unique<FhircastSubscriber>(hub->url(),
                                                           hub->issueToken(QStringLiteral("epr")));
        subscribed = application->subscribe(hub->topic(), QStringLiteral("Patient-open,Patient-close"))
                             .status == 202
                     && application->connectSocket();
        banner = std::make_unique<PatientBanner>(*context, *pds, hub.get());
        banner->setClock([] { return Now; });
        banner->show();
    }

    template<typename T = QLabel>
    T *find(const char *name) const
    {
        return banner->findChild<T *>(QString::fromLatin1(name));
    }
    QString text(const char *label) const { return find(label)->text(); }
    bool shows(const char *widget) const { return find<QWidget>(widget)->isVisible(); }

    void type(const QString &number)
    {
        auto *field = find<QLineEdit>("bannerNhsNumberField");
        field->clear();
        QTest::keyClicks(field, number);
        QTest::keyClick(field, Qt::Key_Return);
    }

    QByteArray token;
    std::unique_ptr<PdsClient> pds;
    std::unique_ptr<FhircastHub> hub;
    std::unique_ptr<PatientContext> context;
    std::unique_ptr<FhircastSubscriber> application;
    std::unique_ptr<PatientBanner> banner;
    bool subscribed = false;
};

// Saves a PNG of `window`; a visible banner must first be docked at the full screen width
// (its contents flow onto more rows rather than push it wider), as high as its contents need.
void save(QWidget *window, const QString &name)
{
    if (qobject_cast<PatientBanner *>(window) && window->isVisible()) {
        const QRect screen = QGuiApplication::primaryScreen()->geometry();
        QTRY_COMPARE(window->geometry().topLeft(), screen.topLeft());
        QTRY_COMPARE(window->width(), screen.width());
        QTRY_COMPARE(window->height(), qMax(window->heightForWidth(screen.width()),
                                            window->minimumSizeHint().height()));
    }
    QVERIFY(window->grab().save(BedControl::artefactPath(QStringLiteral("banner-%1.png").arg(name))));
}

// The top of the band the banner should reserve, in the X server's device pixels.
quint32 reservedTop(const QWidget *banner)
{
    return quint32(qRound(banner->height() * banner->devicePixelRatioF()));
}

// The patient fields, empty when no patient is shown (hidden is not enough).
const char *const PatientFields[] = {"bannerName", "bannerBorn", "bannerGender", "bannerNhsNumber",
                                     "bannerDied", "bannerAgeAtDeath"};

} // namespace

class TestPatientBanner : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
        QVERIFY2(FhirBed::isUp(), "run through ctest: this test needs the bed's IdP and FHIR server");
        m_token = FhirBed::accessToken();
        QVERIFY(!m_token.isEmpty());
    }

    void cleanup() { FhirBed::setFault(QStringLiteral("none")); }

    void emptyDocksAcrossTheTopAndReservesItsBand()
    {
        Workstation w(m_token);
        QVERIFY(w.subscribed);
        QVERIFY(QTest::qWaitForWindowExposed(w.banner.get()));
        QCOMPARE(w.text("bannerStatus"), QStringLiteral("No patient selected"));
        QVERIFY(!w.shows("bannerName"));
        QVERIFY(!w.find<QPushButton>("bannerClearButton")->isEnabled());
        QCOMPARE(w.find<QWidget>("bannerBar")->property("bannerState").toString(), QStringLiteral("empty"));

        const QRect screen = QGuiApplication::primaryScreen()->geometry();
        const int height = w.banner->height();
        // The X server counts device pixels (QT_SCALE_FACTOR=2 doubles them).
        const qreal ratio = QGuiApplication::primaryScreen()->devicePixelRatio();
        const auto device = [ratio](int logical) { return quint32(qRound(logical * ratio)); };
        QVERIFY(height > 20 && height < screen.height() / 4);
        QCOMPARE(w.banner->geometry(), QRect(screen.topLeft(), QSize(screen.width(), height)));
        QVERIFY(w.banner->windowFlags().testFlag(Qt::WindowStaysOnTopHint));
        QVERIFY(w.banner->windowFlags().testFlag(Qt::FramelessWindowHint));
        QVERIFY(!w.banner->windowFlags().testFlag(Qt::WindowDoesNotAcceptFocus));

        // As a window manager reads it: a dock whose band is the banner's height, full width.
        QVERIFY(BannerX11::atomNames(w.banner.get(), "_NET_WM_WINDOW_TYPE")
                    .contains(QStringLiteral("_NET_WM_WINDOW_TYPE_DOCK")));
        const QList<quint32> partial = BannerX11::cardinals(w.banner.get(), "_NET_WM_STRUT_PARTIAL");
        QCOMPARE(partial.size(), 12);
        QCOMPARE(partial.at(0), 0u);                      // left
        QCOMPARE(partial.at(1), 0u);                      // right
        QCOMPARE(partial.at(2), device(height));          // top
        QCOMPARE(partial.at(3), 0u);                      // bottom
        QCOMPARE(partial.at(8), 0u);                      // top_start_x
        QCOMPARE(partial.at(9), device(screen.width()) - 1); // top_end_x
        QCOMPARE(BannerX11::cardinals(w.banner.get(), "_NET_WM_STRUT"),
                 (QList<quint32>{0, 0, device(height), 0}));
        save(w.banner.get(), QStringLiteral("empty"));
    }

    void everyControlIsNamedAndReachedByKeyboard()
    {
        Workstation w(m_token);
        QVERIFY(QTest::qWaitForWindowExposed(w.banner.get()));
        QList<QWidget *> controls;
        for (QWidget *root : {static_cast<QWidget *>(w.banner.get()),
                              static_cast<QWidget *>(w.banner->searchPanel())})
            for (QWidget *widget : root->findChildren<QWidget *>())
                if (qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget)
                    || qobject_cast<QComboBox *>(widget) || qobject_cast<QListWidget *>(widget))
                    controls << widget;
        QVERIFY(controls.size() >= 14);
        for (QWidget *control : std::as_const(controls)) {
            QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(control->objectName()));
            QVERIFY2(control->focusPolicy() & Qt::TabFocus, qPrintable(control->objectName()));
        }

        // The banner takes keyboard focus (it is not a "does not accept focus" window), and Tab
        // walks its controls in order.
        w.banner->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w.banner.get()));
        auto *field = w.find<QLineEdit>("bannerNhsNumberField");
        field->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), field);
        QTest::keyClicks(field, QStringLiteral("9990000026"));
        QCOMPARE(field->text(), QStringLiteral("9990000026"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("bannerLookUpButton"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("bannerSearchButton"));
        // Space on the focused Search button opens the panel with the family name focused.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QTRY_VERIFY(w.banner->searchPanel()->isVisible());
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("searchFamily"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QTRY_VERIFY(!w.banner->searchPanel()->isVisible());
    }

    void normalPatient()
    {
        Workstation w(m_token);
        w.type(QStringLiteral("999 000 0026"));
        // At once, before PDS answers.
        QCOMPARE(w.text("bannerStatus"), QStringLiteral("Looking up…"));
        QCOMPARE(w.find<QWidget>("bannerBar")->property("bannerState").toString(), QStringLiteral("lookingUp"));
        QVERIFY(w.find<QLineEdit>("bannerNhsNumberField")->text().isEmpty());
        save(w.banner.get(), QStringLiteral("looking-up"));

        QTRY_COMPARE_WITH_TIMEOUT(w.text("bannerName"), QStringLiteral("MERROW, Harriet (Ms)"), Timeout);
        QVERIFY(w.shows("bannerName"));
        QCOMPARE(w.text("bannerBorn"), QStringLiteral("Born 09-Mar-1984 (42y)"));
        QCOMPARE(w.text("bannerGender"), QStringLiteral("Gender Female"));
        QCOMPARE(w.text("bannerNhsNumber"), QStringLiteral("NHS No. 999 000 0026"));
        QVERIFY(!w.shows("bannerStatus"));
        QVERIFY(!w.shows("bannerDeceasedLabel"));
        QVERIFY(!w.shows("bannerDied"));
        QVERIFY(!w.shows("bannerRestricted"));
        QVERIFY(!w.shows("bannerFailure"));
        QVERIFY(w.find<QPushButton>("bannerClearButton")->isEnabled());
        QCOMPARE(w.find<QWidget>("bannerBar")->property("bannerState").toString(), QStringLiteral("patient"));
        save(w.banner.get(), QStringLiteral("normal"));
    }

    void deceasedPatient()
    {
        Workstation w(m_token);
        w.type(QStringLiteral("9990000034"));
        QTRY_COMPARE_WITH_TIMEOUT(w.text("bannerName"), QStringLiteral("ASHDOWN, Walter (Mr)"), Timeout);
        QVERIFY(w.shows("bannerDeceasedLabel"));
        QCOMPARE(w.text("bannerDeceasedLabel"), QStringLiteral("Deceased"));
        QCOMPARE(w.text("bannerDied"), QStringLiteral("Died 05-Nov-2024"));
        QCOMPARE(w.text("bannerAgeAtDeath"), QStringLiteral("Age at death 86y"));
        QCOMPARE(w.text("bannerGender"), QStringLiteral("Gender Male"));
        QCOMPARE(w.find<QWidget>("bannerBar")->property("bannerState").toString(), QStringLiteral("deceased"));
        save(w.banner.get(), QStringLiteral("deceased"));
    }

    void restrictedPatient()
    {
        Workstation w(m_token);
        const int emptyHeight = w.banner->height();
        w.type(QStringLiteral("9000000025"));
        QTRY_VERIFY_WITH_TIMEOUT(w.shows("bannerRestricted"), Timeout);
        QVERIFY(w.text("bannerRestricted").startsWith(QStringLiteral("Restricted record")));
        QCOMPARE(w.text("bannerNhsNumber"), QStringLiteral("NHS No. 900 000 0025"));
        // NHS England's example record: its only name's period has ended, so no current name.
        QCOMPARE(w.text("bannerName"), QStringLiteral("Not Known"));
        // The notice made the banner taller: the reserved band follows.
        QTRY_VERIFY(w.banner->height() > emptyHeight);
        QTRY_COMPARE(BannerX11::cardinals(w.banner.get(), "_NET_WM_STRUT_PARTIAL").value(2),
                     reservedTop(w.banner.get()));
        save(w.banner.get(), QStringLiteral("restricted"));
    }

    void supersededNumber()
    {
        Workstation w(m_token);
        w.type(QStringLiteral("9990000018"));
        QTRY_VERIFY_WITH_TIMEOUT(w.shows("bannerSuperseded"), Timeout);
        QCOMPARE(w.text("bannerNhsNumber"), QStringLiteral("NHS No. 999 000 0026"));
        QCOMPARE(w.text("bannerSuperseded"),
                 QStringLiteral("NHS No. 999 000 0018 has been replaced by NHS No. 999 000 0026: "
                                "this is the current record."));
        save(w.banner.get(), QStringLiteral("superseded"));
    }

    void lookupFailedShowsNoPatient_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("number");
        QTest::newRow("not-found") << QString() << QStringLiteral("9111231130");
        QTest::newRow("server-error") << QStringLiteral("error500") << QStringLiteral("9990000034");
    }

    void lookupFailedShowsNoPatient()
    {
        QFETCH(QString, fault);
        QFETCH(QString, number);
        Workstation w(m_token);
        w.type(QStringLiteral("9990000026"));
        QTRY_VERIFY_WITH_TIMEOUT(w.shows("bannerName"), Timeout);
        if (!fault.isEmpty())
            QVERIFY(FhirBed::setFault(fault, 5));
        w.type(number);
        // The previous patient is gone at once, not when PDS answers.
        QVERIFY(!w.shows("bannerName"));
        QVERIFY(w.text("bannerName").isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(w.shows("bannerFailure"), Timeout);
        QVERIFY(!w.text("bannerFailure").isEmpty());
        QCOMPARE(w.text("bannerStatus"), QStringLiteral("No patient selected"));
        for (const char *field : PatientFields) {
            QVERIFY2(w.text(field).isEmpty(), field);
            QVERIFY2(!w.shows(field), field);
        }
        QCOMPARE(w.find<QWidget>("bannerBar")->property("bannerState").toString(), QStringLiteral("failed"));
        qInfo() << "failure shown:" << w.text("bannerFailure");
        save(w.banner.get(), QStringLiteral("failed-%1").arg(QString::fromLatin1(QTest::currentDataTag())));

        // Clear patient also clears the message.
        QTest::mouseClick(w.find<QPushButton>("bannerClearButton"), Qt::LeftButton);
        QVERIFY(!w.shows("bannerFailure"));
        QCOMPARE(w.text("bannerStatus"), QStringLiteral("No patient selected"));
    }

    void syncWarningFromARefusingApplication()
    {
        Workstation w(m_token);
        QVERIFY(w.subscribed);
        w.application->answerWith(409);
        w.type(QStringLiteral("9990000026"));
        QTRY_VERIFY_WITH_TIMEOUT(w.shows("bannerSyncWarning"), Timeout);
        QCOMPARE(w.text("bannerSyncWarning"),
                 QStringLiteral("epr did not follow this patient: refused Patient-open (status 409)"));
        QCOMPARE(w.text("bannerName"), QStringLiteral("MERROW, Harriet (Ms)"));
        // The reason is the application's own text: never read as rich text.
        QCOMPARE(w.find("bannerSyncWarning")->textFormat(), Qt::PlainText);
        QTRY_COMPARE(BannerX11::cardinals(w.banner.get(), "_NET_WM_STRUT_PARTIAL").value(2),
                     reservedTop(w.banner.get()));
        save(w.banner.get(), QStringLiteral("sync-warning"));

        QTest::mouseClick(w.find<QPushButton>("bannerSyncDismiss"), Qt::LeftButton);
        QVERIFY(!w.shows("bannerSyncWarning"));
        QVERIFY(w.text("bannerSyncWarning").isEmpty());
        QCOMPARE(w.text("bannerName"), QStringLiteral("MERROW, Harriet (Ms)"));
    }

    void searchByDemographicsAndChoose()
    {
        Workstation w(m_token);
        QTest::mouseClick(w.find<QPushButton>("bannerSearchButton"), Qt::LeftButton);
        BannerSearch *panel = w.banner->searchPanel();
        QTRY_VERIFY(panel->isVisible());
        const auto field = [panel](const char *name) {
            return panel->findChild<QLineEdit *>(QString::fromLatin1(name));
        };
        auto *status = panel->findChild<QLabel *>(QStringLiteral("searchResultsStatus"));
        auto *list = panel->findChild<QListWidget *>(QStringLiteral("searchResultsList"));
        auto *searchButton = panel->findChild<QPushButton *>(QStringLiteral("searchButton"));

        // A date that is not one, in words.
        field("searchFamily")->setText(QStringLiteral("Merrow"));
        field("searchBirthDate")->setText(QStringLiteral("31/02/1984"));
        QTest::mouseClick(searchButton, Qt::LeftButton);
        QVERIFY(status->isVisible());
        QVERIFY(status->text().contains(QStringLiteral("DD/MM/YYYY")));
        QCOMPARE(status->property("error").toBool(), true);

        // Nobody matches: said so.
        field("searchFamily")->setText(QStringLiteral("Nobodyever"));
        field("searchBirthDate")->setText(QStringLiteral("09/03/1984"));
        QTest::mouseClick(searchButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("No patients match")), Timeout);
        QVERIFY(!list->isVisible());

        // PDS's rules in words: no family name and not a similar-names search.
        field("searchFamily")->clear();
        QTest::mouseClick(searchButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->property("error").toBool(), Timeout);
        QVERIFY(status->text().contains(QStringLiteral("family name")));
        qInfo() << "search error shown:" << status->text();

        // By name, date of birth, gender and postcode: rows are banner lines.
        field("searchFamily")->setText(QStringLiteral("Merrow"));
        field("searchGiven")->setText(QStringLiteral("Harriet"));
        auto *gender = panel->findChild<QComboBox *>(QStringLiteral("searchGender"));
        gender->setCurrentIndex(gender->findData(QStringLiteral("female")));
        field("searchPostcode")->setText(QStringLiteral("LS2 9JT"));
        QTest::mouseClick(searchButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(list->count(), 1, Timeout);
        QCOMPARE(status->text(), QStringLiteral("1 patient found. Choose it to open it."));
        QCOMPARE(list->item(0)->text(),
                 QStringLiteral("MERROW, Harriet (Ms)  Born 09-Mar-1984 (42y)  Gender Female  "
                                "NHS No. 999 000 0026"));
        // The whole row shows, NHS number included: the panel is as wide as the row needs.
        QVERIFY(list->sizeHintForColumn(0) <= list->viewport()->width());
        save(panel, QStringLiteral("search-results"));

        QVERIFY(!w.shows("bannerName"));
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Return);
        QTRY_VERIFY(!panel->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(w.text("bannerName"), QStringLiteral("MERROW, Harriet (Ms)"), Timeout);
        QCOMPARE(w.context->patient()->nhsNumber, QStringLiteral("9990000026"));
        // Chosen and closed: nothing of the search is kept.
        QCOMPARE(list->count(), 0);
        QVERIFY(field("searchFamily")->text().isEmpty());
        save(w.banner.get(), QStringLiteral("search-chosen"));
    }

    void searchWithSeveralResults()
    {
        Workstation w(m_token);
        BannerSearch *panel = w.banner->searchPanel();
        QTest::mouseClick(w.find<QPushButton>("bannerSearchButton"), Qt::LeftButton);
        QTRY_VERIFY(panel->isVisible());
        panel->findChild<QLineEdit *>(QStringLiteral("searchFamily"))->setText(QStringLiteral("Sm*"));
        panel->findChild<QLineEdit *>(QStringLiteral("searchBirthDate"))->setText(QStringLiteral("22-Oct-2010"));
        auto *list = panel->findChild<QListWidget *>(QStringLiteral("searchResultsList"));
        auto *status = panel->findChild<QLabel *>(QStringLiteral("searchResultsStatus"));
        panel->search();
        QTRY_VERIFY_WITH_TIMEOUT(list->count() > 0 || status->property("error").toBool(), Timeout);
        qInfo() << "status:" << status->text();
        for (int i = 0; i < list->count(); ++i)
            qInfo() << "row" << i << list->item(i)->text();
        QVERIFY(list->count() >= 2);
        save(panel, QStringLiteral("search-several"));
    }

    void invalidNhsNumberInWords_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("says");
        QTest::newRow("check-digit") << QStringLiteral("943 476 5910") << QStringLiteral("check digit is wrong");
        QTest::newRow("length") << QStringLiteral("12345") << QStringLiteral("10 digits; this has 5");
        QTest::newRow("letters") << QStringLiteral("943x765919") << QStringLiteral("only digits");
    }

    void invalidNhsNumberInWords()
    {
        QFETCH(QString, typed);
        QFETCH(QString, says);
        Workstation w(m_token);
        QSignalSpy started(w.context.get(), &PatientContext::lookupStarted);
        w.type(typed);
        QVERIFY(w.shows("bannerSearchError"));
        QVERIFY2(w.text("bannerSearchError").contains(says), qPrintable(w.text("bannerSearchError")));
        QCOMPARE(w.find<QLineEdit>("bannerNhsNumberField")->text(), typed); // left to correct
        QCOMPARE(started.size(), 0); // PDS was not asked
        QCOMPARE(w.text("bannerStatus"), QStringLiteral("No patient selected"));
        save(w.banner.get(), QStringLiteral("invalid-%1").arg(QString::fromLatin1(QTest::currentDataTag())));
        // Typing again takes the message away.
        QTest::keyClick(w.find<QLineEdit>("bannerNhsNumberField"), Qt::Key_Backspace);
        QVERIFY(!w.shows("bannerSearchError"));
    }

    void clearPatient()
    {
        Workstation w(m_token);
        w.type(QStringLiteral("9990000034"));
        QTRY_VERIFY_WITH_TIMEOUT(w.shows("bannerName"), Timeout);
        QVERIFY(w.application->waitForEvents(QStringLiteral("Patient-open")));
        QTest::mouseClick(w.find<QPushButton>("bannerClearButton"), Qt::LeftButton);
        QCOMPARE(w.text("bannerStatus"), QStringLiteral("No patient selected"));
        for (const char *field : PatientFields)
            QVERIFY2(w.text(field).isEmpty() && !w.shows(field), field);
        QVERIFY(!w.shows("bannerDeceasedLabel"));
        QVERIFY(!w.context->patient().has_value());
        QVERIFY(w.application->waitForEvents(QStringLiteral("Patient-close")));
        QVERIFY(!w.find<QPushButton>("bannerClearButton")->isEnabled());
        save(w.banner.get(), QStringLiteral("cleared"));
    }

    void lockedIsHidden()
    {
        Workstation w(m_token);
        w.type(QStringLiteral("9990000026"));
        QTRY_VERIFY_WITH_TIMEOUT(w.shows("bannerName"), Timeout);
        QTest::mouseClick(w.find<QPushButton>("bannerSearchButton"), Qt::LeftButton);
        BannerSearch *panel = w.banner->searchPanel();
        QTRY_VERIFY(panel->isVisible());
        panel->findChild<QLineEdit *>(QStringLiteral("searchFamily"))->setText(QStringLiteral("Merrow"));
        QVERIFY(BannerX11::isViewable(w.banner.get()));

        auto *ageTimer = w.banner->findChild<QTimer *>(QStringLiteral("bannerAgeTimer"));
        QVERIFY(ageTimer && ageTimer->isActive()); // a living patient's age moves on
        w.banner->setSessionLocked(true);
        QVERIFY(!w.banner->isVisible());
        QVERIFY(!panel->isVisible());
        QVERIFY(!ageTimer->isActive()); // locked: nothing ticks
        QTRY_VERIFY(!BannerX11::isViewable(w.banner.get()));
        for (const char *field : PatientFields)
            QVERIFY2(w.text(field).isEmpty(), field);
        QVERIFY(panel->findChild<QLineEdit *>(QStringLiteral("searchFamily"))->text().isEmpty());
        // Nothing of the patient is painted, even into a grab of the hidden window.
        save(w.banner.get(), QStringLiteral("locked"));
        w.banner->show(); // refused while locked
        QVERIFY(!w.banner->isVisible());

        w.banner->setSessionLocked(false);
        QVERIFY(w.banner->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(w.banner.get()));
        QCOMPARE(w.text("bannerName"), QStringLiteral("MERROW, Harriet (Ms)"));
        QTRY_COMPARE(BannerX11::cardinals(w.banner.get(), "_NET_WM_STRUT_PARTIAL").value(2),
                     reservedTop(w.banner.get()));
        save(w.banner.get(), QStringLiteral("unlocked"));

        w.banner->setSignedIn(false);
        QVERIFY(!w.banner->isVisible());
        QVERIFY(w.text("bannerName").isEmpty());
    }

private:
    QByteArray m_token;
};

QTEST_MAIN(TestPatientBanner)
#include "tst_patientbanner.moc"
