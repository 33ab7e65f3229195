// The banner's "Search" panel: finds a patient in PDS by name, date of birth, gender and
// postcode, lists the matches (searchresults.h) and emits chosen() for the one picked. It pops up
// under the banner's Search button and closes when a patient is chosen, on Escape, or on a
// click elsewhere.
#pragma once

#include <lanyard/context/pdsclient.h>

#include <QFrame>
#include <QPointer>

#include <functional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;

namespace Lanyard::Shell {

class SearchResults;

class BannerSearch : public QFrame
{
    Q_OBJECT
public:
    BannerSearch(Context::PdsClient &pds, QWidget *parent = nullptr);
    ~BannerSearch() override;

    void setClock(std::function<QDateTime()> now);
    void popUpBelow(QWidget *anchor);
    void search();  // the Search button: validates, then asks PDS
    void forget();  // cancels any search, empties every field and result (lock, sign-out)

    // The date of birth as typed: DD/MM/YYYY (or with dashes or dots), DD-Mmm-YYYY, YYYY-MM-DD.
    // An invalid QDate when it is blank or none of these.
    static QDate parseBirthDate(const QString &typed);

signals:
    void chosen(const Lanyard::Context::Patient &patient);

private:
    void cancelPending();
    void place();

    Context::PdsClient &m_pds;
    std::function<QDateTime()> m_now;
    quint64 m_pending = 0;
    QLineEdit *m_family;
    QLineEdit *m_given;
    QLineEdit *m_birthDate;
    QComboBox *m_gender;
    QLineEdit *m_postcode;
    QCheckBox *m_fuzzy;
    QPushButton *m_search;
    SearchResults *m_results;
    QPointer<QWidget> m_anchor;
};

} // namespace Lanyard::Shell
