#include "launcher/launcherwindow.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollArea>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

namespace Lanyard::Shell {

namespace {
constexpr int Columns = 3;
}

LauncherWindow::LauncherWindow(QMenu *userMenu, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("launcher"));
    setWindowTitle(tr("Lanyard — your applications"));
    auto *layout = new QVBoxLayout(this);

    auto *header = new QHBoxLayout;
    auto *who = new QVBoxLayout;
    m_clinician = new QLabel(this);
    m_clinician->setObjectName(QStringLiteral("clinicianName"));
    m_clinician->setTextFormat(Qt::PlainText);
    m_role = new QLabel(this);
    m_role->setObjectName(QStringLiteral("clinicianRole"));
    m_role->setTextFormat(Qt::PlainText);
    m_role->setWordWrap(true);
    who->addWidget(m_clinician);
    who->addWidget(m_role);
    header->addLayout(who, 1);
    m_userButton = new QToolButton(this);
    m_userButton->setObjectName(QStringLiteral("userMenuButton"));
    m_userButton->setText(tr("&Menu"));
    m_userButton->setAccessibleName(tr("User menu: lock, switch role, sign out"));
    m_userButton->setPopupMode(QToolButton::InstantPopup);
    m_userButton->setMenu(userMenu);
    header->addWidget(m_userButton, 0, Qt::AlignTop);
    layout->addLayout(header);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("launcherNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->hide();
    layout->addWidget(m_notice);

    auto *findLabel = new QLabel(tr("&Find an application:"), this);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Type part of its name"));
    m_filter->setAccessibleName(tr("Find an application"));
    m_filter->setClearButtonEnabled(true);
    findLabel->setBuddy(m_filter);
    layout->addWidget(findLabel);
    layout->addWidget(m_filter);
    connect(m_filter, &QLineEdit::textChanged, this, &LauncherWindow::applyFilter);
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        const QList<AppTile *> shown = shownTiles();
        if (shown.size() == 1 && shown.first()->canLaunch()) {
            const QString id = shown.first()->id();
            m_filter->clear(); // every tile again for the next one
            emit launchRequested(id);
        }
    });

    auto *area = new QScrollArea(this);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    auto *tiles = new QWidget(area);
    tiles->setObjectName(QStringLiteral("tiles"));
    m_grid = new QGridLayout(tiles);
    m_grid->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    area->setWidget(tiles);
    layout->addWidget(area, 1);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("noApplications"));
    m_empty->setWordWrap(true);
    m_empty->hide();
    layout->addWidget(m_empty);

    for (int n = 1; n <= 9; ++n) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + n)), this);
        connect(shortcut, &QShortcut::activated, this, [this, n] {
            const QList<AppTile *> shown = shownTiles();
            if (n <= shown.size() && shown.at(n - 1)->canLaunch())
                emit launchRequested(shown.at(n - 1)->id());
        });
    }
}

void LauncherWindow::place(const QRect &area)
{
    const QSize size(qMin(area.width() * 4 / 5, fontMetrics().averageCharWidth() * 110),
                     qMin(area.height() * 4 / 5, fontMetrics().height() * 36));
    setGeometry(QRect(QPoint(area.center().x() - size.width() / 2,
                             area.center().y() - size.height() / 2), size));
}

void LauncherWindow::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

void LauncherWindow::setClinician(const QString &name, const QString &role)
{
    m_clinician->setText(name);
    m_role->setText(role);
}

void LauncherWindow::setApplications(const QList<Application> &applications)
{
    // Tiles are kept by id (focus and shortcuts stay put); each starts again as not started.
    QList<AppTile *> tiles;
    for (const Application &application : applications) {
        AppTile *tile = this->tile(application.id);
        if (tile) {
            m_tiles.removeOne(tile);
        } else {
            tile = new AppTile(application.id, application.name, m_grid->parentWidget());
            connect(tile, &QToolButton::clicked, this, [this, id = application.id] {
                emit launchRequested(id);
            });
        }
        if (application.refusal.isEmpty())
            tile->setState(AppTile::State::NotStarted);
        else
            tile->setState(AppTile::State::Refused, application.refusal);
        tiles << tile;
    }
    qDeleteAll(m_tiles); // applications no longer offered
    m_tiles = tiles;
    applyFilter();
}

AppTile *LauncherWindow::tile(const QString &id) const
{
    for (AppTile *tile : m_tiles)
        if (tile->id() == id)
            return tile;
    return nullptr;
}

QList<AppTile *> LauncherWindow::shownTiles() const
{
    QList<AppTile *> shown;
    const QString filter = m_filter->text().trimmed();
    for (AppTile *tile : m_tiles)
        if (filter.isEmpty() || tile->name().contains(filter, Qt::CaseInsensitive))
            shown << tile;
    return shown;
}

void LauncherWindow::applyFilter()
{
    for (AppTile *tile : std::as_const(m_tiles)) {
        m_grid->removeWidget(tile);
        tile->hide();
    }
    const QList<AppTile *> shown = shownTiles();
    for (int i = 0; i < shown.size(); ++i) {
        AppTile *tile = shown.at(i);
        m_grid->addWidget(tile, i / Columns, i % Columns);
        tile->show();
    }
    m_empty->setText(m_tiles.isEmpty()
                         ? tr("No applications are set up on this workstation — call the IT "
                              "service desk.")
                         : tr("No application matches \"%1\".").arg(m_filter->text()));
    m_empty->setVisible(shown.isEmpty());
}

void LauncherWindow::keyPressEvent(QKeyEvent *event)
{
    // Type-to-filter: printable keys typed anywhere in the window go to the filter.
    const QString text = event->text();
    if (!text.isEmpty() && text.at(0).isPrint() && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->insert(text);
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Lanyard::Shell
