// A contactless badge's answer to GET DATA (the one APDU Lanyard sends a card itself; PKCS#11
// does the rest through the card's module): the UID and the status word.
#include "fuzzsupport.h"

#include "pcscwatcher.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Lanyard::Fuzz::quietLogging();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray response = Lanyard::Fuzz::bytes(data, size);
    const auto uid = Lanyard::Smartcard::Internal::badgeUid(response);
    if (uid && uid->size() != response.size() - 2)
        __builtin_trap();
    return 0;
}
