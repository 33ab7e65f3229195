#include <lanyard/smartcard/certificatevalidator.h>

#include "logging.h"
#include "ocspclient.h"
#include "openssl.h"

#include <QCoreApplication>
#include <QFile>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <type_traits>
#include <utility>
#include <vector>

namespace Lanyard::Smartcard {

using namespace Internal;

struct CertificateValidator::Private
{
    Config config;
    std::vector<X509Ptr> anchors;
    std::vector<X509Ptr> intermediates;
    std::vector<X509CrlPtr> crls;
};

namespace {

using BioPtr = OpenSslPtr<BIO, BIO_free_all>;

void freeInfoStack(STACK_OF(X509_INFO) *stack)
{
    sk_X509_INFO_pop_free(stack, X509_INFO_free);
}
using X509InfoStackPtr = OpenSslPtr<STACK_OF(X509_INFO), freeInfoStack>;

QString tr(const char *text)
{
    return QCoreApplication::translate("Lanyard::Smartcard", text);
}

Error configError(const QString &file, const QString &problem)
{
    return Error::make(SmartcardError::OperationFailed,
                       tr("Smartcard sign-in is misconfigured: %1 %2. Ask the IT desk to check "
                          "the workstation's certificate settings.")
                           .arg(file, problem));
}

// Reads every certificate (or CRL) in a PEM file; an unreadable or empty file is an error.
template<typename Ptr>
Result<void> readPem(const QString &file, std::vector<Ptr> &into)
{
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return configError(file, tr("cannot be read (%1)").arg(input.errorString()));
    const QByteArray pem = input.readAll();
    const BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    const X509InfoStackPtr infos(PEM_X509_INFO_read_bio(bio.get(), nullptr, nullptr, nullptr));
    const auto before = into.size();
    for (int i = 0; infos && i < sk_X509_INFO_num(infos.get()); ++i) {
        X509_INFO *info = sk_X509_INFO_value(infos.get(), i);
        if constexpr (std::is_same_v<Ptr, X509Ptr>) {
            if (info->x509)
                into.emplace_back(std::exchange(info->x509, nullptr));
        } else if (info->crl) {
            into.emplace_back(std::exchange(info->crl, nullptr));
        }
    }
    if (into.size() == before) {
        qCWarning(lcCertificate) << file << "holds nothing usable:" << takeOpenSslErrors();
        return configError(file, std::is_same_v<Ptr, X509Ptr>
                                     ? tr("holds no PEM certificate")
                                     : tr("holds no PEM certificate revocation list"));
    }
    return {};
}

// Set while the chain is verified: whether a CRL could not be used, so that the decision about
// an unknown revocation status is taken once, after OCSP has had its say.
struct VerifyState
{
    int crlError = X509_V_OK;
};

int tolerateUnavailableCrl(int ok, X509_STORE_CTX *context)
{
    const int error = X509_STORE_CTX_get_error(context);
    switch (error) {
    case X509_V_ERR_UNABLE_TO_GET_CRL:
    case X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER:
    case X509_V_ERR_CRL_HAS_EXPIRED:
    case X509_V_ERR_CRL_NOT_YET_VALID:
        if (!ok) {
            static_cast<VerifyState *>(X509_STORE_CTX_get_app_data(context))->crlError = error;
            return 1;
        }
        break;
    default:
        break;
    }
    return ok;
}

Error chainError(int error, X509 *certificate, int depth)
{
    const auto make = [error](SmartcardError code, const QString &message) {
        return Error::make(code, message, error);
    };
    const QString subject = nameEntry(X509_get_subject_name(certificate), NID_commonName);
    switch (error) {
    case X509_V_ERR_CERT_HAS_EXPIRED: {
        const QString date = nhsDate(toDateTime(X509_get0_notAfter(certificate)));
        if (depth == 0) {
            return make(SmartcardError::CertificateExpired,
                        tr("Your card's certificate expired on %1. Ask your Registration "
                           "Authority for a renewed card.")
                            .arg(date));
        }
        return make(SmartcardError::CertificateExpired,
                    tr("The certificate of %1, which vouches for your card, expired on %2. "
                       "Tell the IT desk.")
                        .arg(subject, date));
    }
    case X509_V_ERR_CERT_NOT_YET_VALID: {
        const QString date = nhsDate(toDateTime(X509_get0_notBefore(certificate)));
        const QString what = depth == 0
            ? tr("Your card's certificate is not valid until %1.").arg(date)
            : tr("The certificate of %1, which vouches for your card, is not valid until %2.")
                  .arg(subject, date);
        return make(SmartcardError::CertificateNotYetValid,
                    what + u' '
                        + tr("Check the workstation's date and time; if they are right, ask "
                             "your Registration Authority."));
    }
    case X509_V_ERR_CERT_REVOKED:
        return make(SmartcardError::CertificateRevoked,
                    depth == 0 ? tr("Your card's certificate has been revoked, so the card "
                                    "cannot be used. Ask your Registration Authority.")
                               : tr("The certificate of %1, which vouches for your card, has "
                                    "been revoked. Tell the IT desk.")
                                     .arg(subject));
    case X509_V_ERR_UNABLE_TO_GET_CRL:
    case X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER:
    case X509_V_ERR_CRL_HAS_EXPIRED:
    case X509_V_ERR_CRL_NOT_YET_VALID:
    case X509_V_ERR_CRL_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE:
    case X509_V_ERR_OCSP_VERIFY_FAILED:
        return make(SmartcardError::RevocationUnknown,
                    tr("Lanyard could not check whether your card's certificate has been "
                       "revoked, and this workstation requires that check. Try again in a few "
                       "minutes; if it keeps happening, tell the IT desk (revocation list or "
                       "OCSP service unavailable)."));
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED:
        return make(SmartcardError::IssuerNotTrusted,
                    tr("Your card's certificate was issued by \"%1\", which this workstation "
                       "does not trust. If this is an NHS smartcard, tell the IT desk.")
                        .arg(nameEntry(X509_get_issuer_name(certificate), NID_commonName)));
    default:
        return make(SmartcardError::IssuerNotTrusted,
                    tr("Your card's certificate could not be verified (%1). Tell the IT desk.")
                        .arg(QString::fromLatin1(X509_verify_cert_error_string(error))));
    }
}

// RFC 5280 §4.2.1.3 and §4.2.1.12: a card used to sign in must allow digital signatures and
// TLS client authentication; both extensions must be present.
bool allowsClientAuthentication(X509 *certificate)
{
    const uint32_t flags = X509_get_extension_flags(certificate);
    return (flags & EXFLAG_KUSAGE) && (X509_get_key_usage(certificate) & KU_DIGITAL_SIGNATURE)
        && (flags & EXFLAG_XKUSAGE) && (X509_get_extended_key_usage(certificate) & XKU_SSL_CLIENT);
}

} // namespace

CertificateValidator::CertificateValidator(std::shared_ptr<const Private> state)
    : d(std::move(state))
{
}

Result<CertificateValidator> CertificateValidator::create(Config config)
{
    auto p = std::make_shared<Private>();
    if (config.trustAnchorFiles.isEmpty())
        return configError(tr("the trust anchor list"), tr("is empty"));
    for (const QString &file : std::as_const(config.trustAnchorFiles)) {
        if (auto read = readPem(file, p->anchors); !read)
            return read.error();
    }
    for (const QString &file : std::as_const(config.intermediateFiles)) {
        if (auto read = readPem(file, p->intermediates); !read)
            return read.error();
    }
    for (const QString &file : std::as_const(config.crlFiles)) {
        if (auto read = readPem(file, p->crls); !read)
            return read.error();
    }
    if (!config.now)
        config.now = [] { return QDateTime::currentDateTimeUtc(); };
    p->config = std::move(config);
    return CertificateValidator(std::move(p));
}

Result<CardHolder> CertificateValidator::validate(const QByteArray &certificateDer) const
{
    return validate(certificateDer, {});
}

Result<CardHolder> CertificateValidator::validate(const QByteArray &certificateDer,
                                                  const QList<QByteArray> &chainDer) const
{
    const Config &config = d->config;
    auto holder = CardHolder::fromCertificate(certificateDer);
    if (!holder && holder.error().is(SmartcardError::CertificateMalformed))
        return holder;
    const X509Ptr certificate = x509FromDer(certificateDer);

    const X509StorePtr store(X509_STORE_new());
    const X509StackPtr untrusted(sk_X509_new_null());
    const X509StoreCtxPtr context(X509_STORE_CTX_new());
    if (!store || !untrusted || !context)
        return Error::make(SmartcardError::OperationFailed, tr("Out of memory."));
    for (const X509Ptr &anchor : d->anchors)
        X509_STORE_add_cert(store.get(), anchor.get());
    for (const X509CrlPtr &crl : d->crls)
        X509_STORE_add_crl(store.get(), crl.get());
    for (const X509Ptr &intermediate : d->intermediates) {
        X509_up_ref(intermediate.get());
        sk_X509_push(untrusted.get(), intermediate.get());
    }
    for (const QByteArray &der : chainDer) {
        if (X509Ptr extra = x509FromDer(der); extra && sk_X509_push(untrusted.get(), extra.get()))
            extra.release();
    }
    const QDateTime now = config.now();
    // On the store, so that the OCSP response is verified at the same instant.
    X509_VERIFY_PARAM *storeParam = X509_STORE_get0_param(store.get());
    X509_VERIFY_PARAM_set_time(storeParam, time_t(now.toSecsSinceEpoch()));
    // Any configured anchor ends a chain: production may trust the NHS issuing CAs directly.
    X509_VERIFY_PARAM_set_flags(storeParam, X509_V_FLAG_PARTIAL_CHAIN);

    VerifyState state;
    if (X509_STORE_CTX_init(context.get(), store.get(), certificate.get(), untrusted.get()) != 1)
        return Error::make(SmartcardError::OperationFailed, tr("Out of memory."));
    X509_STORE_CTX_set_app_data(context.get(), &state);
    X509_STORE_CTX_set_verify_cb(context.get(), tolerateUnavailableCrl);
    if (!d->crls.empty()) {
        X509_VERIFY_PARAM_set_flags(X509_STORE_CTX_get0_param(context.get()),
                                    X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
    }
    if (X509_verify_cert(context.get()) != 1) {
        const int error = X509_STORE_CTX_get_error(context.get());
        const int depth = X509_STORE_CTX_get_error_depth(context.get());
        X509 *failed = X509_STORE_CTX_get_current_cert(context.get());
        qCWarning(lcCertificate) << "certificate refused at depth" << depth << ":"
                                 << X509_verify_cert_error_string(error);
        return chainError(error, failed ? failed : certificate.get(), depth);
    }
    if (!allowsClientAuthentication(certificate.get())) {
        qCWarning(lcCertificate) << "certificate lacks digitalSignature or clientAuth";
        return Error::make(SmartcardError::WrongKeyUsage,
                           tr("This certificate is not one for signing in (it does not allow "
                              "digital signatures and client authentication). Make sure the "
                              "card is an NHS smartcard; if it is, ask your Registration "
                              "Authority."),
                           X509_V_ERR_INVALID_PURPOSE);
    }
    if (!holder)
        return holder;

    // Revocation: every configured source is asked; one answer is enough, any "revoked" wins.
    bool revocationKnown = !d->crls.empty() && state.crlError == X509_V_OK;
    int unknownReason = d->crls.empty() ? X509_V_ERR_UNABLE_TO_GET_CRL : state.crlError;
    const STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(context.get());
    const QUrl responder = config.ocspUrl.isEmpty() ? ocspResponderOf(certificate.get())
                                                    : config.ocspUrl;
    if (config.ocspEnabled && responder.isValid() && sk_X509_num(chain) > 1) {
        const OcspAnswer answer = queryOcsp({certificate.get(), sk_X509_value(chain, 1),
                                             untrusted.get(), store.get(), responder, now,
                                             config.ocspConnectTimeout, config.ocspTimeout});
        if (answer.status == OcspAnswer::Revoked) {
            qCWarning(lcCertificate) << "OCSP: certificate revoked on" << answer.revokedAt
                                     << answer.detail;
            return chainError(X509_V_ERR_CERT_REVOKED, certificate.get(), 0);
        }
        if (answer.status == OcspAnswer::Good) {
            revocationKnown = true;
        } else {
            qCWarning(lcCertificate) << answer.detail;
            unknownReason = X509_V_ERR_OCSP_VERIFY_FAILED;
        }
    }
    if (!revocationKnown) {
        qCWarning(lcCertificate) << "revocation status unknown:"
                                 << X509_verify_cert_error_string(unknownReason);
        if (config.requireRevocationCheck)
            return chainError(unknownReason, certificate.get(), 0);
    }
    qCInfo(lcCertificate) << "certificate accepted, issued by" << holder->issuer;
    return holder;
}

} // namespace Lanyard::Smartcard
