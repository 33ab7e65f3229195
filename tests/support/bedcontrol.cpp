#include "bedcontrol.h"

#include <QDebug>
#include <QDir>
#include <QProcess>

namespace Lanyard::Tests {

QString BedControl::value(const char *name)
{
    return qEnvironmentVariable(name);
}

bool BedControl::isUp()
{
    return !value("LANYARD_BED_DIR").isEmpty();
}

bool BedControl::run(const QStringList &arguments)
{
    const QString script = value("LANYARD_BED_SCRIPT");
    const QString dir = value("LANYARD_BED_DIR");
    if (script.isEmpty() || dir.isEmpty()) {
        qWarning("BedControl: not running under the bed (use ctest, or `bed exec DIR test`)");
        return false;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(script, QStringList{arguments.first(), dir} + arguments.mid(1));
    if (!process.waitForFinished(30000)) {
        process.kill();
        qWarning() << "BedControl: timed out:" << arguments;
        return false;
    }
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool BedControl::insertCard(const QString &clinicianId, int reader)
{
    return run({QStringLiteral("card"), QStringLiteral("insert"), clinicianId,
                QStringLiteral("--reader"), QString::number(reader)});
}

bool BedControl::removeCard(int reader)
{
    return run({QStringLiteral("card"), QStringLiteral("remove"), QStringLiteral("--reader"),
                QString::number(reader)});
}

bool BedControl::stopPcscd()
{
    return run({QStringLiteral("pcscd"), QStringLiteral("stop")});
}

bool BedControl::startPcscd()
{
    return run({QStringLiteral("pcscd"), QStringLiteral("start")});
}

bool BedControl::lockToken(const QString &clinicianId)
{
    return run({QStringLiteral("token"), QStringLiteral("lock"), clinicianId});
}

bool BedControl::unlockToken(const QString &clinicianId)
{
    return run({QStringLiteral("token"), QStringLiteral("unlock"), clinicianId});
}

namespace {

// Runs one of tests/bed/get-token.sh's functions; $1.. are `arguments`.
QByteArray tokenScript(const QString &script, const QStringList &arguments)
{
    QProcess shell;
    shell.start(QStringLiteral("bash"),
                QStringList{QStringLiteral("-c"),
                            QStringLiteral(". \"$LANYARD_SOURCE_DIR/tests/bed/get-token.sh\" && ")
                                + script,
                            QStringLiteral("get-token")}
                    + arguments);
    if (!shell.waitForFinished(60000) || shell.exitCode() != 0) {
        qWarning() << "BedControl: no token:" << shell.readAllStandardError();
        return {};
    }
    return shell.readAllStandardOutput().trimmed();
}

} // namespace

QByteArray BedControl::accessToken(const QString &clinician)
{
    return tokenScript(QStringLiteral("bed_get_token \"$LANYARD_BED_DIR\" \"$1\""), {clinician});
}

QByteArray BedControl::applicationToken(const QString &clinician, const QString &audience, bool jwt)
{
    return tokenScript(QStringLiteral("at=$(bed_get_token \"$LANYARD_BED_DIR\" \"$1\") && "
                                      "bed_exchange_token \"$LANYARD_BED_DIR\" \"$at\" \"$2\" \"$3\""),
                       {clinician, audience, jwt ? QStringLiteral("jwt") : QString()});
}

QByteArray BedControl::identitySessionCookies(const QString &clinician)
{
    return tokenScript(QStringLiteral("bed_idp_session \"$LANYARD_BED_DIR\" \"$1\""), {clinician});
}

QString BedControl::artefactPath(const QString &fileName)
{
    QString dir = value("LANYARD_TEST_ARTEFACTS");
    if (dir.isEmpty())
        dir = QDir::temp().filePath(QStringLiteral("lanyard-test-artefacts"));
    QDir().mkpath(dir);
    return QDir(dir).filePath(fileName);
}

} // namespace Lanyard::Tests
