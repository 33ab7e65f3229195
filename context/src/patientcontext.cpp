#include <lanyard/context/patientcontext.h>

#include <QJsonArray>
#include <QLoggingCategory>

namespace Lanyard::Context {

namespace {

Q_LOGGING_CATEGORY(lcContext, "lanyard.context.patient")

const QString NhsNumberSystem = QStringLiteral("https://fhir.nhs.uk/Id/nhs-number");

// The NHS number an application's Patient-open names: its identifier, else its id.
QString nhsNumberOf(const QJsonObject &resource)
{
    for (const QJsonValue &identifier : resource.value(QLatin1String("identifier")).toArray()) {
        const QJsonObject object = identifier.toObject();
        if (object.value(QLatin1String("system")).toString() == NhsNumberSystem)
            return object.value(QLatin1String("value")).toString();
    }
    return resource.value(QLatin1String("id")).toString();
}

} // namespace

class PatientContext::Private
{
public:
    PatientContext *q;
    PdsClient &pds;
    AllergyClient *allergies;
    FhircastHub *hub;
    std::optional<Patient> current;
    quint64 pending = 0;   // the lookup under way, if any
    bool fromHub = false;  // the lookup confirms a patient an application opened

    Private(PatientContext *owner, PdsClient &p, AllergyClient *a, FhircastHub *h)
        : q(owner), pds(p), allergies(a), hub(h)
    {}

    void set(std::optional<Patient> patient)
    {
        current = std::move(patient);
        emit q->patientChanged(current);
        if (current && allergies) {
            const QString number = current->nhsNumber;
            allergies->fetch(number, q, [this, number](Allergies found) {
                if (current && current->nhsNumber == number)
                    emit q->allergiesChanged(found);
            });
        }
    }

    // Before any lookup: nothing stale on screen, and no application left on the old patient.
    void clearForLookup()
    {
        if (pending)
            pds.cancel(pending);
        pending = 0;
        if (current) {
            set(std::nullopt);
            if (hub && !fromHub)
                hub->closePatient();
        }
    }

    void start(const NhsNumber &number, bool confirmingHub)
    {
        fromHub = confirmingHub;
        clearForLookup();
        emit q->lookupStarted();
        pending = pds.read(number, q, [this, confirmingHub](Result<Patient> result) {
            pending = 0;
            fromHub = false;
            if (!result) {
                qCInfo(lcContext) << "lookup failed:" << result.error().message;
                // An application's patient that PDS cannot confirm is dropped everywhere.
                if (confirmingHub && hub)
                    hub->closePatient();
                emit q->lookupFailed(result.error().message);
                return;
            }
            set(*result);
            if (hub && !confirmingHub)
                hub->openPatient(result->resource);
        });
    }
};

PatientContext::PatientContext(PdsClient &pds, AllergyClient *allergies, FhircastHub *hub,
                               QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, pds, allergies, hub))
{
    qRegisterMetaType<Lanyard::Context::Patient>();
    if (!hub)
        return;
    connect(hub, &FhircastHub::patientOpenedBySubscriber, this,
            [this](const QJsonObject &resource, const QString &applicationId) {
                qCInfo(lcContext) << "patient opened by" << applicationId;
                auto number = NhsNumber::parse(nhsNumberOf(resource));
                if (!number) {
                    d->clearForLookup();
                    d->hub->closePatient();
                    emit lookupFailed(number.error().message);
                    return;
                }
                d->start(*number, true);
            });
    connect(hub, &FhircastHub::patientClosedBySubscriber, this, [this](const QString &) {
        if (d->pending)
            d->pds.cancel(d->pending);
        d->pending = 0;
        if (d->current)
            d->set(std::nullopt);
    });
}

PatientContext::~PatientContext()
{
    if (d->pending)
        d->pds.cancel(d->pending);
}

std::optional<Patient> PatientContext::patient() const
{
    return d->current;
}

bool PatientContext::isLookingUp() const
{
    return d->pending != 0;
}

void PatientContext::lookUp(const NhsNumber &number)
{
    d->start(number, false);
}

void PatientContext::choose(const Patient &patient)
{
    auto number = NhsNumber::parse(patient.nhsNumber);
    if (!number) {
        d->clearForLookup();
        emit lookupFailed(number.error().message);
        return;
    }
    d->start(*number, false); // a search view may lack fields: read the full record
}

void PatientContext::clear()
{
    d->clearForLookup();
}

} // namespace Lanyard::Context
