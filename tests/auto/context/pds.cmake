# Tests of the pds part: the PDS client and the allergy client against the bed's FHIR server,
# with an access token from the bed's IdP.
qt_add_library(lanyard_contextbedsupport STATIC bedtoken.h bedtoken.cpp)
target_link_libraries(lanyard_contextbedsupport PUBLIC Qt6::Core PRIVATE Qt6::Network Lanyard::TestSupport Lanyard::BuildFlags)
target_include_directories(lanyard_contextbedsupport PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})

lanyard_add_test(NAME context.pdsclient BED TIMEOUT 300 SOURCES tst_pdsclient.cpp
    LIBRARIES Lanyard::Context lanyard_contextbedsupport)
lanyard_add_test(NAME context.allergies BED SOURCES tst_allergyclient.cpp
    LIBRARIES Lanyard::Context lanyard_contextbedsupport)
# They sign in to the bed's IdP and inject faults into the one FHIR server: not beside bed.idp
# (which rebuilds the IdP), bed.fhir (which sets faults of its own) or each other.
set_property(TEST context.pdsclient context.allergies APPEND PROPERTY RESOURCE_LOCK idp)
