#include <lanyard/pluginhost/applicationmanifest.h>
#include <lanyard/pluginhost/plugincatalogue.h>
#include <lanyard/pluginhost/pluginerror.h>

#include "pluginlogging.h"

#include <lanyard/opensslptr.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLibrary>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace Lanyard::Plugins {

namespace {

using EvpPkeyPtr = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using EvpMdCtxPtr = OpenSslPtr<EVP_MD_CTX, EVP_MD_CTX_free>;
using BioPtr = OpenSslPtr<BIO, BIO_free_all>;

enum class Padding { Default, RsaPkcs1, RsaPss };

bool verifiesWith(EVP_PKEY *key, Padding padding, const QByteArray &data,
                  const QByteArray &signature)
{
    const EvpMdCtxPtr md(EVP_MD_CTX_new());
    EVP_PKEY_CTX *context = nullptr;
    // Ed25519 hashes internally (PureEdDSA): it takes no digest and signs the bytes themselves.
    const EVP_MD *digest = EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
    if (!md || EVP_DigestVerifyInit(md.get(), &context, digest, nullptr, key) != 1)
        return false;
    bool ready = true;
    if (padding == Padding::RsaPkcs1) {
        ready = EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1;
    } else if (padding == Padding::RsaPss) {
        // `openssl dgst -sigopt rsa_padding_mode:pss` picks the salt length; accept any.
        ready = EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1
            && EVP_PKEY_CTX_set_rsa_mgf1_md(context, EVP_sha256()) == 1
            && EVP_PKEY_CTX_set_rsa_pss_saltlen(context, RSA_PSS_SALTLEN_AUTO) == 1;
    }
    return ready
        && EVP_DigestVerify(md.get(),
                            reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(data.constData()),
                            size_t(data.size()))
        == 1;
}

} // namespace

Result<void> verifyDetachedSignature(const QByteArray &data, const QByteArray &signature,
                                     const QStringList &keyFiles)
{
    QStringList unreadable;
    for (const QString &keyFile : keyFiles) {
        QFile file(keyFile);
        if (!file.open(QIODevice::ReadOnly)) {
            unreadable << keyFile;
            continue;
        }
        const QByteArray pem = file.readAll();
        const BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
        const EvpPkeyPtr key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr)
                                 : nullptr);
        if (!key) {
            qCWarning(lcPluginHost) << "trusted key" << keyFile
                                    << "is not a PEM public key:" << takeOpenSslErrors();
            unreadable << keyFile;
            continue;
        }
        const int type = EVP_PKEY_get_id(key.get());
        bool verified = false;
        if (type == EVP_PKEY_RSA) {
            verified = verifiesWith(key.get(), Padding::RsaPkcs1, data, signature)
                || verifiesWith(key.get(), Padding::RsaPss, data, signature);
        } else if (type == EVP_PKEY_EC || type == EVP_PKEY_ED25519 || type == EVP_PKEY_RSA_PSS) {
            verified = verifiesWith(key.get(), Padding::Default, data, signature);
        }
        takeOpenSslErrors(); // a mismatch leaves errors queued; none is news
        if (verified)
            return {};
    }
    QString message = QStringLiteral("signature does not match any trusted publisher key");
    if (!unreadable.isEmpty()) {
        message += QStringLiteral(" (these trusted key files could not be read as PEM public "
                                  "keys: %1)")
                       .arg(unreadable.join(QStringLiteral(", ")));
    }
    return Error::make(PluginError::BadSignature, message);
}

class PluginCatalogue::Private
{
public:
    PluginHostConfig m_config;
    QList<PluginEntry> m_entries;

    void refuse(PluginEntry &entry, const QString &reason)
    {
        entry.state = PluginState::Refused;
        entry.reason = reason;
        qCWarning(lcPluginHost).noquote() << "plugin" << entry.path << "refused:" << reason;
    }
    void check(PluginEntry &entry, const QHash<QString, QString> &pathById);
    PluginEntry application(const QString &path, const QHash<QString, QString> &pathById,
                            const QHash<QString, qsizetype> &pluginById);
    QStringList pluginDirectories() const;
};

QStringList PluginCatalogue::Private::pluginDirectories() const
{
    QStringList directories;
    QStringList seen;
    QStringList candidates;
    if (!m_config.builtinDirectory.isEmpty())
        candidates << m_config.builtinDirectory;
    candidates << m_config.directories;
    for (const QString &directory : std::as_const(candidates)) {
        const QFileInfo info(directory);
        const QString key = info.exists() ? info.canonicalFilePath()
                                          : QDir::cleanPath(info.absoluteFilePath());
        if (seen.contains(key))
            continue;
        seen << key;
        directories << directory;
    }
    return directories;
}

PluginEntry PluginCatalogue::Private::application(const QString &path,
                                                  const QHash<QString, QString> &pathById,
                                                  const QHash<QString, qsizetype> &pluginById)
{
    PluginEntry entry;
    entry.applicationFile = path;
    const QString fileName = QFileInfo(path).fileName();
    const auto refuseApp = [&](const QString &reason) {
        entry.state = PluginState::Refused;
        entry.reason = reason;
        qCWarning(lcPluginHost).noquote() << "application" << path << "refused:" << reason;
    };
    auto read = ApplicationManifest::read(path);
    if (!read) {
        refuseApp(read.error().message);
        return entry;
    }
    const ApplicationManifest app = std::move(read).value();
    entry.manifest.id = app.id;
    entry.manifest.name = app.name;
    entry.manifest.path = path;
    entry.pluginId = app.plugin;
    if (pathById.contains(app.id)) {
        refuseApp(QStringLiteral("%1: another entry already has id %2: %3; give this "
                                 "application another \"id\"")
                      .arg(fileName, app.id, pathById.value(app.id)));
        return entry;
    }
    if (!m_config.allow.isEmpty() && !m_config.allow.contains(app.id)) {
        refuseApp(QStringLiteral("%1: %2 is not on this workstation's allow-list "
                                 "(plugins/allow); add %2 there if it should run here")
                      .arg(fileName, app.id));
        return entry;
    }
    if (!pluginById.contains(app.plugin)) {
        QStringList known;
        for (auto it = pluginById.begin(); it != pluginById.end(); ++it)
            known << it.key();
        known.sort();
        refuseApp(QStringLiteral("%1: names plugin %2, which is not installed (installed: %3); "
                                 "write the id of an installed plugin in \"plugin\", e.g. "
                                 "org.lanyard.exec")
                      .arg(fileName, app.plugin,
                           known.isEmpty() ? QStringLiteral("none")
                                           : known.join(QStringLiteral(", "))));
        return entry;
    }
    const PluginEntry &plugin = m_entries.at(pluginById.value(app.plugin));
    if (plugin.state != PluginState::Available) {
        refuseApp(QStringLiteral("%1: names plugin %2, which is refused: %3")
                      .arg(fileName, app.plugin, plugin.reason));
        return entry;
    }
    // The plugin's manifest, as the application's: its own id, name, icon, audience and
    // followsPatient; its settings over the plugin's (the IT desk's plugins/settings/<id>/...
    // go over both when the host initializes it).
    entry.manifest = plugin.manifest;
    entry.manifest.path = path;
    entry.manifest.id = app.id;
    entry.manifest.name = app.name;
    if (!app.icon.isEmpty())
        entry.manifest.icon = app.icon;
    if (!app.audience.isEmpty())
        entry.manifest.audience = app.audience;
    if (app.hasFollowsPatient)
        entry.manifest.followsPatient = app.followsPatient;
    for (auto it = app.settings.begin(); it != app.settings.end(); ++it)
        entry.manifest.settings.insert(it.key(), it.value());
    entry.path = plugin.path;
    entry.builtin = plugin.builtin;
    entry.state = PluginState::Available;
    entry.reason.clear();
    return entry;
}

void PluginCatalogue::Private::check(PluginEntry &entry, const QHash<QString, QString> &pathById)
{
    auto manifest = PluginManifest::read(entry.path);
    if (!manifest) {
        refuse(entry, manifest.error().message);
        return;
    }
    entry.manifest = std::move(manifest).value();
    const QString &id = entry.manifest.id;
    const QString fileName = QFileInfo(entry.path).fileName();
    if (pathById.contains(id)) {
        refuse(entry, QStringLiteral("%1: another plugin already has id %2: %3")
                          .arg(fileName, id, pathById.value(id)));
        return;
    }
    if (!m_config.allow.isEmpty() && !m_config.allow.contains(id)) {
        refuse(entry, QStringLiteral("%1: %2 is not on this workstation's allow-list "
                                     "(plugins/allow)")
                          .arg(fileName, id));
        return;
    }
    if (m_config.requireSigned) {
        const QString signaturePath = entry.path + QStringLiteral(".sig");
        QFile signatureFile(signaturePath);
        if (!signatureFile.exists()) {
            refuse(entry, QStringLiteral("%1: not signed (no %1.sig) and this workstation "
                                         "requires signed plugins")
                              .arg(fileName));
            return;
        }
        QFile pluginFile(entry.path);
        if (!signatureFile.open(QIODevice::ReadOnly) || !pluginFile.open(QIODevice::ReadOnly)) {
            refuse(entry, QStringLiteral("%1: could not read the plugin or its signature")
                              .arg(fileName));
            return;
        }
        const auto verified = verifyDetachedSignature(pluginFile.readAll(),
                                                      signatureFile.readAll(),
                                                      m_config.trustedKeys);
        if (!verified) {
            refuse(entry, QStringLiteral("%1: %2").arg(fileName, verified.error().message));
            return;
        }
    }
    entry.state = PluginState::Available;
    entry.reason.clear();
}

PluginCatalogue::PluginCatalogue(PluginHostConfig config) : d(std::make_unique<Private>())
{
    d->m_config = std::move(config);
}

PluginCatalogue::~PluginCatalogue() = default;

void PluginCatalogue::scan()
{
    d->m_entries.clear();
    QHash<QString, QString> pathById; // the first plugin to claim an id keeps it
    QHash<QString, qsizetype> pluginById; // that plugin's index in m_entries
    for (const QString &directory : d->pluginDirectories()) {
        const QDir dir(directory);
        if (!dir.exists()) {
            qCDebug(lcPluginHost) << "no plugin directory" << directory;
            continue;
        }
        const QFileInfoList files =
            dir.entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo &file : files) {
            if (!QLibrary::isLibrary(file.fileName()))
                continue;
            PluginEntry entry;
            entry.path = file.absoluteFilePath();
            entry.builtin = !d->m_config.builtinDirectory.isEmpty()
                            && directory == d->m_config.builtinDirectory;
            d->check(entry, pathById);
            if (!entry.manifest.id.isEmpty() && !pathById.contains(entry.manifest.id)) {
                pathById.insert(entry.manifest.id, entry.path);
                pluginById.insert(entry.manifest.id, d->m_entries.size());
            }
            d->m_entries << entry;
        }
    }

    // Applications: each names a plugin found above and becomes an entry of its own.
    for (const QString &directory : std::as_const(d->m_config.applicationDirectories)) {
        const QDir dir(directory);
        if (!dir.exists()) {
            qCDebug(lcPluginHost) << "no application directory" << directory;
            continue;
        }
        const QFileInfoList files = dir.entryInfoList({QStringLiteral("*.json")},
                                                      QDir::Files | QDir::NoDotAndDotDot,
                                                      QDir::Name);
        for (const QFileInfo &file : files) {
            PluginEntry entry = d->application(file.absoluteFilePath(), pathById, pluginById);
            if (!entry.manifest.id.isEmpty() && !pathById.contains(entry.manifest.id))
                pathById.insert(entry.manifest.id, entry.applicationFile);
            d->m_entries << entry;
        }
    }
}

QList<PluginEntry> PluginCatalogue::entries() const
{
    return d->m_entries;
}

} // namespace Lanyard::Plugins
