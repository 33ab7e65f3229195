#include "keysequence.h"

#include "autotypeerror.h"

#include <X11/keysym.h>

#include <string.h>

namespace Lanyard::Plugin::Autotype {

namespace {

struct NamedKey
{
    const char *name;
    unsigned long keysym;
};

constexpr NamedKey NamedKeys[] = { { "tab", XK_Tab },
                                   { "enter", XK_Return },
                                   { "space", XK_space },
                                   { "escape", XK_Escape },
                                   { "backspace", XK_BackSpace } };

QString knownPlaceholders()
{
    QStringList names { QStringLiteral("username"), QStringLiteral("password") };
    for (const NamedKey &key : NamedKeys)
        names << QLatin1String(key.name);
    return QLatin1Char('{') + names.join(QStringLiteral("}, {")) + QLatin1Char('}');
}

void appendText(std::vector<unsigned long> &keysyms, const QString &text)
{
    QList<uint> characters = text.toUcs4();
    for (uint character : characters)
        keysyms.push_back(keysymForCharacter(char32_t(character)));
    characters.fill(0);
}

} // namespace

unsigned long keysymForCharacter(char32_t character)
{
    switch (character) {
    case U'\t':
        return XK_Tab;
    case U'\n':
    case U'\r':
        return XK_Return;
    case U'\b':
        return XK_BackSpace;
    case 0x1b:
        return XK_Escape;
    default:
        break;
    }
    if ((character >= 0x20 && character <= 0x7e) || (character >= 0xa0 && character <= 0xff))
        return character;
    return 0x1000000 + character;
}

Result<QList<SequencePart>> parseSequence(const QString &sequence)
{
    QList<SequencePart> parts;
    qsizetype at = 0;
    while (at < sequence.size()) {
        const qsizetype open = sequence.indexOf(QLatin1Char('{'), at);
        if (open < 0) {
            parts.append({ SequencePart::Text, sequence.mid(at), 0 });
            break;
        }
        if (open > at)
            parts.append({ SequencePart::Text, sequence.mid(at, open - at), 0 });
        const qsizetype close = sequence.indexOf(QLatin1Char('}'), open);
        if (close < 0)
            return Error::make(
                AutotypeError::BadSetting,
                QStringLiteral("settings.sequence has a \"{\" with no \"}\"; use one "
                               "of %1.")
                    .arg(knownPlaceholders()));
        const QString name = sequence.mid(open + 1, close - open - 1);
        if (name == QLatin1String("username")) {
            parts.append({ SequencePart::Username, {}, 0 });
        } else if (name == QLatin1String("password")) {
            parts.append({ SequencePart::Password, {}, 0 });
        } else {
            bool known = false;
            for (const NamedKey &key : NamedKeys) {
                if (name == QLatin1String(key.name)) {
                    parts.append({ SequencePart::Key, {}, key.keysym });
                    known = true;
                }
            }
            if (!known)
                return Error::make(
                    AutotypeError::BadSetting,
                    QStringLiteral("settings.sequence names {%1}, which Lanyard does "
                                   "not know; use %2.")
                        .arg(name, knownPlaceholders()));
        }
        at = close + 1;
    }
    return parts;
}

bool typesPassword(const QList<SequencePart> &parts)
{
    for (const SequencePart &part : parts) {
        if (part.kind == SequencePart::Password)
            return true;
    }
    return false;
}

std::vector<unsigned long> expandSequence(const QList<SequencePart> &parts,
                                          const StoredLogin &login)
{
    // Room for every key up front: no reallocation, so no stray copy of the password is left.
    qsizetype room = 0;
    for (const SequencePart &part : parts)
        room += part.text.size() + login.username.size() + login.password.size() + 1;
    std::vector<unsigned long> keysyms;
    keysyms.reserve(size_t(room));
    for (const SequencePart &part : parts) {
        switch (part.kind) {
        case SequencePart::Text:
            appendText(keysyms, part.text);
            break;
        case SequencePart::Username:
            appendText(keysyms, login.username);
            break;
        case SequencePart::Key:
            keysyms.push_back(part.keysym);
            break;
        case SequencePart::Password: {
            QString password = QString::fromUtf8(login.password);
            appendText(keysyms, password);
            password.fill(QChar(u'\0'));
            break;
        }
        }
    }
    return keysyms;
}

void wipeKeysyms(std::vector<unsigned long> &keysyms)
{
    if (!keysyms.empty())
        explicit_bzero(keysyms.data(), keysyms.size() * sizeof(unsigned long));
    keysyms.clear();
}

} // namespace Lanyard::Plugin::Autotype
