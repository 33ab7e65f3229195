// What Lanyard's command-line tools (lanyard-card, lanyard-audit) print: a line of text for a
// person, or with --json one JSON object per line for scripts. Errors go to stderr, prefixed
// with the tool's name, in text mode, and as {"error": …} objects on stdout in JSON mode.
#pragma once

#include <QJsonObject>
#include <QString>

namespace Lanyard {

class ToolOutput
{
public:
    ToolOutput(QString program, bool json) : m_program(std::move(program)), m_json(json) {}
    bool json() const { return m_json; }

    // One record: `text` for people, `object` for --json.
    void record(const QString &text, const QJsonObject &object) const;
    // A line that already is one JSON object, passed through as it is.
    void raw(const QByteArray &line) const;
    void error(const QString &message, const QJsonObject &details = {}) const;

private:
    QString m_program;
    bool m_json;
};

} // namespace Lanyard
