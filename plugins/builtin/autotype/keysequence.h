// What the autotype plugin types: settings.sequence, e.g. "{username}{tab}{password}{enter}",
// parsed once at initialize() and expanded at each launch into X keysyms. Literal text between
// placeholders is typed as written. The expansion holds the password: the caller wipes it.
#pragma once

#include <lanyard/plugin/plugintypes.h>
#include <lanyard/result.h>

#include <QList>
#include <QString>

#include <vector>

namespace Lanyard::Plugin::Autotype {

struct SequencePart
{
    enum Kind { Text, Username, Password, Key } kind = Text;
    QString text; // Text: the characters
    unsigned long keysym = 0; // Key: Tab, Return, space…
};

// Refuses an unknown placeholder or an unclosed brace, naming the ones it knows.
Result<QList<SequencePart>> parseSequence(const QString &sequence);
bool typesPassword(const QList<SequencePart> &parts);

// The keysyms to press, one per character or key. Wipe with wipeKeysyms() after typing.
std::vector<unsigned long> expandSequence(const QList<SequencePart> &parts,
                                          const StoredLogin &login);
void wipeKeysyms(std::vector<unsigned long> &keysyms);

// The X keysym for one Unicode character: Latin-1 as itself, control keys by name, anything else
// as a Unicode keysym (0x1000000 + code point).
unsigned long keysymForCharacter(char32_t character);

} // namespace Lanyard::Plugin::Autotype
