// libcurl's multi interface driven by the owning thread's Qt event loop (STYLE.md 7): a
// QSocketNotifier per socket curl wants watched and one QTimer for curl's timeout, so transfers
// progress without a thread per request and nothing ever blocks. One CurlMulti keeps one
// connection cache: later requests to the same server reuse the TLS connection. The multi handle
// (and with it libcurl, common/curl/lazycurl.h) is made on the first transfer, not before: the
// shell makes its PDS client at start, long before anyone looks a patient up.
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <curl/curl.h>

#include <functional>

class QSocketNotifier;

namespace Lanyard::Context::Internal {

class CurlMulti : public QObject
{
    Q_OBJECT
public:
    explicit CurlMulti(QObject *parent = nullptr);
    ~CurlMulti() override; // aborts every transfer still under way

    // Runs the easy handle's transfer; `finished` is called on this thread once it is done (with
    // its CURLcode), by then removed from the multi handle. The easy handle stays the caller's
    // to free, after `finished` or abort(). `finished` may start or abort other transfers; it
    // must not destroy this object.
    using Finished = std::function<void(CURLcode)>;
    bool start(CURL *easy, Finished finished);
    // Stops a transfer under way without calling `finished`.
    void abort(CURL *easy);

private:
    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };

    static int onSocket(CURL *easy, curl_socket_t socket, int what, void *self, void *);
    static int onTimer(CURLM *multi, long timeoutMs, void *self);
    void watch(curl_socket_t socket, int what);
    void act(curl_socket_t socket, int events);
    bool ensureMulti(); // makes m_multi on first use: false if libcurl cannot make one

    CURLM *m_multi = nullptr;
    QTimer m_timer;
    QHash<curl_socket_t, Watch> m_watches;
    QHash<CURL *, Finished> m_transfers;
    QSet<CURL *> m_finishing; // done, about to be called back (abort() takes them out)
};

} // namespace Lanyard::Context::Internal
