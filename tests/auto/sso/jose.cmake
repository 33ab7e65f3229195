# Tests of JWS, JWKS and ID token validation; keys and tokens come from JwtForge, no test bed.
lanyard_add_test(NAME sso.jwks SOURCES tst_jwks.cpp LIBRARIES Lanyard::Sso Lanyard::TestSupport)
lanyard_add_test(NAME sso.jws SOURCES tst_jws.cpp LIBRARIES Lanyard::Sso Lanyard::TestSupport)
lanyard_add_test(NAME sso.idtoken SOURCES tst_jwtvalidator.cpp
    LIBRARIES Lanyard::Sso Lanyard::TestSupport)
