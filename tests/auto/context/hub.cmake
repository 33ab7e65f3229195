# Tests of the hub part: real WebSocket subscribers on loopback, no test bed.
# An application's side of FHIRcast, for the hub's tests and the patient-context test.
qt_add_library(lanyard_fhircastsubscriber STATIC fhircastsubscriber.h fhircastsubscriber.cpp)
target_link_libraries(lanyard_fhircastsubscriber
    PUBLIC Qt6::Core Qt6::Network Qt6::WebSockets Qt6::Test PRIVATE Lanyard::BuildFlags)
target_include_directories(lanyard_fhircastsubscriber PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
lanyard_add_test(NAME context.hub SOURCES tst_fhircasthub.cpp
    LIBRARIES Lanyard::Context lanyard_fhircastsubscriber)
