#include "searchresults.h"

#include <lanyard/context/banner.h>

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollBar>
#include <QStyle>
#include <QVBoxLayout>

namespace Lanyard::Shell {

SearchResults::SearchResults(QWidget *parent)
    : QWidget(parent), m_status(new QLabel(this)), m_list(new QListWidget(this)),
      m_open(new QPushButton(tr("Open patient"), this))
{
    m_status->setObjectName(QStringLiteral("searchResultsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText); // PDS's messages and what was typed
    m_status->setAccessibleName(tr("Search result"));
    m_status->hide();
    m_list->setObjectName(QStringLiteral("searchResultsList"));
    m_list->setAccessibleName(tr("Patients found"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->hide();
    m_open->setObjectName(QStringLiteral("searchOpenButton"));
    m_open->setAccessibleName(tr("Open the selected patient"));
    m_open->setEnabled(false);
    m_open->hide();
    setFocusProxy(m_list);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_open, 0, Qt::AlignRight);

    connect(m_list, &QListWidget::itemActivated, this, [this] { chooseCurrent(); });
    connect(m_list, &QListWidget::currentRowChanged, this,
            [this](int row) { m_open->setEnabled(row >= 0); });
    connect(m_open, &QPushButton::clicked, this, [this] { chooseCurrent(); });
}

void SearchResults::showSearching()
{
    clear();
    setStatus(tr("Searching PDS…"), false);
}

void SearchResults::showMatches(const QList<Context::SearchMatch> &matches, const QDateTime &now)
{
    clear();
    if (matches.isEmpty()) {
        setStatus(tr("No patients match this search. Check the details, or tick \"Similar "
                     "names\" and search again."),
                  false);
        return;
    }
    setStatus(matches.size() == 1
                  ? tr("1 patient found. Choose it to open it.")
                  : tr("%1 patients found. Choose one to open.").arg(matches.size()),
              false);
    for (const Context::SearchMatch &match : matches) {
        m_patients.append(match.patient);
        auto *item = new QListWidgetItem(Context::bannerText(match.patient, now).line(), m_list);
        item->setData(Qt::AccessibleTextRole, item->text());
    }
    m_list->show();
    m_open->show();
    m_list->setCurrentRow(0);
}

void SearchResults::showError(const QString &message)
{
    clear();
    setStatus(message, true);
}

void SearchResults::clear()
{
    m_list->clear();
    m_patients.clear();
    m_list->hide();
    m_open->hide();
    m_open->setEnabled(false);
    m_status->clear();
    m_status->hide();
}

int SearchResults::count() const
{
    return int(m_patients.size());
}

int SearchResults::preferredWidth() const
{
    if (m_patients.isEmpty())
        return 0;
    m_list->ensurePolished();
    return m_list->sizeHintForColumn(0) + 2 * m_list->frameWidth()
           + m_list->verticalScrollBar()->sizeHint().width() + m_list->fontMetrics().averageCharWidth() * 2;
}

void SearchResults::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setProperty("error", error);
    m_status->style()->unpolish(m_status);
    m_status->style()->polish(m_status);
    m_status->show();
}

void SearchResults::chooseCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_patients.size())
        return;
    emit chosen(m_patients.at(row));
}

} // namespace Lanyard::Shell
