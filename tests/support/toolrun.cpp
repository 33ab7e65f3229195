#include "toolrun.h"

#include <QJsonDocument>
#include <QProcess>

namespace Lanyard::Tests {

QList<QByteArray> ToolRun::lines() const
{
    QList<QByteArray> result = output.split('\n');
    result.removeAll(QByteArray());
    return result;
}

QList<QJsonObject> ToolRun::jsonLines() const
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : lines())
        objects << QJsonDocument::fromJson(line).object();
    return objects;
}

QJsonObject ToolRun::json() const
{
    const QList<QJsonObject> objects = jsonLines();
    return objects.isEmpty() ? QJsonObject() : objects.first();
}

ToolRun ToolRun::run(const QString &program, const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    process.start(program, arguments);
    process.write(input);
    process.closeWriteChannel();
    ToolRun result;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = process.readAllStandardOutput();
    result.errors = process.readAllStandardError();
    return result;
}

} // namespace Lanyard::Tests
