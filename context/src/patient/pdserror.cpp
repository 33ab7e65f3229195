#include <lanyard/context/patient.h>

#include <QCoreApplication>
#include <QJsonArray>

namespace Lanyard::Context {

namespace {

struct SpineError
{
    QLatin1String code;
    ContextError error;
    const char *message; // what the clinician can do, translated on use
};

// PDS FHIR API: the Spine-ErrorOrWarningCode values its OperationOutcomes carry.
const SpineError SpineErrors[] = {
    {QLatin1String("RESOURCE_NOT_FOUND"), ContextError::NotFound,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "No patient has this NHS number — check the number and try again.")},
    {QLatin1String("INVALIDATED_RESOURCE"), ContextError::Invalidated,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "PDS has withdrawn the record for this NHS number as invalid — check the "
                       "number, or search by name and date of birth for the patient's record.")},
    {QLatin1String("INVALID_RESOURCE_ID"), ContextError::InvalidValue,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "PDS does not accept this as an NHS number — check it was typed "
                       "correctly.")},
    {QLatin1String("ACCESS_DENIED"), ContextError::AccessDenied,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "PDS refused access — sign in again with your smartcard. If it happens "
                       "again, your role may not allow looking up patients.")},
    {QLatin1String("TOO_MANY_MATCHES"), ContextError::TooManyMatches,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "Too many patients match this search — add a postcode or the exact date "
                       "of birth.")},
    {QLatin1String("INVALID_SEARCH_DATA"), ContextError::InvalidSearch,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "PDS cannot search on these details — give at least the family name and "
                       "date of birth, with two letters or more before any *.")},
    {QLatin1String("UNSUPPORTED_SERVICE"), ContextError::InvalidSearch,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "PDS does not offer what Lanyard asked for — call the IT service desk.")},
    {QLatin1String("ADDITIONAL_PROPERTIES"), ContextError::InvalidSearch,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "PDS did not accept a search field Lanyard sent — call the IT service "
                       "desk.")},
    {QLatin1String("INVALID_VALUE"), ContextError::InvalidValue,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "PDS did not accept a value in the request — check the details entered. "
                       "If they are right, sign in again or call the IT service desk.")},
    {QLatin1String("MISSING_VALUE"), ContextError::InvalidValue,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "PDS needs a detail the request did not have — a search needs the date "
                       "of birth. Otherwise call the IT service desk.")},
    {QLatin1String("TOO_MANY_REQUESTS"), ContextError::RateLimited,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "PDS is receiving too many requests from Lanyard — wait a moment and try "
                       "again.")},
    {QLatin1String("SERVICE_UNAVAILABLE"), ContextError::ServiceUnavailable,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "PDS is not available just now — try again in a few minutes. If it goes "
                       "on, call the IT service desk.")},
    {QLatin1String("SERVER_ERROR"), ContextError::ServerError,
     QT_TRANSLATE_NOOP("Lanyard::Context",
                       "PDS had a problem answering — try again. If it goes on, call the IT "
                       "service desk.")},
};

// No code PDS documents and no telling HTTP status.
const SpineError Refused = {
    QLatin1String(), ContextError::InvalidValue,
    QT_TRANSLATE_NOOP("Lanyard::Context", "PDS refused the request — call the IT service desk.")};
const SpineError NotUnderstood = {
    QLatin1String(), ContextError::ServerError,
    QT_TRANSLATE_NOOP("Lanyard::Context",
                      "PDS gave an answer Lanyard does not understand — call the IT service "
                      "desk.")};

const SpineError *find(QStringView code)
{
    for (const SpineError &candidate : SpineErrors) {
        if (candidate.code == code)
            return &candidate;
    }
    return nullptr;
}

// A code PDS does not document (or none): the HTTP status decides, worded as the code PDS uses
// for that status.
const SpineError *forStatus(int httpStatus)
{
    if (httpStatus == 401 || httpStatus == 403)
        return find(u"ACCESS_DENIED");
    if (httpStatus == 404)
        return find(u"RESOURCE_NOT_FOUND");
    if (httpStatus == 429)
        return find(u"TOO_MANY_REQUESTS");
    if (httpStatus == 503)
        return find(u"SERVICE_UNAVAILABLE");
    if (httpStatus >= 500 && httpStatus <= 599)
        return find(u"SERVER_ERROR");
    return nullptr;
}

} // namespace

QString spineCode(const QJsonObject &operationOutcome)
{
    const QJsonObject issue =
        operationOutcome.value(QLatin1String("issue")).toArray().at(0).toObject();
    const QString detailed = issue.value(QLatin1String("details"))
                                 .toObject()
                                 .value(QLatin1String("coding"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QLatin1String("code"))
                                 .toString();
    return detailed.isEmpty() ? issue.value(QLatin1String("code")).toString() : detailed;
}

// The outcome's diagnostics are left out on purpose: PDS may quote what it was sent there, an NHS
// number included, and these messages are logged. The code in parentheses is for the IT desk.
Error pdsError(int httpStatus, const QJsonObject &operationOutcome)
{
    const QString code = spineCode(operationOutcome);
    const SpineError *answer = find(code);
    QString reference = code;
    if (!answer) {
        answer = forStatus(httpStatus);
        if (!answer)
            answer = httpStatus >= 400 && httpStatus <= 499 ? &Refused : &NotUnderstood;
        reference = code.isEmpty() ? QStringLiteral("HTTP %1").arg(httpStatus)
                                   : QStringLiteral("%1, HTTP %2").arg(code).arg(httpStatus);
    }
    return Error::make(answer->error,
                       QStringLiteral("%1 (%2)").arg(
                           QCoreApplication::translate("Lanyard::Context", answer->message),
                           reference),
                       httpStatus);
}

} // namespace Lanyard::Context
