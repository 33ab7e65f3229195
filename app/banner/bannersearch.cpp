#include "bannersearch.h"

#include "bannerstyle.h"
#include "searchresults.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

namespace Lanyard::Shell {

namespace {

// A field with its visible label as its accessible name, so a screen reader says the same.
template<typename Field>
Field *named(Field *field, const char *objectName, const QString &accessibleName)
{
    field->setObjectName(QString::fromLatin1(objectName));
    field->setAccessibleName(accessibleName);
    return field;
}

} // namespace

BannerSearch::BannerSearch(Context::PdsClient &pds, QWidget *parent)
    : QFrame(parent, Qt::Popup), m_pds(pds), m_now([] { return QDateTime::currentDateTimeUtc(); }),
      m_family(named(new QLineEdit(this), "searchFamily", tr("Family name"))),
      m_given(named(new QLineEdit(this), "searchGiven", tr("Given name"))),
      m_birthDate(named(new QLineEdit(this), "searchBirthDate", tr("Date of birth"))),
      m_gender(named(new QComboBox(this), "searchGender", tr("Gender"))),
      m_postcode(named(new QLineEdit(this), "searchPostcode", tr("Postcode"))),
      m_fuzzy(named(new QCheckBox(tr("Similar names"), this), "searchFuzzy",
                    tr("Include similar names"))),
      m_search(named(new QPushButton(tr("Search"), this), "searchButton", tr("Search PDS"))),
      m_results(new SearchResults(this))
{
    setObjectName(QStringLiteral("bannerSearchPanel"));
    setAccessibleName(tr("Find a patient"));
    setStyleSheet(BannerStyle::searchSheet());
    setFrameShape(QFrame::Box);

    m_birthDate->setPlaceholderText(tr("DD/MM/YYYY"));
    m_gender->addItem(tr("Any"), QString());
    m_gender->addItem(tr("Female"), QStringLiteral("female"));
    m_gender->addItem(tr("Male"), QStringLiteral("male"));
    m_gender->addItem(tr("Other"), QStringLiteral("other"));
    m_gender->addItem(tr("Not Known"), QStringLiteral("unknown"));
    m_search->setDefault(true);

    auto *title = new QLabel(tr("Find a patient in PDS"), this);
    title->setObjectName(QStringLiteral("searchTitle"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Family name"), m_family);
    form->addRow(tr("G&iven name"), m_given);
    form->addRow(tr("&Date of birth"), m_birthDate);
    form->addRow(tr("G&ender"), m_gender);
    form->addRow(tr("&Postcode"), m_postcode);
    form->addRow(QString(), m_fuzzy);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(form);
    layout->addWidget(m_search, 0, Qt::AlignRight);
    layout->addWidget(m_results, 1);

    for (QLineEdit *field : {m_family, m_given, m_birthDate, m_postcode})
        connect(field, &QLineEdit::returnPressed, this, &BannerSearch::search);
    connect(m_search, &QPushButton::clicked, this, &BannerSearch::search);
    // Queued: forget() empties the list whose activation signal is still being delivered.
    connect(m_results, &SearchResults::chosen, this, [this](const Context::Patient &patient) {
        QMetaObject::invokeMethod(this, [this, patient] {
            forget();
            close();
            emit chosen(patient);
        }, Qt::QueuedConnection);
    });
    setTabOrder(m_family, m_given);
    setTabOrder(m_given, m_birthDate);
    setTabOrder(m_birthDate, m_gender);
    setTabOrder(m_gender, m_postcode);
    setTabOrder(m_postcode, m_fuzzy);
    setTabOrder(m_fuzzy, m_search);
}

BannerSearch::~BannerSearch()
{
    cancelPending();
}

void BannerSearch::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
}

void BannerSearch::popUpBelow(QWidget *anchor)
{
    m_anchor = anchor;
    place();
    show();
    raise();
    m_family->setFocus(Qt::PopupFocusReason);
}

// Under the anchor, right edges aligned, wide enough for a banner line in the results, never
// wider than the screen.
void BannerSearch::place()
{
    if (!m_anchor)
        return;
    const QRect room = m_anchor->screen() ? m_anchor->screen()->availableGeometry() : QRect();
    const QMargins margins = layout()->contentsMargins();
    const int rows = m_results->preferredWidth() + margins.left() + margins.right();
    QSize size = sizeHint().expandedTo(QSize(qMax(fontMetrics().averageCharWidth() * 60, rows), 0));
    if (room.isValid())
        size = size.boundedTo(room.size());
    QPoint at = m_anchor->mapToGlobal(QPoint(m_anchor->width() - size.width(), m_anchor->height()));
    if (room.isValid()) {
        at.setX(qBound(room.left(), at.x(), room.right() + 1 - size.width()));
        at.setY(qBound(room.top(), at.y(), room.bottom() + 1 - size.height()));
    }
    setGeometry(QRect(at, size));
}

void BannerSearch::search()
{
    cancelPending();
    Context::PatientSearch query;
    query.family = m_family->text().trimmed();
    query.given = m_given->text().trimmed();
    query.gender = m_gender->currentData().toString();
    query.postcode = m_postcode->text().trimmed();
    query.fuzzy = m_fuzzy->isChecked();
    const QString typedDate = m_birthDate->text().trimmed();
    query.birthDate = parseBirthDate(typedDate);
    if (!typedDate.isEmpty() && !query.birthDate.isValid()) {
        m_results->showError(tr("\"%1\" is not a date of birth Lanyard can read: type it as "
                                "DD/MM/YYYY, for example 09/03/1984.")
                                 .arg(typedDate));
        m_birthDate->setFocus();
        return;
    }
    m_results->showSearching();
    place();
    m_pending = m_pds.search(query, this, [this](Result<QList<Context::SearchMatch>> found) {
        m_pending = 0;
        if (!found) {
            m_results->showError(found.error().message);
            return;
        }
        m_results->showMatches(*found, m_now());
        if (m_results->count() > 0)
            m_results->setFocus();
        place();
    });
}

void BannerSearch::forget()
{
    cancelPending();
    for (QLineEdit *field : {m_family, m_given, m_birthDate, m_postcode})
        field->clear();
    m_gender->setCurrentIndex(0);
    m_fuzzy->setChecked(false);
    m_results->clear();
}

QDate BannerSearch::parseBirthDate(const QString &typed)
{
    const QString text = typed.trimmed();
    if (text.isEmpty())
        return {};
    const QLocale c = QLocale::c(); // English month names whatever the workstation's locale
    for (const char *format : {"d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "d-MMM-yyyy", "d MMM yyyy",
                               "yyyy-MM-dd", "ddMMyyyy"}) {
        const QDate date = c.toDate(text, QString::fromLatin1(format));
        if (date.isValid())
            return date;
    }
    return {};
}

void BannerSearch::cancelPending()
{
    if (m_pending)
        m_pds.cancel(m_pending);
    m_pending = 0;
}

} // namespace Lanyard::Shell
