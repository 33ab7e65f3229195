// The floor of bench/shell: the least a Qt Widgets program does to cover the screen as Lanyard's
// lock screen does. One QApplication, one frameless top-level QWidget over the whole primary
// screen (the cover's window flags and geometry) holding one QLabel, shown; it reports its first
// paint exactly as lanyard does (LANYARD_REPORT_FIRST_PAINT=FILE, app/firstpaintreport.h) and
// exits then, or with --stay keeps idling (the idle floor) until it is killed.
#include "firstpaintreport.h"

#include <QApplication>
#include <QLabel>
#include <QScreen>
#include <QVBoxLayout>
#include <QWidget>

#include <cstring>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    bool stay = false;
    for (int i = 1; i < argc; ++i)
        stay = stay || std::strcmp(argv[i], "--stay") == 0;

    QWidget cover(nullptr, Qt::Window | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint
                               | Qt::X11BypassWindowManagerHint);
    auto *layout = new QVBoxLayout(&cover);
    layout->addWidget(new QLabel(QStringLiteral("Insert your smartcard"), &cover), 0, Qt::AlignCenter);
    cover.setGeometry(QGuiApplication::primaryScreen()->geometry());
    Lanyard::Shell::FirstPaintReport::install(&cover, [stay] {
        if (!stay)
            QCoreApplication::quit();
    });
    cover.show();
    return app.exec();
}
