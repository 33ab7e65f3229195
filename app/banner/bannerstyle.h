// The banner's look: NHS identity colours (no logo), sizes in points so it stays readable at
// 200% scaling, and the states the banner switches between through the "bannerState" property.
#pragma once

#include <QColor>
#include <QString>

class QWidget;

namespace Lanyard::Shell::BannerStyle {

inline const QColor NhsBlue{0x00, 0x5E, 0xB8};   // #005EB8
inline const QColor DarkBlue{0x00, 0x30, 0x87};  // #003087
inline const QColor White{0xFF, 0xFF, 0xFF};
inline const QColor PaleGrey{0xE8, 0xED, 0xEE};  // #E8EDEE
inline const QColor DarkGrey{0x42, 0x55, 0x63};  // #425563
inline const QColor WarmYellow{0xFF, 0xB8, 0x1C}; // #FFB81C: warnings
inline const QColor Red{0xDA, 0x29, 0x1C};       // #DA291C: errors

// What the bar behind the patient shows; its colour follows.
enum class State { Empty, LookingUp, Failed, Patient, Deceased };
QString stateName(State state); // the value of the "bannerState" property

// The style sheet of the banner window and of the search panel.
QString bannerSheet();
QString searchSheet();

// Sets `widget`'s "bannerState" property and re-applies the style sheet to it and its children.
void setState(QWidget *widget, State state);

} // namespace Lanyard::Shell::BannerStyle
