// How configuration values are written, the same for every module: durations as seconds or with
// a unit ("30", "30s", "10min", "1h"), and one wording for a bad value, naming the key and what
// to write instead.
#pragma once

#include <lanyard/result.h>

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <chrono>
#include <optional>

namespace Lanyard {

inline std::optional<std::chrono::seconds> parseDuration(const QString &text)
{
    static const QList<QPair<QString, int>> units{{QStringLiteral("min"), 60},
                                                  {QStringLiteral("h"), 3600},
                                                  {QStringLiteral("s"), 1}};
    QString number = text.trimmed();
    int scale = 1;
    for (const auto &[suffix, factor] : units) {
        if (number.endsWith(suffix)) {
            number.chop(suffix.size());
            scale = factor;
            break;
        }
    }
    bool ok = false;
    const qint64 value = number.trimmed().toLongLong(&ok);
    // The readers keep durations as milliseconds: anything longer than those hold (some 292
    // million years) would overflow, here or there, so it is refused like any other bad value.
    constexpr qint64 longest = std::chrono::milliseconds::max().count() / 1000;
    if (!ok || value < 0 || value > longest / scale)
        return std::nullopt;
    return std::chrono::seconds(value * scale);
}

// true/yes/1 or false/no/0, in any case; nothing for anything else.
inline std::optional<bool> parseFlag(const QString &text)
{
    const QString lowered = text.trimmed().toLower();
    if (lowered == QLatin1String("true") || lowered == QLatin1String("yes") || lowered == QLatin1String("1"))
        return true;
    if (lowered == QLatin1String("false") || lowered == QLatin1String("no") || lowered == QLatin1String("0"))
        return false;
    return std::nullopt;
}

// A list setting written either as an ini list (a, b) or as one string: its items, trimmed,
// without empty ones.
inline QStringList parseList(const QVariant &value)
{
    QStringList list = value.typeId() == QMetaType::QStringList
        ? value.toStringList()
        : value.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &item : list)
        item = item.trimmed();
    list.removeAll(QString());
    return list;
}

template<typename Enum>
Error badSetting(Enum code, const QString &key, const QString &value, const QString &expected)
{
    return Error::make(code, QStringLiteral("Configuration key %1 has the value \"%2\"; write %3.")
                                 .arg(key, value, expected));
}

} // namespace Lanyard
