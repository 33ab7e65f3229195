# The FHIRcast hub: HTTP (discovery, subscribe, publish, get-current) and the subscribers'
# WebSockets on one loopback port, through Qt HttpServer's own WebSocket upgrade.
target_sources(lanyard_context PRIVATE
    src/hub/acknowledgements.cpp src/hub/acknowledgements.h
    src/hub/boundedtcpserver.cpp src/hub/boundedtcpserver.h
    src/hub/fhircastevent.cpp src/hub/fhircastevent.h
    src/hub/fhircasthub.cpp src/hub/fhircasthub_p.h
    src/hub/hublogging.cpp src/hub/hublogging.h
    src/hub/hubhttp.cpp
    src/hub/hubreplies.cpp src/hub/hubreplies.h
    src/hub/hubtokens.cpp src/hub/hubtokens.h
    src/hub/ratebudget.h
    src/hub/subscription.cpp src/hub/subscription.h
    src/hub/subscriptionrequest.cpp src/hub/subscriptionrequest.h
)
