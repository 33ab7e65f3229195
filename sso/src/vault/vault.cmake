# The credential vault for legacy applications' passwords (docs/sso.md, "Credential vault").
target_sources(lanyard_sso PRIVATE
    include/lanyard/sso/credentialvault.h
    src/vault/credentialvault.cpp
)
