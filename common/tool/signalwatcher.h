#pragma once

#include <QObject>

class QSocketNotifier;

namespace Lanyard {

// Turns SIGINT and SIGTERM into a Qt signal (the self-pipe trick), so a long-running command
// (`lanyard-card watch`, `lanyard-context hub`) ends its event loop cleanly and stops what it
// runs instead of dying mid-wait.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void interrupted();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Lanyard
