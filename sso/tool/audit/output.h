// What lanyard-audit prints: lines of text for a person, or with --json one JSON object per line
// for scripts. Errors go to stderr in text mode and as {"error": …} objects in JSON mode.
#pragma once

#include <QJsonObject>
#include <QString>

namespace Lanyard::AuditTool {

class Output
{
public:
    explicit Output(bool json)
        : m_json(json)
    { }
    bool json() const { return m_json; }

    // One record: `text` for people, `object` for --json.
    void record(const QString &text, const QJsonObject &object) const;
    // A line that already is one JSON object (show --json passes the log's lines through).
    void raw(const QByteArray &line) const;
    void error(const QString &message, const QJsonObject &details = {}) const;

private:
    bool m_json;
};

} // namespace Lanyard::AuditTool
