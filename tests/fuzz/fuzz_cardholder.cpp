// The card's authentication certificate (DER, as read from the card): CardHolder::fromCertificate
// (user id, names, issuer, validity).
#include "fuzzsupport.h"

#include <lanyard/smartcard/cardholder.h>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Lanyard::Fuzz::quietLogging();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto holder = Lanyard::Smartcard::CardHolder::fromCertificate(Lanyard::Fuzz::bytes(data, size));
    if (holder)
        (void)holder->displayName.size();
    return 0;
}
