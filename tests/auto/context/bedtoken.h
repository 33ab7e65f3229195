// What the PDS and allergy tests need from the bed's FHIR server beyond its base address: a real
// access token (tests/bed/get-token.sh: the code + PKCE flow with a clinician's card certificate)
// and the server's /__bed/ admin endpoints (faults, the request log).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Lanyard::Tests::FhirBed {

QString base(); // BED_FHIR_BASE
QString caBundle(); // BED_CA_BUNDLE
bool isUp(); // the FHIR server and the IdP are part of this bed

// An access token for `clinician` from the bed's IdP; empty (and a warning) if that failed.
QByteArray accessToken(const QString &clinician = QStringLiteral("alice"));

// POST /__bed/faults: mode none|slow|error500|drop for the next `count` requests (0: until reset).
bool setFault(const QString &mode, int count = 0, int delayMs = -1);
// GET /__bed/requests (oldest first) and DELETE /__bed/requests.
QJsonArray requests();
bool clearRequests();
QDateTime timeOf(const QJsonObject &loggedRequest);

} // namespace Lanyard::Tests::FhirBed
