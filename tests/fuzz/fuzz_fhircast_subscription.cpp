// FHIRcast subscription requests: the form-encoded body of a POST to the hub
// (parseSubscriptionRequest: hub.mode, hub.events with their wild cards, hub.lease_seconds,
// hub.channel.*), and the Authorization header's Bearer token.
#include "fuzzsupport.h"

#include "hub/hubtokens.h"
#include "hub/subscriptionrequest.h"

using namespace Lanyard::Context::Internal;
using namespace std::chrono_literals;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Lanyard::Fuzz::quietLogging();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = Lanyard::Fuzz::bytes(data, size);
    const auto request
        = parseSubscriptionRequest(body, QStringLiteral("lanyard-workstation-topic"), { 3600s });
    if (request && request->lease > 3600s)
        __builtin_trap();
    (void)bearerToken(body);
    return 0;
}
