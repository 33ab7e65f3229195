#include "configcheck.h"

#include "configkeys.h"
#include "shellconfig.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>

namespace Lanyard::Shell {

namespace {

// The known keys of the same group, to say what could have been meant.
QString sameGroup(const QString &key)
{
    const QString group = key.section(QLatin1Char('/'), 0, 0) + QLatin1Char('/');
    QStringList near;
    for (const QString &known : knownConfigKeys())
        if (known.startsWith(group))
            near << known;
    return near.isEmpty() ? QStringLiteral("see docs/shell.md for every key") : near.join(QStringLiteral(", "));
}

// Each key=value line's full key (section/key) and line number to onKey; a line that is not a
// setting is a problem.
template<typename OnKey>
void scanLines(const QByteArray &text, QList<ConfigProblem> &problems, OnKey onKey)
{
    QString section;
    int number = 0;
    static const QRegularExpression sectionLine(QStringLiteral(R"(^\[([^\]]+)\]$)"));
    for (const QByteArray &raw : text.split('\n')) {
        ++number;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char(';')) || line.startsWith(QLatin1Char('#')))
            continue;
        if (const auto match = sectionLine.match(line); match.hasMatch()) {
            section = match.captured(1).trimmed();
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            problems.append({number, QStringLiteral("\"%1\" is not a setting; write key=value under a "
                                                    "[section], e.g. issuer=https://… under [idp].")
                                         .arg(line)});
            continue;
        }
        QString key = line.left(equals).trimmed().replace(QLatin1Char('\\'), QLatin1Char('/'));
        if (!section.isEmpty() && section != QLatin1String("General"))
            key = section + QLatin1Char('/') + key;
        onKey(key, number);
    }
}

} // namespace

QList<ConfigProblem> checkConfigFile(const QString &path)
{
    QList<ConfigProblem> problems;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        problems.append({0, QStringLiteral("%1 cannot be read: %2").arg(path, file.errorString())});
        return problems;
    }
    // Lines first: which key is where, and what is not a setting at all.
    QHash<QString, int> lineOf;
    scanLines(file.readAll(), problems, [&](const QString &key, int number) {
        lineOf.insert(key, number);
        if (!isKnownConfigKey(key))
            problems.append({number, QStringLiteral("Lanyard has no configuration key %1; the keys of "
                                                    "that group are: %2.").arg(key, sameGroup(key))});
    });

    // Then the values, as the modules judge them: each is reported once and taken out, so the
    // next problem shows; what remains valid reads as Lanyard would read it.
    QTemporaryDir scratch;
    const QString copy = scratch.filePath(QStringLiteral("check.conf"));
    if (!scratch.isValid() || !QFile::copy(path, copy))
        return problems;
    QSettings settings(copy, QSettings::IniFormat);
    // Keys Lanyard cannot start without get a harmless stand-in once reported, so the check goes on.
    const QHash<QString, QString> standIns{
        {QStringLiteral("idp/issuer"), QStringLiteral("https://stand-in.invalid")},
        {QStringLiteral("pds/base"), QStringLiteral("https://stand-in.invalid")},
        {QStringLiteral("idp/ca_bundle"), copy},
        {QStringLiteral("pds/ca_bundle"), copy},
        {QStringLiteral("allergies/ca_bundle"), copy},
        {QStringLiteral("card/pkcs11_module"), copy}};
    static const QRegularExpression namedKey(QStringLiteral(R"(Configuration key (\S+) )"));
    QStringList reported;
    for (int round = 0; round < 200; ++round) {
        const auto config = ShellConfig::fromSettings(settings);
        if (config)
            break;
        const QString key = namedKey.match(config.error().message).captured(1);
        if (!reported.contains(key)) {
            reported << key;
            QString message = config.error().message;
            if (!key.isEmpty() && !lineOf.contains(key)) // not in the file at all
                message.replace(QStringLiteral(" has the value \"\""), QStringLiteral(" is not set"));
            problems.append({lineOf.value(key, 0), message});
        }
        if (standIns.contains(key) && settings.value(key).toString() != standIns.value(key))
            settings.setValue(key, standIns.value(key));
        else if (!key.isEmpty() && settings.contains(key))
            settings.remove(key);
        else
            break; // a problem of no one key, or one no stand-in can get past: nothing more to learn
    }
    std::sort(problems.begin(), problems.end(),
              [](const ConfigProblem &a, const ConfigProblem &b) { return a.line < b.line; });
    return problems;
}

QList<ConfigProblem> checkUserConfigFile(const QString &path, const QString &systemFile,
                                         const QStringList &userKeys)
{
    QList<ConfigProblem> problems;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        problems.append({0, QStringLiteral("%1 cannot be read: %2").arg(path, file.errorString())});
        return problems;
    }
    const QString allowed = userKeys.isEmpty() ? QStringLiteral("none: every key is locked")
                                               : userKeys.join(QStringLiteral(", "));
    scanLines(file.readAll(), problems, [&](const QString &key, int number) {
        if (userKeys.contains(key))
            return;
        problems.append({number, QStringLiteral("%1 is locked by the workstation's configuration (%2), "
                                                "so this line is ignored; a user's file may set %3. "
                                                "Remove the line, or ask the IT service desk.")
                                     .arg(key, systemFile, allowed)});
    });
    return problems;
}

} // namespace Lanyard::Shell
