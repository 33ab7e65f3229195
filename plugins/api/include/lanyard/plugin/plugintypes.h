// The plain values a plugin receives from Lanyard (the SDK: Qt Core only, nothing else of
// Lanyard's). Stable across Lanyard releases within one API version; new members are added at
// the end with defaults.
#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Lanyard::Plugin {

inline constexpr int ApiVersion = 1;

// Who is signed in, in which role (CIS2 national RBAC).
struct UserContext
{
    QString uid;              // the 12-digit NHS user id
    QString name;
    QString roleId;           // person_roleid
    QString roleName;
    QString roleCode;
    QString organisationCode; // ODS
    QString organisationName;
};

// The patient on screen; empty when none. A restricted record carries no address or telecom.
struct PatientContext
{
    QString nhsNumber;        // 10 digits
    QString family;
    QStringList given;
    QString title;
    QDate birthDate;
    QString gender;           // FHIR administrative gender
    bool deceased = false;
    bool restricted = false;
    QJsonObject resource;     // the FHIR Patient, for SMART or FHIRcast
    bool isEmpty() const { return nhsNumber.isEmpty(); }
};

// The session's FHIRcast hub, and this application's own token for it.
struct HubContext
{
    QUrl url;                 // empty when the hub is off
    QString topic;
    QByteArray token;         // secret: pass to the application, never log
};

// A token the identity service issued for this application's audience (RFC 8693).
struct AccessToken
{
    QByteArray token;         // secret: pass to the application, never log or store
    QString audience;
    QString issuedTokenType;  // urn:ietf:params:oauth:token-type:access_token or :jwt
    QDateTime expiresAt;
};

// What the plugin was configured with: its manifest's "settings", overlaid by the IT desk's.
struct PluginConfig
{
    QString id;
    QJsonObject settings;
    QString dataDirectory;    // a directory the plugin may keep files in, per user
};

// The identity service's browser session, created when the card signed in: given only to
// Lanyard's own web plugin (sign-in "web", loaded from Lanyard's built-in directory), so the
// embedded browser opens OpenID Connect applications already signed in. Empty for any other.
struct IdentitySession
{
    QUrl issuer;
    QByteArray cookies;       // secret: Netscape cookie-file lines, as curl writes them
};

// A legacy application's own username and password, from the clinician's vault sealed to their
// card: given only to plugins whose sign-in is "autotype". Empty for any other.
struct StoredLogin
{
    QString username;
    QByteArray password;      // secret: type it, never log, echo or store it
    bool isEmpty() const { return username.isEmpty() && password.isEmpty(); }
};

struct LaunchRequest
{
    UserContext user;
    AccessToken token;
    PatientContext patient;
    HubContext hub;
    QString workstation;
    IdentitySession identitySession;
    StoredLogin login;
};

// What a launch started, so Lanyard can hide it at lock and end it at session end.
struct LaunchedApp
{
    qint64 processId = 0;     // 0 when the plugin shows the application itself
    QString windowTitle;
    bool signedIn = false;    // the application reported the user signed in
};

} // namespace Lanyard::Plugin
