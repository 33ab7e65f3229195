// One application's tile in the launcher: its name and where it stands (not started, starting,
// running, signed in, refused or failed with the reason, needs your password once).
#pragma once

#include <QToolButton>

namespace Lanyard::Shell {

class AppTile : public QToolButton
{
    Q_OBJECT
public:
    enum class State { NotStarted, Starting, Running, SignedIn, NeedsEnrolment, Refused, Failed };
    Q_ENUM(State)

    AppTile(const QString &id, const QString &name, QWidget *parent = nullptr);

    QString id() const { return m_id; }
    QString name() const { return m_name; }
    State state() const { return m_state; }
    QString detail() const { return m_detail; }
    void setState(State state, const QString &detail = {});
    bool canLaunch() const { return m_state != State::Refused && m_state != State::Starting; }

private:
    QString stateText() const;

    QString m_id;
    QString m_name;
    State m_state = State::NotStarted;
    QString m_detail;
};

} // namespace Lanyard::Shell
