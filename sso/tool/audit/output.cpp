#include "output.h"

#include <QJsonDocument>

#include <cstdio>

namespace Lanyard::AuditTool {

namespace {
void writeLine(FILE *stream, const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}
} // namespace

void Output::record(const QString &text, const QJsonObject &object) const
{
    if (m_json)
        writeLine(stdout, QJsonDocument(object).toJson(QJsonDocument::Compact));
    else
        writeLine(stdout, text.toUtf8());
}

void Output::raw(const QByteArray &line) const
{
    writeLine(stdout, line);
}

void Output::error(const QString &message, const QJsonObject &details) const
{
    if (m_json) {
        QJsonObject object = details;
        object.insert(QStringLiteral("error"), message);
        writeLine(stdout, QJsonDocument(object).toJson(QJsonDocument::Compact));
    } else {
        writeLine(stderr, QStringLiteral("lanyard-audit: %1").arg(message).toUtf8());
    }
}

} // namespace Lanyard::AuditTool
