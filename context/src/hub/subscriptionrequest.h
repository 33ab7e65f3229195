// A subscription or unsubscription request (FHIRcast 3.0.0 §2.4): form-encoded parameters,
// each at most once, checked against this hub's topic, events and lease policy.
#pragma once

#include "hub/fhircastevent.h"

#include <chrono>

namespace Lanyard::Context::Internal {

struct SubscriptionRequest
{
    enum class Mode { Subscribe, Unsubscribe };
    Mode mode = Mode::Subscribe;
    QList<HubEvent> events; // subscribe only, in the hub's order
    std::chrono::seconds lease { 0 }; // granted: the asked lease capped at the maximum
    QString endpoint; // hub.channel.endpoint: required to unsubscribe
    QString subscriberName;
};

struct LeasePolicy
{
    std::chrono::seconds maximum; // also the lease of a request that names none
};

// Errors carry ContextError::Hub, the reason for the application's developer and the HTTP status.
Result<SubscriptionRequest> parseSubscriptionRequest(const QByteArray &body, const QString &topic,
                                                     const LeasePolicy &lease);

} // namespace Lanyard::Context::Internal
