// lanyard-browser's one window: a QWebEngineView on an off-the-record profile (nothing on disk),
// driven by the web plugin's commands (browsercommands.h) and reporting what it loaded.
#pragma once

#include <QJsonObject>
#include <QMainWindow>
#include <QUrl>

class QWebEngineCertificateError;
class QWebEnginePage;
class QWebEngineProfile;
class QWebEngineView;

namespace Lanyard::Browser {

class BrowserWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit BrowserWindow(QString caBundleFile, QWidget *parent = nullptr);
    ~BrowserWindow() override;

    // {"cmd": "launch" | "navigate" | "hide" | "end", ...} (docs/plugins.md "The built-in web plugin")
    void handle(QJsonObject command);

signals:
    void event(const QJsonObject &event); // written to stdout, one JSON line each
    void finished();

private:
    void launch(QJsonObject &command);
    void load(const QUrl &url);
    void end();
    void onCertificateError(const QWebEngineCertificateError &error);

    QString m_caBundle;
    QWebEngineProfile *m_profile = nullptr;
    QWebEnginePage *m_page = nullptr;
    QWebEngineView *m_view = nullptr;
    bool m_ending = false;
};

// What may be reported of a URL: scheme, host, port and path; never the query (authorization
// codes) or the fragment (the hub's token).
QString reportable(const QUrl &url);

} // namespace Lanyard::Browser
