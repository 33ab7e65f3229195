#include "lock/coverwindow.h"

#include <QScreen>
#include <QVBoxLayout>

namespace Lanyard::Shell {

CoverWindow::CoverWindow(QScreen *screen)
    : QWidget(nullptr, Qt::Window | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint
                           | Qt::X11BypassWindowManagerHint),
      m_screen(screen)
{
    setObjectName(QStringLiteral("cover"));
    setAttribute(Qt::WA_StyledBackground);
    setWindowTitle(tr("Lanyard — locked"));
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addStretch(2);
    connect(screen, &QScreen::geometryChanged, this, [this] {
        if (isVisible())
            cover();
    });
}

void CoverWindow::setContent(QWidget *content)
{
    content->setParent(this);
    static_cast<QVBoxLayout *>(layout())->insertWidget(1, content, 0, Qt::AlignHCenter);
    content->show();
}

void CoverWindow::cover()
{
    if (!m_screen)
        return;
    setScreen(m_screen);
    setGeometry(m_screen->geometry());
    show();
    raise();
}

} // namespace Lanyard::Shell
