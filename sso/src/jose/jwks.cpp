#include <lanyard/sso/jwks.h>

#include "jwk.h"
#include "tokenerror.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Lanyard::Sso {

using namespace Internal;

struct Jwks::Private
{
    std::vector<JsonWebKey> keys;
};

namespace Internal {

const std::vector<JsonWebKey> &JwksAccess::keys(const Jwks &set)
{
    return set.d->keys;
}

} // namespace Internal

Jwks::Jwks()
    : d(std::make_shared<const Private>())
{ }

Jwks::Jwks(std::shared_ptr<const Private> keys)
    : d(std::move(keys))
{ }

// RFC 7517 §5: {"keys": [JWK, ...]}; members we do not know are ignored.
Result<Jwks> Jwks::parse(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject())
        return keySetError(tr("it is not a JSON object"));
    const QJsonValue keys = document.object().value(QLatin1StringView("keys"));
    if (!keys.isArray())
        return keySetError(tr("it has no \"keys\" array"));

    auto set = std::make_shared<Private>();
    const QJsonArray array = keys.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return keySetError(tr("key %1 is not a JSON object").arg(i));
        auto key = readJsonWebKey(array.at(i).toObject(), i);
        if (!key)
            return key.error();
        if (key.value())
            set->keys.push_back(std::move(*key.value()));
    }
    qCDebug(lcJose) << "key set read:" << set->keys.size() << "of" << array.size()
                    << "keys can verify signatures";
    return Jwks(std::move(set));
}

bool Jwks::isEmpty() const
{
    return d->keys.empty();
}

QStringList Jwks::keyIds() const
{
    QStringList ids;
    for (const JsonWebKey &key : d->keys) {
        if (!key.kid.isEmpty())
            ids << key.kid;
    }
    return ids;
}

bool Jwks::contains(const QString &kid) const
{
    return !kid.isEmpty()
        && std::any_of(d->keys.begin(), d->keys.end(),
                       [&kid](const JsonWebKey &key) { return key.kid == kid; });
}

} // namespace Lanyard::Sso
