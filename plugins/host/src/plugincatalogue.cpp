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
};

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
    for (const QString &directory : std::as_const(d->m_config.directories)) {
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
            d->check(entry, pathById);
            if (!entry.manifest.id.isEmpty() && !pathById.contains(entry.manifest.id))
                pathById.insert(entry.manifest.id, entry.path);
            d->m_entries << entry;
        }
    }
}

QList<PluginEntry> PluginCatalogue::entries() const
{
    return d->m_entries;
}

} // namespace Lanyard::Plugins
