#include "tlsverifier.h"

#include <QFile>
#include <QHostAddress>

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>

namespace Lanyard::Browser {

namespace {

struct StoreFree { void operator()(X509_STORE *p) const { X509_STORE_free(p); } };
struct CtxFree { void operator()(X509_STORE_CTX *p) const { X509_STORE_CTX_free(p); } };
struct CertFree { void operator()(X509 *p) const { X509_free(p); } };
struct StackFree { void operator()(STACK_OF(X509) *p) const { sk_X509_pop_free(p, X509_free); } };

std::unique_ptr<X509, CertFree> toX509(const QSslCertificate &certificate)
{
    const QByteArray der = certificate.toDer();
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    return std::unique_ptr<X509, CertFree>(d2i_X509(nullptr, &data, der.size()));
}

} // namespace

TlsVerdict verifyChain(const QList<QSslCertificate> &chain, const QString &host,
                       const QString &caBundleFile)
{
    if (chain.isEmpty())
        return {false, QStringLiteral("no certificate was presented")};
    if (caBundleFile.isEmpty() || !QFile::exists(caBundleFile))
        return {false, QStringLiteral("no CA bundle is configured (settings.caBundle)")};
    std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
    if (!store || X509_STORE_load_file(store.get(), QFile::encodeName(caBundleFile).constData()) != 1)
        return {false, QStringLiteral("the CA bundle could not be read")};
    auto leaf = toX509(chain.first());
    std::unique_ptr<STACK_OF(X509), StackFree> intermediates(sk_X509_new_null());
    if (!leaf || !intermediates)
        return {false, QStringLiteral("the certificate could not be read")};
    for (qsizetype i = 1; i < chain.size(); ++i) {
        if (auto certificate = toX509(chain.at(i)))
            sk_X509_push(intermediates.get(), certificate.release());
    }
    std::unique_ptr<X509_STORE_CTX, CtxFree> context(X509_STORE_CTX_new());
    if (!context || X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), intermediates.get()) != 1)
        return {false, QStringLiteral("OpenSSL could not start verifying")};
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(context.get());
    X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_SSL_SERVER);
    const QByteArray name = host.toUtf8();
    const bool isAddress = !QHostAddress(host).isNull();
    if ((isAddress ? X509_VERIFY_PARAM_set1_ip_asc(param, name.constData())
                   : X509_VERIFY_PARAM_set1_host(param, name.constData(), size_t(name.size())))
        != 1)
        return {false, QStringLiteral("the host name could not be checked")};
    if (X509_verify_cert(context.get()) == 1)
        return {true, {}};
    return {false, QString::fromLatin1(X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get())))};
}

} // namespace Lanyard::Browser
