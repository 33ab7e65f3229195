// The shell's look and language: NHS-style colours or high contrast (ui/high_contrast), and the
// English (UK) or Welsh translation (ui/language, else the desktop's language).
#pragma once

#include <QIcon>
#include <QString>

class QApplication;

namespace Lanyard::Shell {

void applyStyle(QApplication &app, bool highContrast);
// Lanyard's icon (windows, tray), drawn by Qt's SVG plugin (Debian: libqt6svg6).
QIcon lanyardIcon();
// Installs Lanyard's translation for language ("en_GB", "cy"; empty: the system locale's) and
// Qt's own where there is one. Returns the language used.
QString installTranslations(QApplication &app, const QString &language);

} // namespace Lanyard::Shell
