// For bench/shell's lock part (docs/shell.md, "Benchmark hook"): with LANYARD_REPORT_LOCK_SHOWN=FILE
// in the environment, every time the watched window (the primary screen's cover) is shown and its
// first paint after being shown is done, the time is written to FILE as CLOCK_MONOTONIC
// nanoseconds and a newline (through FILE.tmp and a rename, as app/firstpaintreport.h does). A
// lock after a sign-in shows the cover again, so each lock gives a new stamp; the cover's first
// showing at start-up gives one too. Unset, it costs one getenv at start and nothing after.
//
// "Done" is as in FirstPaintReport: the first turn of the event loop after the first QPaintEvent
// that follows the QShowEvent. Qt paints a top-level widget only once the window system has
// exposed (mapped) its window, and flushes the backing store in the same pass, so by then the
// cover is mapped and its pixels have been sent to the X server.
#pragma once

#include "firstpaintreport.h"

namespace Lanyard::Shell {

class LockShownReport final : public QObject
{
public:
    static void install(QWidget *window)
    {
        const QByteArray file = qgetenv("LANYARD_REPORT_LOCK_SHOWN");
        if (file.isEmpty() || !window)
            return;
        auto *report = new LockShownReport(file, window);
        report->m_shown = window->isVisible();
        window->installEventFilter(report);
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        switch (event->type()) {
        case QEvent::Show:
            m_shown = true;
            break;
        case QEvent::Hide:
            m_shown = false;
            break;
        case QEvent::Paint:
            if (m_shown) {
                m_shown = false; // one stamp per showing
                QTimer::singleShot(0, this, [this] { writeMonotonicStamp(m_file); });
            }
            break;
        default:
            break;
        }
        return false;
    }

private:
    LockShownReport(QByteArray file, QObject *parent) : QObject(parent), m_file(std::move(file)) {}

    QByteArray m_file;
    bool m_shown = false;
};

} // namespace Lanyard::Shell
