# JWS, JWKS and ID token validation: target_sources(lanyard_sso ...) here.
