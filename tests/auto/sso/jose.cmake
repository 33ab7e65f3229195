# Tests of JWS, JWKS and ID token validation.
