#include "passcodeprompt.h"

#include <lanyard/smartcard/passcode.h>

#include <QByteArray>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace Lanyard::CardTool {

namespace {

QString readLine(FILE *stream)
{
    QByteArray buffer(64, '\0');
    QString line;
    if (std::fgets(buffer.data(), int(buffer.size()), stream)) {
        line = QString::fromLatin1(buffer.constData()).trimmed();
    }
    Smartcard::Passcode::wipe(buffer);
    return line;
}

} // namespace

QString readPasscode(bool fromStdin, const QString &prompt)
{
    if (fromStdin)
        return readLine(stdin);
    FILE *tty = std::fopen("/dev/tty", "r+");
    if (!tty)
        return readLine(stdin);
    std::fputs(prompt.toLocal8Bit().constData(), tty);
    std::fflush(tty);
    termios saved {};
    const bool canHide = tcgetattr(fileno(tty), &saved) == 0;
    if (canHide) {
        termios hidden = saved;
        hidden.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(fileno(tty), TCSAFLUSH, &hidden);
    }
    QString line = readLine(tty);
    if (canHide)
        tcsetattr(fileno(tty), TCSAFLUSH, &saved);
    std::fputc('\n', tty);
    std::fclose(tty);
    return line;
}

} // namespace Lanyard::CardTool
