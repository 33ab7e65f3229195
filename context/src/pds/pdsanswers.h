// How PdsClient reads PDS's answers: a read's Patient, a search's matches (a searchset Bundle),
// and an Error for anything else (an OperationOutcome, another status, a body that is not the
// resource asked for). Internal; declared here so the fuzzers in tests/fuzz drive the real code.
#pragma once

#include "pds/pdstransport.h"
#include "pds/transporterror.h"

namespace Lanyard::Context::Internal {

ServiceText pdsText();
// `digits`: the NHS number asked for (see Patient::fromFhir's requestedNumber).
Result<Patient> readResult(Result<FhirResponse> answer, const QDate &asOf, const QString &digits,
                           const ServiceText &service);
// The matches, best score first; one unreadable match fails the whole search.
Result<QList<SearchMatch>> searchResult(Result<FhirResponse> answer, const QDate &asOf,
                                        const ServiceText &service);

} // namespace Lanyard::Context::Internal
