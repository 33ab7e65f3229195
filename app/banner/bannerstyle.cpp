#include "bannerstyle.h"

#include <QStyle>
#include <QWidget>

namespace Lanyard::Shell::BannerStyle {

QString stateName(State state)
{
    switch (state) {
    case State::Empty: return QStringLiteral("empty");
    case State::LookingUp: return QStringLiteral("lookingUp");
    case State::Failed: return QStringLiteral("failed");
    case State::Patient: return QStringLiteral("patient");
    case State::Deceased: return QStringLiteral("deceased");
    }
    return {};
}

// Object names are the banner's own (patientbanner.cpp, bannersearch.cpp, searchresults.cpp).
// Focus is always visible: a Warm Yellow outline, as on NHS websites.
QString bannerSheet()
{
    return QStringLiteral(R"(
#patientBanner { background: #003087; }
#bannerBar { background: #003087; }
#bannerBar[bannerState="patient"] { background: #005EB8; }
#bannerBar[bannerState="deceased"] { background: #425563; }
#bannerBar QLabel { color: #FFFFFF; font-size: 11pt; }
#bannerBar QLabel#bannerName { font-size: 15pt; font-weight: bold; }
#bannerBar QLabel#bannerStatus { font-size: 13pt; }
#bannerBar QLabel#bannerFailure { background: #DA291C; color: #FFFFFF; font-size: 12pt;
    font-weight: bold; }
#bannerBar QLabel#bannerDeceasedLabel { background: #FFFFFF; color: #425563; font-weight: bold; }
#bannerBar QLineEdit { background: #FFFFFF; color: #212B32; font-size: 11pt; padding: 0.1em 0.3em;
    border: 2px solid #E8EDEE; }
#bannerBar QPushButton, #bannerNotices QPushButton { background: #FFFFFF; color: #003087;
    font-size: 11pt; font-weight: bold; padding: 0.15em 0.5em; border: 2px solid #FFFFFF; }
#bannerBar QPushButton:disabled { background: #E8EDEE; color: #425563; border-color: #E8EDEE; }
QLineEdit:focus, QPushButton:focus { border: 3px solid #FFB81C; }
#bannerNotices { background: #E8EDEE; }
#bannerNotices QLabel { color: #212B32; font-size: 11pt; }
#bannerNotices QLabel#bannerSearchError { background: #DA291C; color: #FFFFFF; font-weight: bold; }
#bannerNotices QLabel#bannerRestricted { background: #FFB81C; font-weight: bold; }
#bannerNotices QLabel#bannerSuperseded { background: #E8EDEE; }
#bannerSyncRow { background: #FFB81C; }
#bannerNotices QLabel#bannerSyncWarning { background: #FFB81C; font-weight: bold; }
#bannerSyncRow QPushButton { border-color: #003087; }
)");
}

QString searchSheet()
{
    return QStringLiteral(R"(
#bannerSearchPanel { background: #FFFFFF; border: 2px solid #003087; }
#bannerSearchPanel QLabel { color: #212B32; font-size: 11pt; }
#bannerSearchPanel QLabel#searchTitle { color: #003087; font-size: 13pt; font-weight: bold; }
#bannerSearchPanel QLineEdit, #bannerSearchPanel QComboBox { font-size: 11pt; padding: 0.1em 0.3em;
    border: 2px solid #425563; background: #FFFFFF; color: #212B32; }
#bannerSearchPanel QCheckBox { font-size: 11pt; color: #212B32; }
#bannerSearchPanel QPushButton { background: #005EB8; color: #FFFFFF; font-size: 11pt;
    font-weight: bold; padding: 0.2em 0.6em; border: 2px solid #005EB8; }
#bannerSearchPanel QPushButton:disabled { background: #E8EDEE; color: #425563;
    border-color: #E8EDEE; }
#bannerSearchPanel QListWidget { font-size: 11pt; border: 2px solid #425563; color: #212B32; }
#bannerSearchPanel QListWidget::item:selected { background: #005EB8; color: #FFFFFF; }
#bannerSearchPanel QLabel#searchResultsStatus[error="true"] { color: #FFFFFF;
    background: #DA291C; }
QLineEdit:focus, QComboBox:focus, QPushButton:focus, QCheckBox:focus, QListWidget:focus {
    border: 3px solid #FFB81C; }
)");
}

void setState(QWidget *widget, State state)
{
    widget->setProperty("bannerState", stateName(state));
    // Property selectors are evaluated when a widget is polished: polish it and its children.
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
    for (QWidget *child : widget->findChildren<QWidget *>()) {
        child->style()->unpolish(child);
        child->style()->polish(child);
    }
    widget->update();
}

} // namespace Lanyard::Shell::BannerStyle
