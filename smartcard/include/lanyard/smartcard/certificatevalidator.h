// Decides whether a card's authentication certificate may sign someone in: it must chain to the
// configured trust anchors (NHS root and issuing CAs in production), be within its dates at
// "now", allow digitalSignature and clientAuth, and not be revoked (CRL files and/or OCSP).
// The identity then comes from the certificate (CardHolder). validate() may block on OCSP for
// up to the configured timeouts: call it off the GUI thread. Copies share the loaded state;
// a validator is immutable and safe to use from several threads.
#pragma once

#include <lanyard/smartcard/cardholder.h>

#include <QList>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

namespace Lanyard::Smartcard {

class CertificateValidator
{
public:
    struct Config
    {
        QStringList trustAnchorFiles;  // PEM, one or more certificates each
        QStringList intermediateFiles; // PEM; untrusted, only used to build the chain
        QStringList crlFiles;          // PEM; when set, every certificate in the chain is checked
        bool requireRevocationCheck = false; // refuse when neither CRL nor OCSP gives an answer
        bool ocspEnabled = false;
        QUrl ocspUrl; // overrides the certificate's AIA OCSP responder when set
        std::chrono::milliseconds ocspConnectTimeout{5000};
        std::chrono::milliseconds ocspTimeout{5000}; // the whole exchange
        std::function<QDateTime()> now; // defaults to the system clock
    };

    // Loads the PEM files; fails (OperationFailed) naming a file that cannot be read or holds
    // nothing usable.
    static Result<CertificateValidator> create(Config config);

    Result<CardHolder> validate(const QByteArray &certificateDer) const;
    // chainDer: further certificates read from the card (DER), used as intermediates.
    Result<CardHolder> validate(const QByteArray &certificateDer,
                                const QList<QByteArray> &chainDer) const;

private:
    struct Private;
    explicit CertificateValidator(std::shared_ptr<const Private> state);
    std::shared_ptr<const Private> d;
};

} // namespace Lanyard::Smartcard
