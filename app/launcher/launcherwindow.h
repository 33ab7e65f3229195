// The signed-in clinician's window: who they are and in which role, their user menu, and the
// workstation's applications as tiles. Typing anywhere filters the tiles; Alt+1..9 opens the
// first nine shown; arrows and Enter work through them.
#pragma once

#include "launcher/apptile.h"

#include <QWidget>

class QGridLayout;
class QLabel;
class QLineEdit;
class QMenu;
class QToolButton;

namespace Lanyard::Shell {

class LauncherWindow : public QWidget
{
    Q_OBJECT
public:
    explicit LauncherWindow(QMenu *userMenu, QWidget *parent = nullptr);

    void setClinician(const QString &name, const QString &role);
    void showNotice(const QString &text); // a line under the header; empty hides it
    // Tiles for these applications, in this order; (id, name, refusal reason or empty).
    struct Application { QString id; QString name; QString refusal; };
    void setApplications(const QList<Application> &applications);
    AppTile *tile(const QString &id) const;
    QList<AppTile *> shownTiles() const;
    QLineEdit *filterField() const { return m_filter; }
    // Shown in the middle of `area` (the screen less the banner), at a comfortable size.
    void place(const QRect &area);

signals:
    void launchRequested(const QString &id);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void applyFilter();

    QLabel *m_clinician;
    QLabel *m_role;
    QLabel *m_notice;
    QToolButton *m_userButton;
    QLineEdit *m_filter;
    QLabel *m_empty;
    QGridLayout *m_grid;
    QList<AppTile *> m_tiles;
};

} // namespace Lanyard::Shell
