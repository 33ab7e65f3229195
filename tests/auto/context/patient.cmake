# Tests of the patient part: NHS numbers, the patient model and PDS errors, the banner text.
lanyard_add_test(NAME context.nhsnumber SOURCES tst_nhsnumber.cpp LIBRARIES Lanyard::Context)
lanyard_add_test(NAME context.patient SOURCES tst_patient.cpp patientfixtures.h
    LIBRARIES Lanyard::Context)
lanyard_add_test(NAME context.banner SOURCES tst_banner.cpp patientfixtures.h
    LIBRARIES Lanyard::Context)
