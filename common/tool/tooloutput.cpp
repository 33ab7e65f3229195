#include "tooloutput.h"

#include <QJsonDocument>

#include <cstdio>

namespace Lanyard {

namespace {
void writeLine(FILE *stream, const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}
} // namespace

void ToolOutput::record(const QString &text, const QJsonObject &object) const
{
    if (m_json)
        writeLine(stdout, QJsonDocument(object).toJson(QJsonDocument::Compact));
    else
        writeLine(stdout, text.toUtf8());
}

void ToolOutput::raw(const QByteArray &line) const
{
    writeLine(stdout, line);
}

void ToolOutput::error(const QString &message, const QJsonObject &details) const
{
    if (m_json) {
        QJsonObject object = details;
        object.insert(QStringLiteral("error"), message);
        writeLine(stdout, QJsonDocument(object).toJson(QJsonDocument::Compact));
    } else {
        writeLine(stderr, QStringLiteral("%1: %2").arg(m_program, message).toUtf8());
    }
}

} // namespace Lanyard
