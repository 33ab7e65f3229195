#include <lanyard/sso/credentialvault.h>

#include <lanyard/opensslptr.h>
#include <lanyard/sso/ssoerror.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace Lanyard::Sso {

namespace {

constexpr int kVersion = 1;
constexpr int kKeyBytes = 32;
constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;

QString tr(const char *text)
{
    return QCoreApplication::translate("Lanyard::Sso::CredentialVault", text);
}

Error ioError(const QString &path, const QString &what)
{
    return Error::make(SsoError::Io,
                       tr("The password vault %1 cannot be used: %2.").arg(path, what));
}

Error damaged(const QString &applicationId)
{
    return Error::make(SsoError::Io,
                       tr("The saved password for %1 is damaged or was altered; enrol it again.")
                           .arg(applicationId));
}

// A data key held in a buffer that is wiped when it goes out of scope.
struct WipedBytes
{
    QByteArray bytes;
    ~WipedBytes()
    {
        if (!bytes.isEmpty())
            OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    }
};

QByteArray lengthPrefixed(const QByteArray &bytes)
{
    QByteArray out;
    const quint32 n = quint32(bytes.size());
    out.append(char(n >> 24)).append(char(n >> 16)).append(char(n >> 8)).append(char(n));
    out.append(bytes);
    return out;
}

// The additional authenticated data: the entry belongs to this application only.
QByteArray additionalData(const QString &applicationId)
{
    return QByteArrayLiteral("lanyard-vault-v1") + lengthPrefixed(applicationId.toUtf8());
}

Result<QByteArray> wrapKey(const QByteArray &certificateDer, const QByteArray &key)
{
    const auto *der = reinterpret_cast<const unsigned char *>(certificateDer.constData());
    OpenSslPtr<X509, X509_free> cert(d2i_X509(nullptr, &der, long(certificateDer.size())));
    EVP_PKEY *publicKey = cert ? X509_get0_pubkey(cert.get()) : nullptr;
    if (!publicKey || EVP_PKEY_base_id(publicKey) != EVP_PKEY_RSA) {
        takeOpenSslErrors();
        return Error::make(SsoError::Card,
                           tr("This card's certificate has no RSA key, so it cannot seal the "
                              "password vault — type this application's password yourself, or "
                              "ask the IT service desk about your card."));
    }
    OpenSslPtr<EVP_PKEY_CTX, EVP_PKEY_CTX_free> ctx(EVP_PKEY_CTX_new(publicKey, nullptr));
    // Exactly what TokenSession::decrypt asks of the card: OAEP, SHA-1, MGF1-SHA-1 (libp11).
    size_t length = 0;
    const auto *in = reinterpret_cast<const unsigned char *>(key.constData());
    if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) != 1
        || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING) != 1
        || EVP_PKEY_CTX_set_rsa_oaep_md(ctx.get(), EVP_sha1()) != 1
        || EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), EVP_sha1()) != 1
        || EVP_PKEY_encrypt(ctx.get(), nullptr, &length, in, size_t(key.size())) != 1) {
        takeOpenSslErrors();
        return Error::make(SsoError::Card,
                           tr("The password vault could not be sealed to the card."));
    }
    QByteArray out(qsizetype(length), Qt::Uninitialized);
    if (EVP_PKEY_encrypt(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &length, in,
                         size_t(key.size()))
        != 1) {
        takeOpenSslErrors();
        return Error::make(SsoError::Card,
                           tr("The password vault could not be sealed to the card."));
    }
    out.resize(qsizetype(length));
    return out;
}

struct Sealed
{
    QByteArray nonce, ciphertext, tag;
};

Result<Sealed> seal(const QByteArray &key, const QByteArray &aad, const QByteArray &plain)
{
    Sealed sealed;
    sealed.nonce.resize(kNonceBytes);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(sealed.nonce.data()), kNonceBytes) != 1) {
        takeOpenSslErrors();
        return Error::make(SsoError::Io, tr("No random numbers for the password vault."));
    }
    OpenSslPtr<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free> ctx(EVP_CIPHER_CTX_new());
    sealed.ciphertext.resize(plain.size());
    sealed.tag.resize(kTagBytes);
    int length = 0;
    int final = 0;
    const auto *k = reinterpret_cast<const unsigned char *>(key.constData());
    const auto *iv = reinterpret_cast<const unsigned char *>(sealed.nonce.constData());
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1
        || EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, k, iv) != 1
        || EVP_EncryptUpdate(ctx.get(), nullptr, &length,
                             reinterpret_cast<const unsigned char *>(aad.constData()),
                             int(aad.size()))
            != 1
        || EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(sealed.ciphertext.data()),
                             &length, reinterpret_cast<const unsigned char *>(plain.constData()),
                             int(plain.size()))
            != 1
        || EVP_EncryptFinal_ex(ctx.get(),
                               reinterpret_cast<unsigned char *>(sealed.ciphertext.data()) + length,
                               &final)
            != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, sealed.tag.data())
            != 1) {
        takeOpenSslErrors();
        return Error::make(SsoError::Io, tr("The password could not be encrypted."));
    }
    return sealed;
}

// The plaintext, or nothing when the tag does not verify (tampered, moved, wrong key).
std::optional<QByteArray> unseal(const QByteArray &key, const QByteArray &aad, const Sealed &sealed)
{
    if (sealed.nonce.size() != kNonceBytes || sealed.tag.size() != kTagBytes)
        return std::nullopt;
    OpenSslPtr<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free> ctx(EVP_CIPHER_CTX_new());
    QByteArray plain(sealed.ciphertext.size(), Qt::Uninitialized);
    QByteArray tag = sealed.tag;
    int length = 0;
    int final = 0;
    const auto *k = reinterpret_cast<const unsigned char *>(key.constData());
    const auto *iv = reinterpret_cast<const unsigned char *>(sealed.nonce.constData());
    const bool ok = ctx
        && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1
        && EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, k, iv) == 1
        && EVP_DecryptUpdate(ctx.get(), nullptr, &length,
                             reinterpret_cast<const unsigned char *>(aad.constData()),
                             int(aad.size()))
            == 1
        && EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()), &length,
                             reinterpret_cast<const unsigned char *>(sealed.ciphertext.constData()),
                             int(sealed.ciphertext.size()))
            == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) == 1
        && EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()) + length,
                               &final)
            == 1;
    if (!ok) {
        takeOpenSslErrors();
        Secret::wipe(plain);
        return std::nullopt;
    }
    return plain;
}

Result<Secret> unwrapKey(const QByteArray &wrapped, const CredentialVault::Unwrap &unwrap)
{
    if (!unwrap)
        return Error::make(SsoError::Card, tr("The card is needed to open the password vault."));
    Result<Secret> key = unwrap(wrapped);
    if (!key)
        return key.error(); // the card's own message: passcode, removed, cannot decrypt
    if (key.value().bytes().size() != kKeyBytes) {
        return Error::make(SsoError::Card,
                           tr("This card cannot open the password vault; enrol your application "
                              "passwords again."));
    }
    return key;
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += n;
    }
    return true;
}

} // namespace

Result<CredentialVault> CredentialVault::open(const QString &path, const QByteArray &certificateDer)
{
    CredentialVault vault;
    vault.m_path = path;
    vault.m_certificateDer = certificateDer;
    vault.m_certificateSha256 = QString::fromLatin1(
        QCryptographicHash::hash(certificateDer, QCryptographicHash::Sha256).toHex());

    QFile file(path);
    if (!file.exists())
        return vault;
    if (!file.open(QIODevice::ReadOnly))
        return ioError(path, file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject object = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || object.value(QLatin1String("version")).toInt() != kVersion
        || !object.value(QLatin1String("entries")).isObject()
        || object.value(QLatin1String("wrapped_key")).toString().isEmpty()) {
        return ioError(path, tr("it is damaged or of an unknown version"));
    }
    if (object.value(QLatin1String("certificate_sha256")).toString() != vault.m_certificateSha256) {
        return Error::make(SsoError::Card,
                           tr("This vault belongs to another card — enrol your application "
                              "passwords again."));
    }
    vault.m_document = object;
    return vault;
}

QByteArray CredentialVault::wrappedKey() const
{
    return QByteArray::fromBase64(m_document.value(QLatin1String("wrapped_key")).toString().toLatin1());
}

Result<Secret> CredentialVault::create()
{
    if (!m_document.isEmpty())
        return Error::make(SsoError::Configuration, tr("The password vault exists already."));
    QByteArray key(kKeyBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(key.data()), kKeyBytes) != 1) {
        takeOpenSslErrors();
        Secret::wipe(key);
        return Error::make(SsoError::Io, tr("No random numbers for the password vault."));
    }
    Secret dataKey = Secret::take(key);
    auto wrapped = wrapKey(m_certificateDer, dataKey.bytes());
    if (!wrapped)
        return wrapped.error();
    const QJsonObject document{
        {QLatin1String("version"), kVersion},
        {QLatin1String("certificate_sha256"), m_certificateSha256},
        {QLatin1String("wrapped_key"), QString::fromLatin1(wrapped.value().toBase64())},
        {QLatin1String("entries"), QJsonObject()}};
    if (auto saved = save(document); !saved)
        return saved.error();
    m_document = document;
    return dataKey;
}

Result<void> CredentialVault::store(const QString &applicationId, const QString &username,
                                    const Secret &password, const Unwrap &unwrap)
{
    Secret unwrapped;
    if (m_document.isEmpty()) {
        // First store: a new data key, kept unwrapped only until this call returns.
        auto created = create();
        if (!created)
            return created.error();
        unwrapped = std::move(created).value();
    } else {
        auto result = unwrapKey(wrappedKey(), unwrap);
        if (!result)
            return result.error();
        unwrapped = std::move(result).value();
    }
    QJsonObject document = m_document;
    const QByteArray *key = &unwrapped.bytes();

    // The username travels inside the ciphertext (the file names no one); the application id is
    // the additional data, so an entry copied under another application fails to open.
    WipedBytes plain;
    QByteArray user = username.toUtf8();
    plain.bytes = lengthPrefixed(user) + password.bytes();
    Secret::wipe(user);
    auto sealed = seal(*key, additionalData(applicationId), plain.bytes);
    if (!sealed)
        return sealed.error();

    QJsonObject entries = document.value(QLatin1String("entries")).toObject();
    entries.insert(
        applicationId,
        QJsonObject {
            { QLatin1String("nonce"), QString::fromLatin1(sealed->nonce.toBase64()) },
            { QLatin1String("ciphertext"), QString::fromLatin1(sealed->ciphertext.toBase64()) },
            { QLatin1String("tag"), QString::fromLatin1(sealed->tag.toBase64()) } });
    document.insert(QLatin1String("entries"), entries);
    if (auto saved = save(document); !saved)
        return saved;
    m_document = document;
    return {};
}

Result<StoredCredential> CredentialVault::retrieve(const QString &applicationId,
                                                   const Unwrap &unwrap) const
{
    const QJsonObject entries = m_document.value(QLatin1String("entries")).toObject();
    if (!entries.contains(applicationId)) {
        return Error::make(SsoError::Configuration,
                           tr("No password is saved for %1; enrol it first.").arg(applicationId));
    }
    const QJsonObject entry = entries.value(applicationId).toObject();
    auto field = [&entry](const char *name) {
        return QByteArray::fromBase64(entry.value(QLatin1String(name)).toString().toLatin1());
    };
    const Sealed sealed { field("nonce"), field("ciphertext"), field("tag") };

    auto key = unwrapKey(QByteArray::fromBase64(
                             m_document.value(QLatin1String("wrapped_key")).toString().toLatin1()),
                         unwrap);
    if (!key)
        return key.error();
    std::optional<QByteArray> opened
        = unseal(key.value().bytes(), additionalData(applicationId), sealed);
    if (!opened)
        return damaged(applicationId);
    WipedBytes plain { std::move(*opened) };
    if (plain.bytes.size() < 4)
        return damaged(applicationId);
    const auto *p = reinterpret_cast<const unsigned char *>(plain.bytes.constData());
    const quint32 userLength
        = quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | p[3];
    if (userLength > quint32(plain.bytes.size() - 4))
        return damaged(applicationId);
    StoredCredential credential;
    credential.username = QString::fromUtf8(plain.bytes.constData() + 4, qsizetype(userLength));
    QByteArray password = plain.bytes.mid(4 + qsizetype(userLength));
    credential.password = Secret::take(password);
    return credential;
}

bool CredentialVault::contains(const QString &applicationId) const
{
    return m_document.value(QLatin1String("entries")).toObject().contains(applicationId);
}

Result<void> CredentialVault::remove(const QString &applicationId)
{
    if (!contains(applicationId))
        return {};
    QJsonObject document = m_document;
    QJsonObject entries = document.value(QLatin1String("entries")).toObject();
    entries.remove(applicationId);
    document.insert(QLatin1String("entries"), entries);
    if (auto saved = save(document); !saved)
        return saved;
    m_document = document;
    return {};
}

// Atomically: a 0600 temporary file beside the vault, fsync, rename over it, fsync the folder.
Result<void> CredentialVault::save(const QJsonObject &document)
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return ioError(m_path, tr("its folder cannot be created"));
    const QByteArray target = QFile::encodeName(info.absoluteFilePath());
    const QByteArray temporary = target + ".tmp";
    ::unlink(temporary.constData());
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return ioError(m_path, qt_error_string(errno));
    const QByteArray bytes = QJsonDocument(document).toJson(QJsonDocument::Indented);
    bool ok = ::fchmod(fd, 0600) == 0 && writeAll(fd, bytes) && ::fsync(fd) == 0;
    const int error = errno;
    ok = (::close(fd) == 0) && ok;
    if (!ok || ::rename(temporary.constData(), target.constData()) != 0) {
        const int failure = ok ? errno : error;
        ::unlink(temporary.constData());
        return ioError(m_path, qt_error_string(failure));
    }
    const int dirFd = ::open(QFile::encodeName(info.absolutePath()).constData(),
                             O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

} // namespace Lanyard::Sso
