// PDS's answers as PdsClient reads them: a read's Patient resource (Patient::fromFhir: names,
// addresses, telecom, dates, meta.security), a search's searchset Bundle, and OperationOutcome
// errors (pdsError, spineCode). The same body goes through each reading in turn.
#include "fuzzsupport.h"

#include "pds/pdsanswers.h"

using namespace Lanyard::Context;
using namespace Lanyard::Context::Internal;

namespace {
const ServiceText &service()
{
    static const ServiceText text = pdsText();
    return text;
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Lanyard::Fuzz::quietLogging();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = Lanyard::Fuzz::bytes(data, size);
    const QDate asOf(2026, 11, 22);
    // A superseded number is one the record's id is not.
    const auto read = readResult(FhirResponse { 200, body, "fuzz" }, asOf,
                                 QStringLiteral("9990000026"), service());
    if (read)
        (void)read->nhsNumber.size();
    const auto search = searchResult(FhirResponse { 200, body, "fuzz" }, asOf, service());
    (void)search.ok();
    // Errors: the Spine code and the clinician's message.
    const auto refused = readResult(FhirResponse { 404, body, "fuzz" }, asOf, {}, service());
    (void)refused.ok();
    const auto tooMany = searchResult(FhirResponse { 400, body, "fuzz" }, asOf, service());
    (void)tooMany.ok();
    return 0;
}
