// The patient banner: a frameless, always-on-top window docked across the top of the primary
// screen (bannerdock.h), showing the workstation's current patient by the NHS Common User
// Interface rules (Context::bannerText) — or "No patient selected", "Looking up…", why a lookup
// failed — with a deceased style, the restricted-record notice, warnings when an application did
// not follow the patient, and patient search (an NHS number field, the Search panel).
//
// It never shows a stale patient: the patient it shows comes from PatientContext::patientChanged
// (or, when it is unlocked or the age needs a new minute, from PatientContext::patient()); it
// keeps no copy of its own. While the session is locked or nobody is signed in, it is hidden and
// its labels are empty.
#pragma once

#include <lanyard/context/patientcontext.h>

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace Lanyard::Shell {

class BannerDock;
class BannerSearch;

class PatientBanner : public QWidget
{
    Q_OBJECT
public:
    // `hub` (for applications' sync errors) may be null; everything must outlive the banner.
    PatientBanner(Context::PatientContext &context, Context::PdsClient &pds,
                  Context::FhircastHub *hub = nullptr, QWidget *parent = nullptr);
    ~PatientBanner() override;

    // Hidden while locked (and nothing of the patient stays painted); shown again on unlock if
    // someone is signed in. show() does nothing while locked or signed out.
    void setSessionLocked(bool locked);
    bool isSessionLocked() const { return m_locked; }
    // Signed out: hidden, the search forgotten, warnings dismissed. Signed in: shown.
    void setSignedIn(bool signedIn);
    bool isSignedIn() const { return m_signedIn; }

    // How an application id from the hub is named in a warning (default: the id itself).
    void setApplicationName(std::function<QString(const QString &applicationId)> name);
    // Where ages are reckoned from (tests fix it); the current time by default.
    void setClock(std::function<QDateTime()> now);

    BannerSearch *searchPanel() const { return m_search; }
    void setVisible(bool visible) override;

protected:
    bool event(QEvent *event) override;

private:
    QLabel *addLabel(const char *objectName, const QString &accessibleName);
    void onPatientChanged(const std::optional<Context::Patient> &patient);
    void onSyncError(const QString &applicationId, const QString &reason);
    void lookUpTyped();
    void clearPatient();
    void render(const std::optional<Context::Patient> &patient);
    void showPatient(const Context::Patient &patient);
    void showNoPatient();
    void updateNotices();
    void updateVisibility();

    Context::PatientContext &m_context;
    std::function<QDateTime()> m_now;
    std::function<QString(const QString &)> m_applicationName;
    bool m_locked = false;
    bool m_signedIn = true;
    bool m_lookingUp = false;
    QString m_failure;          // why the last lookup failed, until the next one or a clear
    QString m_searchError;      // what is wrong with the typed NHS number
    QStringList m_syncWarnings; // newest last, at most a few

    BannerDock *m_dock;
    BannerSearch *m_search;
    QTimer *m_ageTimer;
    QWidget *m_bar;
    QWidget *m_patientFields;
    QLabel *m_status;
    QLabel *m_failureLabel;
    QLabel *m_name;
    QLabel *m_deceasedLabel;
    QLabel *m_born;
    QLabel *m_gender;
    QLabel *m_nhsNumber;
    QLabel *m_died;
    QLabel *m_ageAtDeath;
    QLineEdit *m_nhsField;
    QPushButton *m_lookUpButton;
    QPushButton *m_searchButton;
    QPushButton *m_clearButton;
    QWidget *m_notices;
    QLabel *m_searchErrorLabel;
    QLabel *m_restricted;
    QLabel *m_superseded;
    QWidget *m_syncRow;
    QLabel *m_syncWarning;
    QPushButton *m_syncDismiss;
};

} // namespace Lanyard::Shell
