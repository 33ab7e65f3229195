// The shell's configuration for the bed (its IdP, PDS server, card module; the demo EPR as an
// application of the exec plugin), and what GUI tests look at: every visible text, screenshots.
#pragma once

#include <shellconfig.h>

#include <QString>
#include <QStringList>

class QWidget;

namespace Lanyard::Tests::ShellBed {

// scratch: a directory for the vaults, application manifests and the demo EPR's report.
Shell::ShellConfig config(const QString &scratch);
QString demoEprReport(const QString &scratch);
// The legacy application (autotype): its username, password and report.
extern const QString LegacyUser;
extern const QString LegacyPassword;
QString legacyReport(const QString &scratch);
// How many times an application's report (demoEprReport, legacyReport) has this line.
int reported(const QString &reportFile, const QString &line);
// How many events of the bed's web EPR (JSON lines) have key == value.
int webEprReported(const QString &event, const QString &key, const QString &value);

// The text of every visible label, button, menu-less line edit (not password fields), list item
// and tool tip-less tile in every visible top-level window.
QStringList visibleTexts();
// The whole primary screen as the clinician sees it, saved among the test artefacts.
bool saveScreen(const QString &name);

} // namespace Lanyard::Tests::ShellBed
