# JWS, JWKS and ID token validation with OpenSSL (RFC 7515, 7517, 7518, 7519; OIDC Core 1.0).
target_sources(lanyard_sso PRIVATE
    include/lanyard/sso/jwks.h
    include/lanyard/sso/jws.h
    include/lanyard/sso/jwtvalidator.h
    src/jose/base64url.h src/jose/base64url.cpp
    src/jose/jwk.h src/jose/jwk.cpp
    src/jose/jwks.cpp
    src/jose/jws.cpp
    src/jose/jwtvalidator.cpp
    src/jose/opensslhandles.h
    src/jose/tokenerror.h src/jose/tokenerror.cpp
)
