#include "launcher/apptile.h"

#include <QStyle>

namespace Lanyard::Shell {

AppTile::AppTile(const QString &id, const QString &name, QWidget *parent)
    : QToolButton(parent), m_id(id), m_name(name)
{
    setObjectName(QStringLiteral("tile-") + id);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setMinimumWidth(fontMetrics().averageCharWidth() * 28);
    setFocusPolicy(Qt::StrongFocus);
    setState(State::NotStarted);
}

QString AppTile::stateText() const
{
    switch (m_state) {
    case State::NotStarted: return tr("Not started");
    case State::Starting: return tr("Starting…");
    case State::Running: return tr("Running");
    case State::SignedIn: return tr("Signed in");
    case State::NeedsEnrolment: return tr("Needs your username and password once");
    case State::Refused: return tr("Not available");
    case State::Failed: return tr("Did not start");
    }
    return {};
}

void AppTile::setState(State state, const QString &detail)
{
    m_state = state;
    m_detail = detail;
    setText(m_name + QLatin1Char('\n') + stateText());
    setToolTip(detail.isEmpty() ? stateText() : detail);
    setAccessibleName(tr("%1, %2").arg(m_name, stateText()));
    setAccessibleDescription(detail);
    setEnabled(state != State::Refused);
    setProperty("tileState", QVariant::fromValue(state).toString());
    style()->unpolish(this); // the style sheet colours tiles by state
    style()->polish(this);
}

} // namespace Lanyard::Shell
