#include <lanyard/sso/user.h>

#include <lanyard/sso/ssoerror.h>

#include <QJsonArray>

namespace Lanyard::Sso {

namespace {

Error malformed(const QString &what)
{
    return Error::make(SsoError::IdpProtocol,
                       QStringLiteral("The NHS identity service's user details could not be used "
                                      "(%1) — call the IT service desk.")
                           .arg(what));
}

} // namespace

const Role *User::role(const QString &roleId) const
{
    for (const Role &candidate : roles) {
        if (candidate.id == roleId)
            return &candidate;
    }
    return nullptr;
}

Result<User> User::fromUserinfo(const QJsonObject &userinfo, const QString &subject)
{
    if (userinfo.value(QLatin1String("sub")).toString() != subject)
        return malformed(QStringLiteral("they are for a different person than the ID token"));
    User user;
    user.uid = userinfo.value(QLatin1String("nhsid_useruid")).toString(subject);
    user.givenName = userinfo.value(QLatin1String("given_name")).toString();
    user.familyName = userinfo.value(QLatin1String("family_name")).toString();
    user.name = userinfo.value(QLatin1String("name")).toString();
    if (user.name.isEmpty())
        user.name = QStringList{user.givenName, user.familyName}.join(QLatin1Char(' ')).trimmed();
    user.title = userinfo.value(QLatin1String("title")).toString();
    user.email = userinfo.value(QLatin1String("email")).toString();

    const QJsonValue orgs = userinfo.value(QLatin1String("nhsid_user_orgs"));
    if (!orgs.isUndefined() && !orgs.isArray())
        return malformed(QStringLiteral("nhsid_user_orgs is not a list"));
    for (const QJsonValue &value : orgs.toArray()) {
        const QJsonObject org = value.toObject();
        user.organisations.append({org.value(QLatin1String("org_code")).toString(),
                                   org.value(QLatin1String("org_name")).toString()});
    }

    const QJsonValue roles = userinfo.value(QLatin1String("nhsid_nrbac_roles"));
    if (!roles.isUndefined() && !roles.isArray())
        return malformed(QStringLiteral("nhsid_nrbac_roles is not a list"));
    for (const QJsonValue &value : roles.toArray()) {
        const QJsonObject entry = value.toObject();
        Role role;
        role.id = entry.value(QLatin1String("person_roleid")).toString();
        if (role.id.isEmpty())
            return malformed(QStringLiteral("a role has no person_roleid"));
        role.code = entry.value(QLatin1String("role_code")).toString();
        role.name = entry.value(QLatin1String("role_name")).toString();
        role.organisation.code = entry.value(QLatin1String("org_code")).toString();
        for (const Organisation &org : std::as_const(user.organisations)) {
            if (org.code == role.organisation.code)
                role.organisation.name = org.name;
        }
        for (const QJsonValue &activity : entry.value(QLatin1String("activity_codes")).toArray())
            role.activityCodes.append(activity.toString());
        user.roles.append(role);
    }
    return user;
}

} // namespace Lanyard::Sso
