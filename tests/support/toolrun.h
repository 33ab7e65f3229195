// Runs one of Lanyard's command-line tools as a process, the way an IT desk's script would, and
// keeps what it said.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace Lanyard::Tests {

struct ToolRun
{
    int exitCode = -1;   // -1: it crashed or did not finish within 30 s
    QByteArray output;   // stdout
    QByteArray errors;   // stderr
    QList<QByteArray> lines() const;      // stdout's non-empty lines
    QList<QJsonObject> jsonLines() const; // each line of --json output
    QJsonObject json() const;             // the first of them

    static ToolRun run(const QString &program, const QStringList &arguments,
                       const QByteArray &input = {});
};

} // namespace Lanyard::Tests
