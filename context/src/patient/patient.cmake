# NHS number, patient model, PDS errors, banner text.
target_sources(lanyard_context PRIVATE
    src/patient/fhirdate.h src/patient/fhirdate.cpp
    src/patient/nhsnumber.cpp
    src/patient/patient.cpp
    src/patient/pdserror.cpp
    src/patient/banner.cpp
)
