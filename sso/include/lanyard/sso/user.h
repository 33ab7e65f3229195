// Who is signed in, from the CIS2 userinfo claims (DOMAIN.md): the person, the organisations
// they belong to and their national RBAC roles, each a person_roleid at one organisation.
#pragma once

#include <lanyard/result.h>

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Lanyard::Sso {

struct Organisation
{
    QString code; // ODS code, e.g. "RGT"
    QString name;
    bool operator==(const Organisation &) const = default;
};

struct Role
{
    QString id;        // person_roleid: what PDS wants in NHSD-Session-URID
    QString code;      // role_code, e.g. "S8000:G8000:R8000"
    QString name;      // role_name
    Organisation organisation;
    QStringList activityCodes;
    bool operator==(const Role &) const = default;
};

struct User
{
    QString uid;       // the 12-digit NHS user id (CIS2 uid / nhsid_useruid)
    QString name;
    QString givenName;
    QString familyName;
    QString title;
    QString email;
    QList<Organisation> organisations;
    QList<Role> roles;

    const Role *role(const QString &roleId) const;
    bool operator==(const User &) const = default;

    // From the userinfo response; `subject` is the ID token's sub, which userinfo must repeat
    // (OIDC Core 5.3.2). Fails with SsoError::IdpProtocol when the claims are unusable.
    static Result<User> fromUserinfo(const QJsonObject &userinfo, const QString &subject);
};

} // namespace Lanyard::Sso

Q_DECLARE_METATYPE(Lanyard::Sso::User)
Q_DECLARE_METATYPE(Lanyard::Sso::Role)
