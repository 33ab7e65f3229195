#include "cardcommands.h"

#include "passcodeprompt.h"
#include "signalwatcher.h"

#include <lanyard/smartcard/cardholder.h>
#include <lanyard/smartcard/readermonitor.h>
#include <lanyard/smartcard/tokensession.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QTimer>

#include <openssl/rand.h>

namespace Lanyard::CardTool {

using namespace Smartcard;

namespace {

constexpr int kScanTimeoutMs = 5000;

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(' ').toUpper());
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QJsonObject holderJson(const CardHolder &holder)
{
    return { { QStringLiteral("userId"), holder.userId },
             { QStringLiteral("name"), holder.displayName },
             { QStringLiteral("issuer"), holder.issuer },
             { QStringLiteral("notAfter"), holder.notAfter.toString(Qt::ISODate) } };
}

} // namespace

CardCommands::CardCommands(Options options, Output output)
    : m_options(std::move(options))
    , m_output(output)
{ }

int CardCommands::fail(const Error &error, const QJsonObject &details) const
{
    QJsonObject object = details;
    object.insert(QStringLiteral("code"), int(exitCodeFor(error)));
    m_output.error(error.message, object);
    return exitCodeFor(error);
}

CardCommands::Snapshot CardCommands::snapshot() const
{
    Snapshot result;
    ReaderMonitor monitor;
    QEventLoop loop;
    QObject::connect(&monitor, &ReaderMonitor::readersScanned, &loop, &QEventLoop::quit);
    QObject::connect(&monitor, &ReaderMonitor::serviceLost, &loop, [&](const Error &error) {
        result.problem = error.message;
        loop.quit();
    });
    QTimer::singleShot(kScanTimeoutMs, &loop, [&] {
        result.problem
            = QCoreApplication::translate("lanyard-card", "The smartcard service did not answer.");
        loop.quit();
    });
    monitor.start();
    loop.exec();
    result.readers = monitor.readers();
    result.cards = monitor.cards();
    monitor.stop();
    return result;
}

Result<QString> CardCommands::chooseReader() const
{
    const Snapshot found = snapshot();
    if (!found.problem.isEmpty())
        return Error::make(SmartcardError::ServiceUnavailable, found.problem);
    if (found.readers.isEmpty()) {
        return Error::make(
            SmartcardError::NoReader,
            QCoreApplication::translate("lanyard-card", "No smartcard reader is connected."));
    }
    if (!m_options.reader.isEmpty()) {
        bool isIndex = false;
        const int index = m_options.reader.toInt(&isIndex);
        if (isIndex && index >= 0 && index < found.readers.size())
            return found.readers.at(index);
        if (found.readers.contains(m_options.reader))
            return m_options.reader;
        return Error::make(SmartcardError::NoReader,
                           QCoreApplication::translate(
                               "lanyard-card", "No reader called \"%1\"; the readers are: %2")
                               .arg(m_options.reader, found.readers.join(QStringLiteral(", "))));
    }
    for (const QString &reader : found.readers) {
        if (found.cards.contains(reader))
            return reader;
    }
    return Error::make(
        SmartcardError::TokenNotFound,
        QCoreApplication::translate("lanyard-card", "No card in any reader. Insert a smartcard."));
}

Result<std::unique_ptr<TokenSession>> CardCommands::openToken() const
{
    const auto reader = chooseReader();
    if (!reader)
        return reader.error();
    return TokenSession::open(m_options.modulePath, reader.value());
}

int CardCommands::readers()
{
    const Snapshot found = snapshot();
    if (!found.problem.isEmpty())
        return fail(Error::make(SmartcardError::ServiceUnavailable, found.problem));
    for (const QString &reader : found.readers) {
        const bool present = found.cards.contains(reader);
        const QString atr = hex(found.cards.value(reader));
        m_output.record(present ? QStringLiteral("%1: card present, ATR %2").arg(reader, atr)
                                : QStringLiteral("%1: no card").arg(reader),
                        { { QStringLiteral("reader"), reader },
                          { QStringLiteral("card"), present },
                          { QStringLiteral("atr"), present ? QJsonValue(atr) : QJsonValue() } });
    }
    if (found.readers.isEmpty())
        m_output.record(QStringLiteral("No smartcard readers."),
                        { { QStringLiteral("readers"), 0 } });
    return Success;
}

int CardCommands::watch()
{
    ReaderMonitor monitor;
    monitor.setReadsBadges(true); // the IT desk wants to see badge UIDs too
    QEventLoop loop;
    int events = 0;
    auto emitEvent = [&](const QString &text, QJsonObject object) {
        object.insert(QStringLiteral("time"), now());
        m_output.record(QStringLiteral("%1 %2").arg(now(), text), object);
        if (m_options.eventLimit > 0 && ++events >= m_options.eventLimit)
            loop.quit();
    };
    const auto event = [](const char *name, const QString &reader) {
        return QJsonObject { { QStringLiteral("event"), QLatin1String(name) },
                             { QStringLiteral("reader"), reader } };
    };
    QObject::connect(&monitor, &ReaderMonitor::readerAdded, &loop, [&](const QString &reader) {
        emitEvent(QStringLiteral("reader added: %1").arg(reader), event("readerAdded", reader));
    });
    QObject::connect(&monitor, &ReaderMonitor::readerRemoved, &loop, [&](const QString &reader) {
        emitEvent(QStringLiteral("reader removed: %1").arg(reader), event("readerRemoved", reader));
    });
    QObject::connect(&monitor, &ReaderMonitor::cardInserted, &loop,
                     [&](const QString &reader, const QByteArray &atr) {
                         QJsonObject object = event("cardInserted", reader);
                         object.insert(QStringLiteral("atr"), hex(atr));
                         emitEvent(QStringLiteral("card inserted: %1 ATR %2").arg(reader, hex(atr)),
                                   object);
                     });
    QObject::connect(&monitor, &ReaderMonitor::cardRemoved, &loop, [&](const QString &reader) {
        emitEvent(QStringLiteral("card removed: %1").arg(reader), event("cardRemoved", reader));
    });
    QObject::connect(&monitor, &ReaderMonitor::badgeRead, &loop,
                     [&](const QString &reader, const QByteArray &uid) {
                         QJsonObject object = event("badgeRead", reader);
                         object.insert(QStringLiteral("uid"), hex(uid));
                         emitEvent(QStringLiteral("badge UID %1 in %2").arg(hex(uid), reader),
                                   object);
                     });
    QObject::connect(&monitor, &ReaderMonitor::serviceLost, &loop, [&](const Error &error) {
        emitEvent(QStringLiteral("smartcard service lost: %1").arg(error.message),
                  { { QStringLiteral("event"), QStringLiteral("serviceLost") },
                    { QStringLiteral("message"), error.message } });
    });
    QObject::connect(&monitor, &ReaderMonitor::serviceRestored, &loop, [&] {
        emitEvent(QStringLiteral("smartcard service restored"),
                  { { QStringLiteral("event"), QStringLiteral("serviceRestored") } });
    });
    SignalWatcher interrupted;
    QObject::connect(&interrupted, &SignalWatcher::interrupted, &loop, &QEventLoop::quit);
    monitor.start();
    loop.exec();
    monitor.stop();
    return Success;
}

int CardCommands::certs()
{
    auto session = openToken();
    if (!session)
        return fail(session.error());
    const QString reader = session.value()->reader();
    const auto certificates = session.value()->certificates();
    if (!certificates)
        return fail(certificates.error());
    const auto authentication = session.value()->authenticationCertificate();
    for (const CardCertificate &certificate : certificates.value()) {
        const bool isAuthentication = authentication.ok() && authentication->der == certificate.der;
        QJsonObject object { { QStringLiteral("reader"), reader },
                             { QStringLiteral("label"), certificate.label },
                             { QStringLiteral("id"), QString::fromLatin1(certificate.id.toHex()) },
                             { QStringLiteral("authentication"), isAuthentication } };
        QString text = QStringLiteral("%1 [id %2]%3")
                           .arg(certificate.label, QString::fromLatin1(certificate.id.toHex()),
                                isAuthentication ? QStringLiteral(" (authentication)") : QString());
        if (const auto holder = CardHolder::fromCertificate(certificate.der)) {
            object.insert(QStringLiteral("holder"), holderJson(holder.value()));
            text += QStringLiteral(": %1, user id %2, issued by %3, expires %4")
                        .arg(holder->displayName, holder->userId, holder->issuer,
                             holder->notAfter.toString(QStringLiteral("dd-MMM-yyyy")));
        }
        m_output.record(text, object);
    }
    return Success;
}

int CardCommands::login()
{
    auto session = openToken();
    if (!session)
        return fail(session.error());
    const QString reader = session.value()->reader();
    TokenSession &token = *session.value();
    const auto certificate = token.authenticationCertificate();
    if (!certificate)
        return fail(certificate.error());

    QString typed
        = readPasscode(m_options.passcodeFromStdin,
                       QStringLiteral("Passcode for the card in %1: ").arg(reader));
    auto passcode = Passcode::fromTyped(typed);
    Passcode::wipe(typed);
    if (!passcode)
        return fail(passcode.error());
    if (const auto loggedIn = token.login(std::move(passcode.value())); !loggedIn)
        return fail(loggedIn.error(), { { QStringLiteral("reader"), reader } });

    QByteArray challenge(32, Qt::Uninitialized);
    RAND_bytes(reinterpret_cast<unsigned char *>(challenge.data()), int(challenge.size()));
    const SignatureScheme scheme = defaultSignatureScheme(certificate->der);
    const auto signature = token.sign(challenge, scheme);
    token.logout();
    if (!signature)
        return fail(signature.error());
    if (!signatureVerifies(certificate->der, challenge, signature.value(), scheme)) {
        return fail(
            Error::make(SmartcardError::OperationFailed,
                        QCoreApplication::translate("lanyard-card",
                                                    "The card's signature does not match its "
                                                    "certificate. The card may be faulty.")));
    }
    m_output.record(QStringLiteral("Passcode accepted; the card signed a challenge and the "
                                   "signature verifies against its certificate."),
                    { { QStringLiteral("reader"), reader },
                      { QStringLiteral("login"), true },
                      { QStringLiteral("signature"), QStringLiteral("verified") } });

    if (m_options.validation.trustAnchorFiles.isEmpty()) {
        m_output.record(QStringLiteral("Certificate chain: not checked (give --trust FILE)."),
                        { { QStringLiteral("chain"), QStringLiteral("not checked") } });
        return Success;
    }
    const auto validator = CertificateValidator::create(m_options.validation);
    if (!validator)
        return fail(validator.error());
    const auto holder = validator->validate(certificate->der);
    if (!holder) {
        return fail(holder.error(),
                    { { QStringLiteral("chain"), QStringLiteral("rejected") },
                      { QStringLiteral("reason"), holder.error().message } });
    }
    QJsonObject object = holderJson(holder.value());
    object.insert(QStringLiteral("chain"), QStringLiteral("valid"));
    m_output.record(QStringLiteral("Certificate chain: valid. %1, user id %2.")
                        .arg(holder->displayName, holder->userId),
                    object);
    return Success;
}

} // namespace Lanyard::CardTool
