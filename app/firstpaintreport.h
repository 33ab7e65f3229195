// For bench/shell (docs/shell.md, "Benchmark hook"): with LANYARD_REPORT_FIRST_PAINT=FILE in the
// environment, the time at which a window's first paint is done is written to FILE, as
// CLOCK_MONOTONIC nanoseconds in decimal and a newline (written to FILE.tmp and renamed, so a
// reader never sees half of it). Unset, it costs one getenv at start and nothing after.
//
// "Done" is the first turn of the event loop after the window's first QPaintEvent: by then Qt has
// painted the window and its children and flushed the backing store to the window system (the
// same pass). Header-only so the benchmark's floor program measures itself the same way.
#pragma once

#include <QByteArray>
#include <QEvent>
#include <QObject>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <functional>

#include <time.h>

namespace Lanyard::Shell {

// CLOCK_MONOTONIC now, in nanoseconds and a newline, to `file` (through file.tmp and a rename).
inline void writeMonotonicStamp(const QByteArray &file)
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const QByteArray temporary = file + ".tmp";
    if (FILE *out = std::fopen(temporary.constData(), "w")) {
        std::fprintf(out, "%lld\n", static_cast<long long>(now.tv_sec) * 1'000'000'000LL + now.tv_nsec);
        if (std::fclose(out) == 0)
            std::rename(temporary.constData(), file.constData());
    }
}

class FirstPaintReport final : public QObject
{
public:
    // Watches `window` when the variable is set; `after` (if any) runs once the stamp is written.
    static void install(QWidget *window, std::function<void()> after = {})
    {
        const QByteArray file = qgetenv("LANYARD_REPORT_FIRST_PAINT");
        if (file.isEmpty() || !window)
            return;
        window->installEventFilter(new FirstPaintReport(file, std::move(after), window));
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            watched->removeEventFilter(this);
            QTimer::singleShot(0, this, [this] {
                write();
                if (m_after)
                    m_after();
                deleteLater();
            });
        }
        return false;
    }

private:
    FirstPaintReport(QByteArray file, std::function<void()> after, QObject *parent)
        : QObject(parent), m_file(std::move(file)), m_after(std::move(after))
    {
    }

    void write() const { writeMonotonicStamp(m_file); }

    QByteArray m_file;
    std::function<void()> m_after;
};

} // namespace Lanyard::Shell
