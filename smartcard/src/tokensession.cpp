#include <lanyard/smartcard/tokensession.h>

#include "logging.h"
#include "openssl.h"
#include "pkcs11errors.h"

#include <QCoreApplication>

#include <libp11.h>
#include <p11-kit/pkcs11.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

namespace Lanyard::Smartcard {

using namespace Internal;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Lanyard::Smartcard", text);
}

// PKCS#11 pads the 64-byte slot description with spaces; long reader names may be cut.
bool slotIsReader(const PKCS11_SLOT &slot, const QString &reader)
{
    const QString description = QString::fromUtf8(slot.description ? slot.description : "")
                                    .trimmed();
    return !description.isEmpty() && (description == reader || reader.startsWith(description));
}

bool isAuthenticationCertificate(X509 *x509)
{
    const uint32_t usage = X509_get_key_usage(x509);
    const uint32_t extended = X509_get_extended_key_usage(x509);
    return (usage & KU_DIGITAL_SIGNATURE) && (extended & XKU_SSL_CLIENT);
}

using PkeyContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

} // namespace

struct TokenSession::Private
{
    QString modulePath;
    QString reader;
    PKCS11_CTX *context = nullptr;
    bool moduleLoaded = false;
    PKCS11_SLOT *slotList = nullptr;
    unsigned int slotCount = 0;
    PKCS11_SLOT *slot = nullptr;
    bool loggedIn = false;

    Error cardError(const QString &whatFailed) const
    {
        return errorFromCkr(takeLastCkr(), reader, whatFailed);
    }

    void releaseSlots()
    {
        if (slotList)
            PKCS11_release_all_slots(context, slotList, slotCount);
        slotList = nullptr;
        slotCount = 0;
        slot = nullptr;
    }

    // Slots and token flags are read when enumerated, so a fresh read is how to learn the
    // card's state after a failed login (tries left) or a card swap.
    Result<void> findSlot()
    {
        releaseSlots();
        if (PKCS11_enumerate_slots(context, &slotList, &slotCount) < 0)
            return cardError(tr("list its readers"));
        for (unsigned int i = 0; i < slotCount; ++i) {
            if (slotIsReader(slotList[i], reader)) {
                slot = &slotList[i];
                break;
            }
        }
        if (!slot || !slot->token) {
            return Error::make(SmartcardError::TokenNotFound,
                               tr("No smartcard could be read in %1. Check the card is the right "
                                  "way up and fully inserted.")
                                   .arg(reader));
        }
        return {};
    }

    // The certificate is public: readable before login, unlike the key it names.
    Result<PKCS11_CERT *> authenticationCert()
    {
        PKCS11_CERT *certs = nullptr;
        unsigned int count = 0;
        if (PKCS11_enumerate_certs(slot->token, &certs, &count) < 0)
            return cardError(tr("read its certificates"));
        for (unsigned int i = 0; i < count; ++i) {
            if (certs[i].x509 && isAuthenticationCertificate(certs[i].x509))
                return &certs[i];
        }
        return Error::make(SmartcardError::NoCertificate,
                           tr("This card holds no authentication certificate. Contact your "
                              "Registration Authority."));
    }

    Result<PKCS11_KEY *> authenticationKey()
    {
        auto cert = authenticationCert();
        if (!cert)
            return cert.error();
        if (PKCS11_KEY *key = PKCS11_find_key(cert.value()))
            return key;
        return Error::make(SmartcardError::NoCertificate,
                           tr("This card's authentication certificate has no key with it. "
                              "Contact your Registration Authority."));
    }
};

TokenSession::TokenSession()
    : d(std::make_unique<Private>())
{
}

TokenSession::~TokenSession()
{
    logout();
    d->releaseSlots();
    if (d->moduleLoaded)
        PKCS11_CTX_unload(d->context); // libp11 crashes unloading a module that never loaded
    if (d->context)
        PKCS11_CTX_free(d->context);
}

Result<std::unique_ptr<TokenSession>> TokenSession::open(const QString &modulePath,
                                                         const QString &reader)
{
    std::unique_ptr<TokenSession> session(new TokenSession);
    session->d->modulePath = modulePath;
    session->d->reader = reader;
    session->d->context = PKCS11_CTX_new();
    if (!session->d->context || PKCS11_CTX_load(session->d->context, qPrintable(modulePath)) < 0) {
        takeLastCkr();
        return Error::make(SmartcardError::ModuleMissing,
                           tr("The smartcard software (PKCS#11 module %1) could not be loaded. "
                              "Check it is installed and that the configured path is right.")
                               .arg(modulePath));
    }
    session->d->moduleLoaded = true;
    if (auto found = session->d->findSlot(); !found)
        return found.error();
    qCDebug(lcPkcs11) << "token found in" << reader;
    return session;
}

QString TokenSession::reader() const
{
    return d->reader;
}

Result<TokenState> TokenSession::state()
{
    if (!d->loggedIn) {
        if (auto found = d->findSlot(); !found)
            return found.error();
    }
    const PKCS11_TOKEN &token = *d->slot->token;
    return TokenState{QString::fromUtf8(token.label).trimmed(),
                      QString::fromUtf8(token.serialnr).trimmed(), bool(token.userPinCountLow),
                      bool(token.userPinFinalTry), bool(token.userPinLocked)};
}

Result<QList<CardCertificate>> TokenSession::certificates()
{
    PKCS11_CERT *certs = nullptr;
    unsigned int count = 0;
    if (PKCS11_enumerate_certs(d->slot->token, &certs, &count) < 0)
        return d->cardError(tr("read its certificates"));
    QList<CardCertificate> result;
    for (unsigned int i = 0; i < count; ++i) {
        if (!certs[i].x509)
            continue;
        result.append({x509ToDer(certs[i].x509),
                       QByteArray(reinterpret_cast<const char *>(certs[i].id),
                                  qsizetype(certs[i].id_len)),
                       QString::fromUtf8(certs[i].label ? certs[i].label : "")});
    }
    return result;
}

Result<CardCertificate> TokenSession::authenticationCertificate()
{
    auto found = d->authenticationCert();
    if (!found)
        return found.error();
    const PKCS11_CERT *cert = found.value();
    return CardCertificate{x509ToDer(cert->x509),
                           QByteArray(reinterpret_cast<const char *>(cert->id),
                                      qsizetype(cert->id_len)),
                           QString::fromUtf8(cert->label ? cert->label : "")};
}

Result<void> TokenSession::login(Passcode passcode)
{
    logout();
    if (const auto before = state(); before && before->locked)
        return errorFromCkr(CKR_PIN_LOCKED, d->reader, {});
    // Passcode's buffer is NUL-terminated (QByteArray) and wiped when `passcode` goes.
    if (PKCS11_login(d->slot, 0, passcode.data()) == 0) {
        d->loggedIn = true;
        qCInfo(lcPkcs11) << "logged in to the card in" << d->reader;
        return {};
    }
    Error error = d->cardError(tr("check the passcode"));
    if (!error.is(SmartcardError::PasscodeIncorrect))
        return error;
    const auto after = state();
    if (after && after->locked)
        return errorFromCkr(CKR_PIN_LOCKED, d->reader, {});
    if (after && after->finalTry) {
        error.message = tr("Passcode incorrect — 1 try left before the card locks. Check the "
                           "passcode carefully.");
    } else {
        error.message = tr("Passcode incorrect. Type it again; after three wrong passcodes the "
                           "card locks.");
    }
    return error;
}

void TokenSession::logout()
{
    if (d->loggedIn && d->slot)
        PKCS11_logout(d->slot);
    d->loggedIn = false;
}

bool TokenSession::isLoggedIn() const
{
    return d->loggedIn;
}

Result<EVP_PKEY *> TokenSession::privateKey()
{
    if (!d->loggedIn) {
        return Error::make(SmartcardError::OperationFailed,
                           tr("Enter your passcode before the card can be used."));
    }
    auto key = d->authenticationKey();
    if (!key)
        return key.error();
    EVP_PKEY *pkey = PKCS11_get_private_key(key.value());
    if (!pkey)
        return d->cardError(tr("use its key"));
    // libp11 caches the EVP_PKEY on the key object and returns a new reference each call.
    EVP_PKEY_free(pkey);
    return pkey;
}

Result<QByteArray> TokenSession::sign(const QByteArray &data, SignatureScheme scheme)
{
    auto pkey = privateKey();
    if (!pkey)
        return pkey.error();
    const bool ec = EVP_PKEY_base_id(pkey.value()) == EVP_PKEY_EC;
    if (ec != (scheme == SignatureScheme::EcdsaSha256)) {
        return Error::make(SmartcardError::OperationFailed,
                           tr("This card's key cannot make that kind of signature."));
    }
    PkeyContext md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    EVP_PKEY_CTX *pctx = nullptr;
    if (!md || EVP_DigestSignInit(md.get(), &pctx, EVP_sha256(), nullptr, pkey.value()) != 1)
        return d->cardError(tr("sign"));
    if (!applySignatureScheme(pctx, scheme))
        return d->cardError(tr("sign"));
    size_t length = 0;
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.constData());
    if (EVP_DigestSign(md.get(), nullptr, &length, bytes, size_t(data.size())) != 1)
        return d->cardError(tr("sign"));
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       bytes, size_t(data.size()))
        != 1) {
        return d->cardError(tr("sign"));
    }
    signature.resize(qsizetype(length));
    return signature;
}

Result<QByteArray> TokenSession::decrypt(const QByteArray &ciphertext)
{
    auto pkey = privateKey();
    if (!pkey)
        return pkey.error();
    if (EVP_PKEY_base_id(pkey.value()) != EVP_PKEY_RSA) {
        return Error::make(SmartcardError::OperationFailed,
                           tr("This card's key cannot decrypt."));
    }
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new(pkey.value(), nullptr), &EVP_PKEY_CTX_free);
    // libp11 hands RSA_PKCS1_OAEP_PADDING to the card as CKM_RSA_PKCS_OAEP with SHA-1/MGF1-SHA-1,
    // the one OAEP every PKCS#11 card supports; encrypt to it with the same parameters.
    if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1
        || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING) != 1) {
        return d->cardError(tr("decrypt"));
    }
    const auto *in = reinterpret_cast<const unsigned char *>(ciphertext.constData());
    size_t length = 0;
    if (EVP_PKEY_decrypt(ctx.get(), nullptr, &length, in, size_t(ciphertext.size())) != 1)
        return d->cardError(tr("decrypt"));
    QByteArray plain(qsizetype(length), Qt::Uninitialized);
    if (EVP_PKEY_decrypt(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()), &length, in,
                         size_t(ciphertext.size()))
        != 1) {
        return d->cardError(tr("decrypt"));
    }
    plain.resize(qsizetype(length));
    return plain;
}

} // namespace Lanyard::Smartcard
