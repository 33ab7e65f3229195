# The patient banner on the bed's Xvfb, against the bed's PDS with a bed access token and a real
# FHIRcast hub with a real subscriber. Screenshots of each state go to the test artefacts.
pkg_check_modules(BANNER_TEST_XCB REQUIRED IMPORTED_TARGET xcb)
lanyard_add_test(NAME app.banner BED TIMEOUT 300
    SOURCES tst_patientbanner.cpp bannerx11.h bannerx11.cpp
    LIBRARIES Lanyard::Banner Lanyard::TestSupport lanyard_contextbedsupport
              lanyard_fhircastsubscriber PkgConfig::BANNER_TEST_XCB)
# It signs in to the bed's IdP and injects faults into the one FHIR server (see context.cmake).
set_property(TEST app.banner APPEND PROPERTY RESOURCE_LOCK idp)
