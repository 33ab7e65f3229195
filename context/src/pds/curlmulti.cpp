#include "pds/curlmulti.h"

#include "pds/pdslogging.h"

#include <QSocketNotifier>

#include <mutex>

namespace Lanyard::Context::Internal {

CurlMulti::CurlMulti(QObject *parent)
    : QObject(parent)
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    // curl's deadlines (connect and request timeouts) are in milliseconds: a coarse timer could
    // fire early or 5 % late.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { act(CURL_SOCKET_TIMEOUT, 0); });
}

CurlMulti::~CurlMulti()
{
    m_timer.stop();
    if (!m_multi)
        return; // never used
    for (auto it = m_transfers.cbegin(); it != m_transfers.cend(); ++it)
        curl_multi_remove_handle(m_multi, it.key());
    m_transfers.clear();
    curl_multi_cleanup(m_multi); // closes the cached connections (their notifiers go with us)
}

bool CurlMulti::ensureMulti()
{
    if (m_multi)
        return true;
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_multi = curl_multi_init();
    if (!m_multi)
        return false;
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlMulti::onSocket);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlMulti::onTimer);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    return true;
}

bool CurlMulti::start(CURL *easy, Finished finished)
{
    if (!easy || !ensureMulti())
        return false;
    if (curl_multi_add_handle(m_multi, easy) != CURLM_OK)
        return false;
    m_transfers.insert(easy, std::move(finished));
    // curl asks for a timer of 0 ms through onTimer: the transfer starts from the event loop.
    return true;
}

void CurlMulti::abort(CURL *easy)
{
    if (m_transfers.remove(easy)) // only there once m_multi is made
        curl_multi_remove_handle(m_multi, easy);
    m_finishing.remove(easy); // finished in this round, not yet called back: it won't be
}

int CurlMulti::onSocket(CURL *, curl_socket_t socket, int what, void *self, void *)
{
    static_cast<CurlMulti *>(self)->watch(socket, what);
    return 0;
}

int CurlMulti::onTimer(CURLM *, long timeoutMs, void *self)
{
    auto *multi = static_cast<CurlMulti *>(self);
    // Never act from inside this callback (libcurl forbids re-entering socket_action here).
    if (timeoutMs < 0)
        multi->m_timer.stop();
    else
        multi->m_timer.start(int(qMin<long>(timeoutMs, 24L * 3600 * 1000)));
    return 0;
}

void CurlMulti::watch(curl_socket_t socket, int what)
{
    // Notifiers may be the one whose activation we are in: disable now, delete later.
    const auto retire = [](QSocketNotifier *&notifier) {
        if (!notifier)
            return;
        notifier->setEnabled(false);
        notifier->deleteLater();
        notifier = nullptr;
    };
    if (what == CURL_POLL_REMOVE) {
        auto it = m_watches.find(socket);
        if (it != m_watches.end()) {
            retire(it->read);
            retire(it->write);
            m_watches.erase(it);
        }
        return;
    }
    Watch &w = m_watches[socket];
    const auto want
        = [&](QSocketNotifier *&notifier, QSocketNotifier::Type type, bool on, int event) {
              if (!on) {
                  if (notifier)
                      notifier->setEnabled(false);
                  return;
              }
              if (!notifier) {
                  notifier = new QSocketNotifier(qintptr(socket), type, this);
                  connect(notifier, &QSocketNotifier::activated, this,
                          [this, socket, event] { act(socket, event); });
              }
              notifier->setEnabled(true);
          };
    want(w.read, QSocketNotifier::Read, what & CURL_POLL_IN, CURL_CSELECT_IN);
    want(w.write, QSocketNotifier::Write, what & CURL_POLL_OUT, CURL_CSELECT_OUT);
}

void CurlMulti::act(curl_socket_t socket, int events)
{
    int stillRunning = 0;
    const CURLMcode code = curl_multi_socket_action(m_multi, socket, events, &stillRunning);
    if (code != CURLM_OK)
        qCWarning(lcPds) << "curl_multi_socket_action failed:" << curl_multi_strerror(code);

    // Collect first, then call back: a callback may start or abort transfers.
    QList<std::tuple<CURL *, Finished, CURLcode>> finished;
    int queued = 0;
    while (CURLMsg *message = curl_multi_info_read(m_multi, &queued)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        CURL *easy = message->easy_handle; // `message` dies with remove_handle: copy first
        const CURLcode result = message->data.result;
        curl_multi_remove_handle(m_multi, easy);
        if (auto it = m_transfers.find(easy); it != m_transfers.end()) {
            finished.append({ easy, std::move(it.value()), result });
            m_finishing.insert(easy);
            m_transfers.erase(it);
        }
    }
    for (auto &[easy, callback, result] : finished) {
        if (m_finishing.remove(easy))
            callback(result);
    }
}

} // namespace Lanyard::Context::Internal
