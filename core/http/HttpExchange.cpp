#include "HttpExchange.h"

#include "HttpConnection.h"
#include "HttpExchangeState.h"

#include <QThread>

#include <chrono>

namespace fvpn {

qint64 steadyNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

HttpWorkerMailbox::HttpWorkerMailbox(QObject *target)
    : m_target(target)
    , m_thread(target->thread())
{ }

bool HttpWorkerMailbox::run(std::function<void()> work)
{
    if (QThread::currentThread() == m_thread) {
        // On the worker itself the target is alive (it is closed on this thread).
        QMutexLocker lock(&m_mutex);
        if (!m_target)
            return false;
        lock.unlock();
        work();
        return true;
    }
    QMutexLocker lock(&m_mutex);
    if (!m_target)
        return false;
    QMetaObject::invokeMethod(m_target, std::move(work), Qt::QueuedConnection);
    return true;
}

void HttpWorkerMailbox::close()
{
    QMutexLocker lock(&m_mutex);
    m_target = nullptr;
}

HttpExchange::HttpExchange(std::shared_ptr<HttpExchangeState> state)
    : d(std::move(state))
{ }

const HttpRequest &HttpExchange::request() const
{
    static const HttpRequest none;
    return d ? d->request : none;
}

QHostAddress HttpExchange::peerAddress() const
{
    return d ? d->peer : QHostAddress();
}

QString HttpExchange::source() const
{
    return d ? d->source : QString();
}

bool HttpExchange::isTls() const
{
    return d && d->tls;
}

QThread *HttpExchange::thread() const
{
    return d ? d->mailbox->thread() : nullptr;
}

bool HttpExchange::isOpen() const
{
    return d && d->open.load();
}

bool HttpExchange::isAnswered() const
{
    if (!d)
        return false;
    QMutexLocker lock(&d->mutex);
    return d->answered;
}

void HttpExchange::respond(HttpResponse response)
{
    if (!d)
        return;
    {
        QMutexLocker lock(&d->mutex);
        if (d->answered || !d->open)
            return;
        d->answered = true;
        d->timeout = nullptr;
        d->timeoutAt = 0;
    }
    d->mailbox->run([state = d, response = std::move(response)]() mutable {
        if (HttpConnection *connection = state->connection)
            connection->sendResponse(state, std::move(response));
    });
}

bool HttpExchange::beginStream(int status, QList<QPair<QByteArray, QByteArray>> headers)
{
    if (!d)
        return false;
    {
        QMutexLocker lock(&d->mutex);
        if (d->answered || !d->open)
            return false;
        d->answered = true;
        d->streaming = true;
    }
    return d->mailbox->run([state = d, status, headers = std::move(headers)]() mutable {
        if (HttpConnection *connection = state->connection)
            connection->beginStream(state, status, std::move(headers));
    });
}

bool HttpExchange::write(QByteArray bytes)
{
    if (!d)
        return false;
    {
        QMutexLocker lock(&d->mutex);
        if (!d->streaming || d->ended || !d->open)
            return false;
    }
    if (bytes.isEmpty())
        return true;
    return d->mailbox->run([state = d, bytes = std::move(bytes)]() mutable {
        if (HttpConnection *connection = state->connection)
            connection->streamWrite(state, std::move(bytes));
    });
}

void HttpExchange::end()
{
    if (!d)
        return;
    {
        QMutexLocker lock(&d->mutex);
        if (!d->streaming || d->ended || !d->open)
            return;
        d->ended = true;
        d->timeout = nullptr;
        d->timeoutAt = 0;
    }
    d->mailbox->run([state = d] {
        if (HttpConnection *connection = state->connection)
            connection->streamEnd(state);
    });
}

bool HttpExchange::enterWaiting()
{
    if (!d)
        return false;
    QMutexLocker lock(&d->mutex);
    if (!d->open || (d->answered && !d->streaming) || d->ended)
        return false;
    if (d->waiting)
        return true;
    if (!d->budget->enterWaiting(d->source))
        return false;
    d->waiting = true;
    return true;
}

bool HttpExchange::isWaiting() const
{
    if (!d)
        return false;
    QMutexLocker lock(&d->mutex);
    return d->waiting;
}

int HttpExchange::retryAfterSecs() const
{
    return d ? d->retryAfterSecs : 5;
}

void HttpExchange::onClientGone(std::function<void()> callback)
{
    if (!d)
        return;
    {
        QMutexLocker lock(&d->mutex);
        if (d->open) {
            d->gone = std::move(callback);
            return;
        }
        if (!d->clientLeft)
            return; // answered in full: the client did not go away
    }
    // Already gone: still on the connection's thread, as promised.
    d->mailbox->run(std::move(callback));
}

void HttpExchange::onTimeout(int ms, std::function<void(HttpExchange)> callback)
{
    if (!d)
        return;
    QMutexLocker lock(&d->mutex);
    if (!d->open)
        return;
    d->timeoutAt = steadyNowMs() + qMax(0, ms);
    d->timeout = std::move(callback);
}

} // namespace fvpn
