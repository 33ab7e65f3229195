// What FHIRcast subscribers send the hub: a published event (the JSON body of a POST to the
// topic, parsePublishedEvent) and their answers to events over the WebSocket (parseEventAnswer).
#include "fuzzsupport.h"

#include "hub/fhircastevent.h"
#include "hub/subscription.h"

using namespace Lanyard::Context::Internal;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Lanyard::Fuzz::quietLogging();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = Lanyard::Fuzz::bytes(data, size);
    const QString topic = QStringLiteral("lanyard-workstation-topic");
    const auto event = parsePublishedEvent(body, topic);
    if (event) {
        // What the hub does next with it: the notification every subscriber gets.
        const Notification notification = makeNotification(event->event, topic, event->content);
        (void)notification.text.size();
    }
    const auto answer = parseEventAnswer(QString::fromUtf8(body));
    if (answer && (answer->status < 100 || answer->status > 599))
        __builtin_trap();
    return 0;
}
