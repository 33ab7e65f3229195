#include "idlenotice.h"

#include <lanyard/sso/clock.h>

#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

namespace Lanyard::Shell {

IdleNotice::IdleNotice(const Sso::Clock &clock, QWidget *parent)
    : QWidget(parent, Qt::Tool | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint),
      m_clock(clock)
{
    setObjectName(QStringLiteral("idleNotice"));
    setAttribute(Qt::WA_StyledBackground);
    setAccessibleName(tr("Idle warning"));
    auto *layout = new QVBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("idleText"));
    m_text->setWordWrap(true);
    layout->addWidget(m_text);
    auto *stay = new QPushButton(tr("&Stay signed in"), this);
    stay->setObjectName(QStringLiteral("staySignedIn"));
    stay->setDefault(true);
    layout->addWidget(stay);
    connect(stay, &QPushButton::clicked, this, &IdleNotice::staySignedIn);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &IdleNotice::tick);
}

void IdleNotice::start(const QDateTime &lockAt)
{
    m_lockAt = lockAt;
    tick();
    adjustSize();
    if (QScreen *screen = QGuiApplication::primaryScreen()) {
        const QRect area = screen->availableGeometry();
        move(area.right() - width() - 24, area.bottom() - height() - 24);
    }
    show();
    raise();
    m_timer.start(); // only while the notice shows: no wake-ups otherwise
}

void IdleNotice::stop()
{
    m_timer.stop();
    hide();
}

QString IdleNotice::text() const
{
    return m_text->text();
}

void IdleNotice::tick()
{
    const qint64 seconds = qMax<qint64>(0, (m_clock.now().msecsTo(m_lockAt) + 999) / 1000);
    m_text->setText(tr("You have not used this workstation for a while. Lanyard will lock it in "
                       "%n second(s).", nullptr, int(seconds)));
}

void IdleNotice::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        emit staySignedIn();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Lanyard::Shell
