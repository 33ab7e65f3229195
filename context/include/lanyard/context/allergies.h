// Allergies for the banner's second zone (NHS CUI): AllergyIntolerance?patient= from a configured
// FHIR endpoint, reduced to the four states the banner shows.
#pragma once

#include <lanyard/context/pdsclient.h>

namespace Lanyard::Context {

struct Allergies
{
    enum class State { Known, NoKnown, NotRecorded, Unavailable };
    State state = State::Unavailable;
    QStringList substances;  // for Known: what the patient is allergic to, as recorded
    QString reason;          // for Unavailable: why, for the tooltip / log
    QString heading() const; // "Known allergies", "No known allergies", "Allergies not recorded", "Allergies unavailable"
};

class AllergyClient : public QObject
{
    Q_OBJECT
public:
    // settings.base is the FHIR endpoint holding AllergyIntolerance resources.
    AllergyClient(PdsSettings settings, CredentialsProvider credentials, QObject *parent = nullptr);
    ~AllergyClient() override;
    // Never fails: every failure is State::Unavailable with a reason.
    void fetch(const QString &nhsNumber, QObject *receiver, std::function<void(Allergies)> done);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::Context
