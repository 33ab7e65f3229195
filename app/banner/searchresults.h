// The answer to a demographic search: a status line (searching, how many, nothing found, or
// PDS's error in words) and one row per match, each the match's banner line, best match first.
// Choosing a row (Enter, double-click or "Open patient") emits chosen().
#pragma once

#include <lanyard/context/pdsclient.h>

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace Lanyard::Shell {

class SearchResults : public QWidget
{
    Q_OBJECT
public:
    explicit SearchResults(QWidget *parent = nullptr);

    void showSearching();
    void showMatches(const QList<Context::SearchMatch> &matches, const QDateTime &now);
    void showError(const QString &message);
    void clear(); // nothing of any patient left, in the list or in memory

    int count() const;
    int preferredWidth() const; // wide enough for the longest row, unclipped

signals:
    void chosen(const Lanyard::Context::Patient &patient);

private:
    void setStatus(const QString &text, bool error);
    void chooseCurrent();

    QLabel *m_status;
    QListWidget *m_list;
    QPushButton *m_open;
    QList<Context::Patient> m_patients; // row i is m_patients[i]
};

} // namespace Lanyard::Shell
