// What went wrong on the way to a PDS-shaped FHIR service, as a ContextError with a message the
// person at the workstation can act on: libcurl's failures, and HTTP answers that are not the
// resource asked for.
#pragma once

#include <lanyard/context/contexterror.h>
#include <lanyard/context/pdsclient.h>

#include <QJsonObject>

#include <curl/curl.h>

namespace Lanyard::Context::Internal {

// How messages name the service and what its failure means at the bedside.
struct ServiceText
{
    QString name; // "the NHS patient service (PDS)"
    QString consequence; // "the banner shows no patient until a lookup succeeds"
    QString notSignedIn; // "Sign in with your smartcard to look up patients."
};

// `connected`: the request had reached the server (a timeout then is a slow answer, not an
// unreachable server).
Error transportError(CURLcode code, bool connected, const PdsSettings &settings,
                     const ServiceText &service);
// A non-2xx answer. With `pdsWording`, an OperationOutcome body is read by pdsError() (PDS's
// Spine codes, PDS's words); otherwise, and for other bodies, the status decides, in the
// service's name, with any Spine code in brackets for the IT desk.
Error httpError(long status, const QJsonObject &body, const ServiceText &service,
                bool pdsWording = true);
// An answer that is not the FHIR JSON expected.
Error malformed(const ServiceText &service, const QString &what);
// `body` as a JSON object, or an empty object.
QJsonObject jsonObject(const QByteArray &body);

} // namespace Lanyard::Context::Internal
