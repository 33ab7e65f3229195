# The PDS client and allergies: target_sources(lanyard_context ...) here.
target_sources(lanyard_context PRIVATE
    src/pds/pdslogging.h src/pds/pdslogging.cpp
    src/pds/curlmulti.h src/pds/curlmulti.cpp
    src/pds/ratelimiter.h src/pds/ratelimiter.cpp
    src/pds/transporterror.h src/pds/transporterror.cpp
    src/pds/pdstransport.h src/pds/pdstransport.cpp
    src/pds/pdsanswers.h src/pds/pdsclient.cpp
    src/pds/allergyclient.cpp
)
