#pragma once

// Internal to core/http: the threads connections live on.

#include "HttpExchangeState.h"
#include "HttpServerContext.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <atomic>
#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace fvpn {

class HttpConnection;

// One worker thread's connections and its one sweep timer, which keeps every
// deadline of every connection on this thread (no timer per connection).
class HttpWorker : public QObject
{
    Q_OBJECT

public:
    static constexpr int SweepIntervalMs = 250;

    HttpWorker();
    ~HttpWorker() override;

    // Valid once the worker is on its thread.
    std::shared_ptr<HttpWorkerMailbox> mailbox() const { return m_mailbox; }
    void setUp();

    // On the worker thread.
    void adopt(qintptr descriptor, const std::shared_ptr<const HttpServerContext> &context,
               const QString &source, const QHostAddress &peer);
    void remove(HttpConnection *connection);
    // Ends the connections of one server (every connection when null).
    void closeAll(const HttpServerContext *context);
    // Connections assigned to this worker (counted from the moment they are picked).
    int connectionCount() const { return m_assigned.load(); }
    void assign() { ++m_assigned; }

private:
    void sweep();

    std::shared_ptr<HttpWorkerMailbox> m_mailbox;
    QTimer *m_sweep = nullptr;
    QSet<HttpConnection *> m_connections;
    std::atomic<int> m_assigned { 0 };
};

// The worker threads (2 by default), shared by every listener of the hub.
class HttpWorkerPool
{
public:
    explicit HttpWorkerPool(int threads = 2);
    ~HttpWorkerPool();
    HttpWorkerPool(const HttpWorkerPool &) = delete;
    HttpWorkerPool &operator=(const HttpWorkerPool &) = delete;

    // The worker for the next connection (the one with the fewest), counted as assigned.
    HttpWorker *pick();
    const QList<HttpWorker *> &workers() const { return m_workers; }
    // Ends one server's connections on every worker and waits until they are gone.
    void closeAll(const HttpServerContext *context);

private:
    QList<QThread *> m_threads;
    QList<HttpWorker *> m_workers;
};

} // namespace fvpn
