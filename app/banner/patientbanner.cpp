#include "patientbanner.h"

#include "bannerdock.h"
#include "bannersearch.h"
#include "bannerstyle.h"
#include "flowlayout.h"

#include <lanyard/context/banner.h>

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Lanyard::Shell {

namespace {

constexpr int MaxSyncWarnings = 3;

QString formattedNumber(const QString &digits)
{
    const auto number = Context::NhsNumber::parse(digits);
    return number ? number->formatted() : digits;
}

QPushButton *button(const QString &text, const char *objectName, const QString &accessibleName,
                    QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(QString::fromLatin1(objectName));
    b->setAccessibleName(accessibleName);
    b->setFocusPolicy(Qt::StrongFocus);
    b->setAutoDefault(true); // Enter presses the focused button
    return b;
}

// Room around a label's text inside its coloured box, from its own (style-sheet) font so it
// scales with it. (Style-sheet padding is not applied to these labels in Qt 6.4.)
void pad(QLabel *label)
{
    label->ensurePolished();
    const int ch = label->fontMetrics().averageCharWidth();
    label->setContentsMargins(ch, ch / 3, ch, ch / 3);
}

QFrame *strip(const char *objectName, QWidget *parent)
{
    auto *frame = new QFrame(parent);
    frame->setObjectName(QString::fromLatin1(objectName));
    return frame;
}

} // namespace

PatientBanner::PatientBanner(Context::PatientContext &context, Context::PdsClient &pds,
                             Context::FhircastHub *hub, QWidget *parent)
    : QWidget(parent, Qt::Window | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint),
      m_context(context), m_now([] { return QDateTime::currentDateTimeUtc(); }),
      m_applicationName([](const QString &id) { return id; }),
      m_dock(new BannerDock(this)), m_search(new BannerSearch(pds, this)),
      m_ageTimer(new QTimer(this)), m_bar(strip("bannerBar", this)),
      m_patientFields(new QWidget(m_bar))
{
    m_patientFields->setObjectName(QStringLiteral("bannerPatient"));
    setObjectName(QStringLiteral("patientBanner"));
    setWindowTitle(tr("Patient banner"));
    setAccessibleName(tr("Patient banner"));
    // A dock to the window manager (x11strut.h sets the same type itself, before mapping).
    setAttribute(Qt::WA_X11NetWmWindowTypeDock);
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(BannerStyle::bannerSheet());

    // The bar: what is known of the patient on the left, search and clear on the right.
    m_status = addLabel("bannerStatus", tr("Banner status"));
    m_failureLabel = addLabel("bannerFailure", tr("Lookup failed"));
    m_failureLabel->setWordWrap(true);
    m_name = addLabel("bannerName", tr("Patient name"));
    m_deceasedLabel = addLabel("bannerDeceasedLabel", tr("Deceased"));
    m_deceasedLabel->setText(tr("Deceased"));
    m_born = addLabel("bannerBorn", tr("Date of birth and age"));
    m_gender = addLabel("bannerGender", tr("Gender"));
    m_nhsNumber = addLabel("bannerNhsNumber", tr("NHS number"));
    m_died = addLabel("bannerDied", tr("Date of death"));
    m_ageAtDeath = addLabel("bannerAgeAtDeath", tr("Age at death"));

    m_nhsField = new QLineEdit(m_bar);
    m_nhsField->setObjectName(QStringLiteral("bannerNhsNumberField"));
    m_nhsField->setAccessibleName(tr("NHS number to look up"));
    m_nhsField->setPlaceholderText(tr("NHS number"));
    m_nhsField->setMaxLength(20);
    // Wide enough for "943 476 5919" and a little more; the bar's stretch takes the rest.
    m_nhsField->ensurePolished(); // the style sheet's font
    m_nhsField->setMinimumWidth(m_nhsField->fontMetrics().averageCharWidth() * 18);
    m_nhsField->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_lookUpButton = button(tr("Look up"), "bannerLookUpButton",
                            tr("Look up the NHS number"), m_bar);
    m_searchButton = button(tr("Search…"), "bannerSearchButton",
                            tr("Search for a patient by name, date of birth, gender and postcode"),
                            m_bar);
    m_clearButton = button(tr("Clear patient"), "bannerClearButton", tr("Clear patient"), m_bar);

    // The patient's fields flow onto more rows when the screen is narrow or scaled up; the
    // controls stay on the right.
    auto *fields = new FlowLayout(m_patientFields);
    for (QLabel *label : {m_status, m_name, m_deceasedLabel, m_born, m_gender, m_nhsNumber,
                          m_died, m_ageAtDeath, m_failureLabel})
        fields->addWidget(label);
    auto *bar = new QHBoxLayout(m_bar);
    bar->setSpacing(12);
    bar->addWidget(m_patientFields, 1);
    bar->addWidget(m_nhsField);
    bar->addWidget(m_lookUpButton);
    bar->addWidget(m_searchButton);
    bar->addWidget(m_clearButton);

    // The notices under the bar: each a strip of its own, hidden when it has nothing to say.
    m_notices = strip("bannerNotices", this);
    m_searchErrorLabel = new QLabel(m_notices);
    m_searchErrorLabel->setObjectName(QStringLiteral("bannerSearchError"));
    m_searchErrorLabel->setAccessibleName(tr("NHS number error"));
    m_restricted = new QLabel(tr("Restricted record: the address and contact details are "
                                 "withheld. Share nothing that could reveal where this "
                                 "patient lives."),
                              m_notices);
    m_restricted->setObjectName(QStringLiteral("bannerRestricted"));
    m_restricted->setAccessibleName(tr("Restricted record"));
    m_superseded = new QLabel(m_notices);
    m_superseded->setObjectName(QStringLiteral("bannerSuperseded"));
    m_superseded->setAccessibleName(tr("Replaced NHS number"));
    m_syncRow = strip("bannerSyncRow", m_notices);
    m_syncWarning = new QLabel(m_syncRow);
    m_syncWarning->setObjectName(QStringLiteral("bannerSyncWarning"));
    m_syncWarning->setAccessibleName(tr("Application warning"));
    m_syncDismiss = button(tr("Dismiss"), "bannerSyncDismiss", tr("Dismiss the warning"), m_syncRow);
    auto *syncLayout = new QHBoxLayout(m_syncRow);
    syncLayout->setContentsMargins(0, 0, 6, 0);
    syncLayout->addWidget(m_syncWarning, 1);
    syncLayout->addWidget(m_syncDismiss);
    // The sync warning's reason comes from an application, an error quotes what was typed:
    // plain text only, never interpreted as rich text.
    for (QLabel *label : {m_searchErrorLabel, m_restricted, m_superseded, m_syncWarning}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
    }
    for (QLabel *label : {m_failureLabel, m_deceasedLabel, m_searchErrorLabel, m_restricted,
                          m_superseded, m_syncWarning})
        pad(label);
    auto *notices = new QVBoxLayout(m_notices);
    notices->setContentsMargins(0, 0, 0, 0);
    notices->setSpacing(0);
    notices->addWidget(m_searchErrorLabel);
    notices->addWidget(m_restricted);
    notices->addWidget(m_superseded);
    notices->addWidget(m_syncRow);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_bar);
    layout->addWidget(m_notices);

    setTabOrder(m_nhsField, m_lookUpButton);
    setTabOrder(m_lookUpButton, m_searchButton);
    setTabOrder(m_searchButton, m_clearButton);
    setTabOrder(m_clearButton, m_syncDismiss);

    connect(&m_context, &Context::PatientContext::patientChanged, this,
            &PatientBanner::onPatientChanged);
    connect(&m_context, &Context::PatientContext::lookupStarted, this, [this] {
        m_lookingUp = true;
        m_failure.clear();
        render(std::nullopt); // PatientContext has already cleared the patient it had
    });
    connect(&m_context, &Context::PatientContext::lookupFailed, this, [this](const QString &why) {
        m_lookingUp = false;
        m_failure = why;
        render(std::nullopt); // a failed lookup leaves no patient
    });
    if (hub)
        connect(hub, &Context::FhircastHub::syncErrorRaised, this, &PatientBanner::onSyncError);
    connect(m_nhsField, &QLineEdit::returnPressed, this, &PatientBanner::lookUpTyped);
    connect(m_nhsField, &QLineEdit::textEdited, this, [this] {
        if (!m_searchError.isEmpty()) {
            m_searchError.clear();
            updateNotices();
        }
    });
    connect(m_lookUpButton, &QPushButton::clicked, this, &PatientBanner::lookUpTyped);
    connect(m_searchButton, &QPushButton::clicked, this, [this] {
        m_search->popUpBelow(m_searchButton);
    });
    connect(m_clearButton, &QPushButton::clicked, this, &PatientBanner::clearPatient);
    connect(m_syncDismiss, &QPushButton::clicked, this, [this] {
        m_syncWarnings.clear();
        updateNotices();
        m_nhsField->setFocus();
    });
    connect(m_search, &BannerSearch::chosen, this,
            [this](const Context::Patient &patient) { m_context.choose(patient); });
    // Ages in minutes, hours and days move on while the banner is up.
    m_ageTimer->setObjectName(QStringLiteral("bannerAgeTimer"));
    m_ageTimer->setInterval(std::chrono::minutes(1));
    connect(m_ageTimer, &QTimer::timeout, this, [this] {
        if (const auto patient = m_context.patient())
            render(patient);
    });

    m_lookingUp = m_context.isLookingUp();
    render(m_context.patient());
}

PatientBanner::~PatientBanner() = default;

QLabel *PatientBanner::addLabel(const char *objectName, const QString &accessibleName)
{
    auto *label = new QLabel(m_patientFields);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setAccessibleName(accessibleName);
    label->setTextFormat(Qt::PlainText); // names come from PDS: never rich text
    return label;
}

void PatientBanner::setApplicationName(std::function<QString(const QString &)> name)
{
    m_applicationName = std::move(name);
}

void PatientBanner::setClock(std::function<QDateTime()> now)
{
    m_now = now;
    m_search->setClock(std::move(now));
    render(m_context.patient());
}

void PatientBanner::onPatientChanged(const std::optional<Context::Patient> &patient)
{
    m_lookingUp = false;
    if (patient)
        m_failure.clear();
    // A warning names "this patient": it is about the patient that was there, not a new one.
    m_syncWarnings.clear();
    render(patient);
}

void PatientBanner::onSyncError(const QString &applicationId, const QString &reason)
{
    m_syncWarnings.append(tr("%1 did not follow this patient: %2")
                              .arg(m_applicationName(applicationId), reason));
    while (m_syncWarnings.size() > MaxSyncWarnings)
        m_syncWarnings.removeFirst();
    updateNotices();
}

void PatientBanner::lookUpTyped()
{
    const auto number = Context::NhsNumber::parse(m_nhsField->text());
    if (!number) {
        m_searchError = number.error().message;
        updateNotices();
        m_nhsField->setFocus();
        m_nhsField->selectAll();
        return;
    }
    m_searchError.clear();
    m_nhsField->clear(); // the number now shows in the banner, or the reason it does not
    m_context.lookUp(*number);
}

void PatientBanner::clearPatient()
{
    m_context.clear();
    // clear() cancels a lookup under way without a signal: nothing is being looked up now.
    m_lookingUp = false;
    m_failure.clear();
    m_searchError.clear();
    render(m_context.patient());
    m_nhsField->setFocus();
}

void PatientBanner::render(const std::optional<Context::Patient> &patient)
{
    const bool shown = patient && !m_locked && m_signedIn;
    if (shown)
        showPatient(*patient);
    else
        showNoPatient();
    updateNotices();
    // The age moves on only while a living patient is on screen: no wake-ups otherwise.
    if (shown && !patient->deceased)
        m_ageTimer->start();
    else
        m_ageTimer->stop();
}

void PatientBanner::showPatient(const Context::Patient &patient)
{
    const Context::BannerText text = Context::bannerText(patient, m_now());
    m_name->setText(text.name);
    m_born->setText(text.born);
    m_gender->setText(text.gender);
    m_nhsNumber->setText(text.nhsNumber);
    m_died->setText(text.died);
    m_ageAtDeath->setText(text.ageAtDeath);
    for (QLabel *label : {m_name, m_born, m_gender, m_nhsNumber})
        label->show();
    m_deceasedLabel->setVisible(text.deceased);
    m_died->setVisible(text.deceased);
    m_ageAtDeath->setVisible(text.deceased && !text.ageAtDeath.isEmpty());
    m_status->hide();
    m_status->clear();
    m_failureLabel->hide();
    m_failureLabel->clear();
    m_restricted->setVisible(text.restricted);
    m_superseded->setText(patient.supersededNumber.isEmpty()
                              ? QString()
                              : tr("NHS No. %1 has been replaced by NHS No. %2: this is the "
                                   "current record.")
                                    .arg(formattedNumber(patient.supersededNumber),
                                         formattedNumber(patient.nhsNumber)));
    m_superseded->setVisible(!patient.supersededNumber.isEmpty());
    m_clearButton->setEnabled(true);
    m_bar->setAccessibleDescription(text.line());
    BannerStyle::setState(m_bar, text.deceased ? BannerStyle::State::Deceased
                                               : BannerStyle::State::Patient);
}

// No patient: every patient field emptied, not merely hidden, so no grab or screen reader can
// find a previous patient's details.
void PatientBanner::showNoPatient()
{
    for (QLabel *label : {m_name, m_deceasedLabel, m_born, m_gender, m_nhsNumber, m_died,
                          m_ageAtDeath, m_superseded}) {
        label->hide();
        if (label != m_deceasedLabel)
            label->clear();
    }
    m_restricted->hide();
    m_bar->setAccessibleDescription(QString());
    const bool active = !m_locked && m_signedIn;
    BannerStyle::State state = BannerStyle::State::Empty;
    if (active && m_lookingUp) {
        m_status->setText(tr("Looking up…"));
        state = BannerStyle::State::LookingUp;
    } else {
        m_status->setText(tr("No patient selected"));
    }
    m_status->show();
    const bool failed = active && !m_lookingUp && !m_failure.isEmpty();
    m_failureLabel->setText(failed ? m_failure : QString());
    m_failureLabel->setVisible(failed);
    if (failed)
        state = BannerStyle::State::Failed;
    m_clearButton->setEnabled(failed || (active && m_lookingUp));
    BannerStyle::setState(m_bar, state);
}

void PatientBanner::updateNotices()
{
    const bool active = !m_locked && m_signedIn;
    m_searchErrorLabel->setText(active ? m_searchError : QString());
    m_searchErrorLabel->setVisible(active && !m_searchError.isEmpty());
    m_syncWarning->setText(active ? m_syncWarnings.join(u'\n') : QString());
    m_syncRow->setVisible(active && !m_syncWarnings.isEmpty());
    m_notices->setVisible(m_searchErrorLabel->isVisibleTo(m_notices)
                          || m_restricted->isVisibleTo(m_notices)
                          || m_superseded->isVisibleTo(m_notices)
                          || m_syncRow->isVisibleTo(m_notices));
}

void PatientBanner::setSessionLocked(bool locked)
{
    if (m_locked == locked)
        return;
    m_locked = locked;
    updateVisibility();
}

void PatientBanner::setSignedIn(bool signedIn)
{
    if (m_signedIn == signedIn)
        return;
    m_signedIn = signedIn;
    if (!signedIn) {
        m_syncWarnings.clear();
        m_failure.clear();
        m_lookingUp = false;
    }
    updateVisibility();
}

void PatientBanner::updateVisibility()
{
    const bool active = !m_locked && m_signedIn;
    if (!active) {
        // Nothing typed or found stays behind the lock: the search and its results go too.
        m_search->forget();
        m_search->close();
        m_nhsField->clear();
        m_searchError.clear();
        render(std::nullopt);
        hide();
        return;
    }
    render(m_context.patient());
    show();
}

void PatientBanner::setVisible(bool visible)
{
    if (visible && (m_locked || !m_signedIn))
        return;
    if (visible && !isVisible())
        m_dock->prepareToShow();
    QWidget::setVisible(visible);
}

bool PatientBanner::event(QEvent *event)
{
    const bool handled = QWidget::event(event);
    // The contents changed height (a notice came or went): take the band they need.
    if (event->type() == QEvent::LayoutRequest && isVisible())
        m_dock->dock();
    return handled;
}

} // namespace Lanyard::Shell
