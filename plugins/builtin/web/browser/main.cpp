// lanyard-browser: the web plugin's embedded browser (Qt WebEngine), a program of its own so the
// plugin runner stays a QCoreApplication. Commands arrive on standard input, one JSON object a
// line (browserwindow.h); events leave on standard output the same way. Secrets (the IdP's
// session cookies) come only on standard input and are never written anywhere.
//
//   lanyard-browser --ca-bundle FILE [--disable-gpu]
//
// As root (a container, a CI box) Chromium's sandbox cannot start: the sandbox is turned off
// then, and only then (QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox).
#include "browserwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QSocketNotifier>

#include <cstdio>
#include <unistd.h>

using Lanyard::Browser::BrowserWindow;

namespace {

void addChromiumFlag(const QByteArray &flag)
{
    QByteArray flags = qgetenv("QTWEBENGINE_CHROMIUM_FLAGS");
    if (!flags.split(' ').contains(flag))
        qputenv("QTWEBENGINE_CHROMIUM_FLAGS", (flags + ' ' + flag).trimmed());
}

void writeEvent(const QJsonObject &event)
{
    const QByteArray line = QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    bool disableGpu = false;
    for (int i = 1; i < argc; ++i)
        disableGpu = disableGpu || qstrcmp(argv[i], "--disable-gpu") == 0;
    if (::geteuid() == 0)
        addChromiumFlag("--no-sandbox");
    if (disableGpu)
        addChromiumFlag("--disable-gpu");
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("lanyard-browser"));
    QApplication::setQuitOnLastWindowClosed(false); // hidden at lock, not gone

    QCommandLineParser parser;
    parser.addOption({QStringLiteral("ca-bundle"), QStringLiteral("CA bundle TLS is verified against"),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("disable-gpu"), QStringLiteral("no GPU (Xvfb)")});
    parser.addHelpOption();
    parser.process(app);

    BrowserWindow window(parser.value(QStringLiteral("ca-bundle")));
    QObject::connect(&window, &BrowserWindow::event, &window, writeEvent);
    QObject::connect(&window, &BrowserWindow::finished, &app, &QCoreApplication::quit);

    QByteArray buffer;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &window, [&] {
        char chunk[4096];
        const ssize_t got = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (got <= 0) {
            // The plugin is gone: end as at session end, nothing left behind.
            input.setEnabled(false);
            window.handle({{QStringLiteral("cmd"), QStringLiteral("end")}});
            return;
        }
        buffer.append(chunk, got);
        qsizetype newline;
        while ((newline = buffer.indexOf('\n')) >= 0) {
            QByteArray line = buffer.left(newline);
            buffer.remove(0, newline + 1);
            window.handle(QJsonDocument::fromJson(line).object());
            line.fill('\0');
        }
    });
    writeEvent({{QStringLiteral("event"), QStringLiteral("ready")}});
    const int status = app.exec();
    buffer.fill('\0');
    return status;
}
