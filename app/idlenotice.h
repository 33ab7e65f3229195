// The idle countdown: a small notice above every window, "Lanyard will lock in 25 seconds", with
// a button (and Esc) to stay signed in. Counts down by the session's own lock time.
#pragma once

#include <QDateTime>
#include <QTimer>
#include <QWidget>

class QLabel;

namespace Lanyard::Sso {
class Clock;
}

namespace Lanyard::Shell {

class IdleNotice : public QWidget
{
    Q_OBJECT
public:
    explicit IdleNotice(const Sso::Clock &clock, QWidget *parent = nullptr);

    void start(const QDateTime &lockAt);
    void stop();
    QString text() const;

signals:
    void staySignedIn();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void tick();

    const Sso::Clock &m_clock;
    QDateTime m_lockAt;
    QTimer m_timer;
    QLabel *m_text;
};

} // namespace Lanyard::Shell
