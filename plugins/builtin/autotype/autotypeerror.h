// Why the autotype plugin refused or stopped; the Error's message says it for the clinician.
#pragma once

namespace Lanyard::Plugin::Autotype {

enum class AutotypeError {
    NotEnrolled = 320, // no stored username and password for this application: enrol first
    BadSetting, // a setting is missing or malformed (program, patterns, sequence)
    NoDisplay, // no X display, or it has no XTest extension
    ProgramFailed, // the program would not start, or ended before its window appeared
    WindowNotFound, // no matching sign-in window within windowTimeout
    FocusLost, // another window took the keyboard: typing stopped
    CannotType, // a character the keyboard layout cannot produce, and no spare key
};

} // namespace Lanyard::Plugin::Autotype
