#pragma once

// Internal to core/http: what an HttpExchange handle shares with its connection.

#include "ConnectionBudget.h"
#include "HttpRequest.h"

#include <QHostAddress>
#include <QMutex>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace fvpn {

class HttpConnection;
class HttpExchange;

// Posts work to one worker thread for as long as the worker exists; afterwards
// posts are dropped. Shared by the worker and every exchange of its connections.
class HttpWorkerMailbox
{
public:
    explicit HttpWorkerMailbox(QObject *target);

    QThread *thread() const { return m_thread; }
    // Runs `work` on the worker thread: now when already on it, else queued.
    // False when the worker is gone.
    bool run(std::function<void()> work);
    void close();

private:
    QMutex m_mutex;
    QObject *m_target;
    QThread *const m_thread;
};

struct HttpExchangeState
{
    HttpRequest request;
    QHostAddress peer;
    QString source;
    bool tls = false;
    int retryAfterSecs = 5;
    std::shared_ptr<HttpWorkerMailbox> mailbox;
    std::shared_ptr<ConnectionBudget> budget;

    // Worker thread only: the connection, until it ends.
    HttpConnection *connection = nullptr;

    std::atomic<bool> open { true };
    mutable QMutex mutex;
    bool answered = false; // guarded
    bool streaming = false; // guarded
    bool ended = false; // guarded
    bool waiting = false; // counted in the waiting class; guarded
    bool clientLeft = false; // the connection ended before the answer did; guarded
    std::function<void()> gone; // guarded
    qint64 timeoutAt = 0; // steady ms, 0 = none; guarded
    std::function<void(HttpExchange)> timeout; // guarded
};

// Milliseconds of a monotonic clock, for deadlines.
qint64 steadyNowMs();

} // namespace fvpn
