// Which patient this workstation is on. The one place the banner reads from, so the NHS rules
// hold everywhere: a lookup clears the previous patient before it starts, so a failed lookup can
// never leave a stale patient on screen; every change goes to the FHIRcast hub, so the banner
// and the applications show the same patient; a patient an application opens through the hub
// is confirmed with PDS before the banner shows it, and dropped everywhere if PDS cannot.
#pragma once

#include <lanyard/context/allergies.h>
#include <lanyard/context/fhircasthub.h>
#include <lanyard/context/pdsclient.h>

#include <QObject>

#include <optional>

namespace Lanyard::Context {

class PatientContext : public QObject
{
    Q_OBJECT
public:
    // The clients and the hub must outlive this object; allergies and hub may be null.
    PatientContext(PdsClient &pds, AllergyClient *allergies, FhircastHub *hub,
                   QObject *parent = nullptr);
    ~PatientContext() override;

    std::optional<Patient> patient() const;
    bool isLookingUp() const;

    void lookUp(const NhsNumber &number); // clears at once, then shows the answer or an error
    void choose(const Patient &patient);  // from a search result: confirmed with PDS first
    void clear();                         // "Clear patient", and at sign-out or user switch

signals:
    void patientChanged(const std::optional<Lanyard::Context::Patient> &patient);
    void lookupStarted();
    void lookupFailed(const QString &message);
    void allergiesChanged(const Lanyard::Context::Allergies &allergies);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::Context
