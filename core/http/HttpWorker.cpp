#include "HttpWorker.h"

#include "HttpConnection.h"

#include <QThread>

#include <unistd.h>

namespace fvpn {

HttpWorker::HttpWorker() = default;

HttpWorker::~HttpWorker()
{
    if (m_mailbox)
        m_mailbox->close();
}

void HttpWorker::setUp()
{
    m_mailbox = std::make_shared<HttpWorkerMailbox>(this);
    m_sweep = new QTimer(this);
    m_sweep->setInterval(SweepIntervalMs);
    m_sweep->setTimerType(Qt::CoarseTimer);
    connect(m_sweep, &QTimer::timeout, this, &HttpWorker::sweep);
}

void HttpWorker::adopt(qintptr descriptor, const std::shared_ptr<const HttpServerContext> &context,
                       const QString &source, const QHostAddress &peer)
{
    auto *connection = new HttpConnection(context, this, source, peer);
    m_connections.insert(connection);
    if (!connection->start(descriptor)) {
        ::close(int(descriptor));
        m_connections.remove(connection);
        --m_assigned;
        context->budget->releaseQuick(source);
        delete connection;
        return;
    }
    if (!m_sweep->isActive())
        m_sweep->start();
}

void HttpWorker::remove(HttpConnection *connection)
{
    if (m_connections.remove(connection))
        --m_assigned;
    if (m_connections.isEmpty())
        m_sweep->stop();
}

void HttpWorker::closeAll(const HttpServerContext *context)
{
    const QSet<HttpConnection *> connections = m_connections;
    for (HttpConnection *connection : connections) {
        if (!context || connection->context() == context) {
            connection->abortConnection();
            delete connection;
        }
    }
}

void HttpWorker::sweep()
{
    const qint64 now = steadyNowMs();
    // A copy: a sweep may end connections (they leave the set, deleted later).
    const QSet<HttpConnection *> connections = m_connections;
    for (HttpConnection *connection : connections)
        connection->sweep(now);
}

HttpWorkerPool::HttpWorkerPool(int threads)
{
    for (int i = 0; i < qMax(1, threads); ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("http-%1").arg(i));
        auto *worker = new HttpWorker;
        worker->moveToThread(thread);
        thread->start();
        QMetaObject::invokeMethod(worker, &HttpWorker::setUp, Qt::BlockingQueuedConnection);
        m_threads.append(thread);
        m_workers.append(worker);
    }
}

HttpWorkerPool::~HttpWorkerPool()
{
    for (qsizetype i = 0; i < m_workers.size(); ++i) {
        HttpWorker *worker = m_workers[i];
        QMetaObject::invokeMethod(
            worker,
            [worker] {
                worker->closeAll(nullptr);
                worker->mailbox()->close();
            },
            Qt::BlockingQueuedConnection);
        m_threads[i]->quit();
        m_threads[i]->wait();
        delete worker;
        delete m_threads[i];
    }
}

HttpWorker *HttpWorkerPool::pick()
{
    HttpWorker *best = m_workers.first();
    for (HttpWorker *worker : m_workers) {
        if (worker->connectionCount() < best->connectionCount())
            best = worker;
    }
    best->assign();
    return best;
}

void HttpWorkerPool::closeAll(const HttpServerContext *context)
{
    for (HttpWorker *worker : m_workers) {
        if (QThread::currentThread() == worker->thread())
            worker->closeAll(context);
        else
            QMetaObject::invokeMethod(
                worker, [worker, context] { worker->closeAll(context); }, Qt::BlockingQueuedConnection);
    }
}

} // namespace fvpn
