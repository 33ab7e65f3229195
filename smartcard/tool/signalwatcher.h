#pragma once

#include <QObject>

class QSocketNotifier;

namespace Lanyard::CardTool {

// Turns SIGINT and SIGTERM into a Qt signal (the self-pipe trick), so `watch` ends its event
// loop cleanly and stops the monitor thread instead of dying mid-wait.
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

} // namespace Lanyard::CardTool
