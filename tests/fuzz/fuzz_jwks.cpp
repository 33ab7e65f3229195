// JWKS documents as the identity service's jwks_uri serves them: Jwks::parse, and each key's
// members (n/e, crv/x/y, use, key_ops, alg) read into OpenSSL keys.
#include "fuzzsupport.h"

#include <lanyard/sso/jwks.h>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Lanyard::Fuzz::quietLogging();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto keys = Lanyard::Sso::Jwks::parse(Lanyard::Fuzz::bytes(data, size));
    if (keys) {
        for (const QString &kid : keys->keyIds())
            (void)keys->contains(kid);
        (void)keys->isEmpty();
    }
    return 0;
}
