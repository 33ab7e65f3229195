// A FHIRcast STU3 (3.0.0) hub inside Lanyard, on loopback only: applications subscribe with the
// Bearer token Lanyard issued them for this session, receive Patient-open / Patient-close over a
// WebSocket, and may publish a patient change themselves, which moves the banner and every
// other application. Exact formats: DOMAIN.md and HL7 fhircast-docs 3.0.0.
#pragma once

#include <lanyard/context/contexterror.h>

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>

namespace Lanyard::Context {

class FhircastHub : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        quint16 port = 0;      // 0: a free port; always bound to 127.0.0.1, never anything else
        QString topic;         // empty: a random topic for this session
        std::chrono::milliseconds acknowledgementTimeout{10000}; // FHIRcast: 10 s
        std::chrono::seconds maximumLease{3600 * 24};
    };

    static Result<std::unique_ptr<FhircastHub>> start(const Config &config, QObject *parent = nullptr);
    // The same in two steps: create() makes the hub, which keeps context and tokens but answers
    // nobody until listen() (url() has port 0 until then). The shell listens once its lock screen
    // is up, because making the HTTP side costs milliseconds of its cold start. listen() again
    // after it has succeeded does nothing.
    static Result<std::unique_ptr<FhircastHub>> create(const Config &config, QObject *parent = nullptr);
    Result<void> listen();
    bool isListening() const;
    ~FhircastHub() override;

    QUrl url() const;      // http://127.0.0.1:PORT/fhircast (the hub.url apps get)
    QString topic() const;

    // A Bearer token for one application for this session; tokens() of ended sessions are
    // revoked with revokeAllTokens(), which also closes every subscription.
    QByteArray issueToken(const QString &applicationId);
    void revokeAllTokens();

    // Lanyard's own changes (the banner): broadcast to every subscriber.
    void openPatient(const QJsonObject &patientResource);
    void closePatient();
    void userLogout();     // the session ended: subscribers log out
    void userHibernate();  // the session locked: subscribers hide patient data

    QJsonObject currentPatient() const; // empty when none is open
    int subscriberCount() const;

signals:
    // A subscriber published: the banner follows (its own openPatient() is not echoed here).
    void patientOpenedBySubscriber(const QJsonObject &patientResource, const QString &applicationId);
    void patientClosedBySubscriber(const QString &applicationId);
    // A subscriber refused the context, did not acknowledge in time, or dropped abnormally.
    void syncErrorRaised(const QString &applicationId, const QString &reason);
    void subscribersChanged(int count);

private:
    explicit FhircastHub(QObject *parent);
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Lanyard::Context
