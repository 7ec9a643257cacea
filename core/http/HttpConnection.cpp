#include "HttpConnection.h"

#include "HttpWorker.h"
#include "SocketChannel.h"

namespace fvpn {

namespace {

// What one read hands the parser, and so what is read ahead of it while a request
// is being answered: pipelined requests beyond this wait in the kernel (TCP flow
// control).
constexpr qint64 ReadChunk = 64 * 1024;
// Output written per turn of the event loop: a 12 MB answer to a fast reader
// would otherwise keep the worker in one flush() while /health waits behind it.
constexpr qint64 FlushBudget = 256 * 1024;
// Input drained after a refusal is thrown away; past this the client is not listening.
constexpr qint64 MaxDrainBytes = 1024 * 1024;

} // namespace

HttpConnection::HttpConnection(std::shared_ptr<const HttpServerContext> context, HttpWorker *worker,
                               QString source, QHostAddress peer)
    : QObject(worker)
    , m_context(std::move(context))
    , m_worker(worker)
    , m_source(std::move(source))
    , m_peer(std::move(peer))
    , m_parser(m_context->limits.parser)
{ }

HttpConnection::~HttpConnection() = default;

bool HttpConnection::start(qintptr descriptor)
{
    m_channel = new SocketChannel(this);
    connect(m_channel, &SocketChannel::encrypted, this, &HttpConnection::onEncrypted);
    connect(m_channel, &SocketChannel::readable, this, &HttpConnection::onReadyRead);
    connect(m_channel, &SocketChannel::writable, this, &HttpConnection::onBytesWritten);
    // A failed handshake: nothing more will come or go.
    connect(m_channel, &SocketChannel::failed, this, &HttpConnection::abortConnection);
    const qint64 now = steadyNowMs();
    m_lastProgress = now;
    const TlsContext *tls = m_context->tlsContext.get();
    if (tls) {
        m_phase = Phase::Handshake;
        m_handshakeUntil = now + m_context->limits.handshakeTimeoutMs;
    } else {
        m_phase = Phase::Open;
        m_idleSince = now;
    }
    rearm();
    if (!m_channel->start(int(descriptor), tls)) {
        delete m_channel;
        m_channel = nullptr;
        m_phase = Phase::Closed;
        return false;
    }
    return true;
}

void HttpConnection::onEncrypted()
{
    if (m_phase != Phase::Handshake)
        return;
    m_phase = Phase::Open;
    m_idleSince = steadyNowMs();
    rearm();
    // Bytes that arrived with the handshake get no readyRead of their own.
    processInput();
}

void HttpConnection::onReadyRead()
{
    switch (m_phase) {
    case Phase::Open:
        if (m_exchange)
            readInput();
        else
            processInput();
        updateReading();
        return;
    case Phase::Lingering:
        drain();
        return;
    default:
        updateReading();
        return;
    }
}

void HttpConnection::processInput()
{
    if (m_processing)
        return;
    m_processing = true;
    while (m_phase == Phase::Open && !m_exchange) {
        if (m_parser.hasRequest()) {
            dispatch(m_parser.takeRequest());
            continue;
        }
        if (m_parser.isRejected()) {
            refuse(m_parser.rejection().status, m_parser.rejection().message);
            break;
        }
        if (m_parser.isClosed()) {
            closeGracefully();
            break;
        }
        // Only now that every earlier request is answered, so it is in order.
        if (m_parser.wantsContinue()) {
            m_parser.continueSent();
            m_output.queue(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
            flush();
        }
        if (m_phase != Phase::Open)
            break;
        if (m_input.isEmpty())
            readInput();
        if (m_phase != Phase::Open || m_input.isEmpty())
            break;
        const bool wasInRequest = m_parser.inRequest();
        m_parser.feed(std::exchange(m_input, QByteArray()));
        // The request deadline runs from a request's first byte to its last.
        if (!wasInRequest && (m_parser.inRequest() || m_parser.hasRequest()))
            m_requestStarted = steadyNowMs();
    }
    m_processing = false;
    updateReading();
    rearm();
}

void HttpConnection::readInput()
{
    // One scratch buffer per thread: an idle connection holds no input buffer.
    thread_local std::unique_ptr<char[]> scratch(new char[ReadChunk]);
    while (m_phase != Phase::Closed && m_input.size() < ReadChunk) {
        const qint64 n = m_channel->read(scratch.get(), ReadChunk - m_input.size());
        if (n == 0)
            return;
        if (n < 0) {
            finish(); // the client closed, or the connection failed
            return;
        }
        m_input.append(scratch.get(), n);
    }
}

void HttpConnection::updateReading()
{
    if (!m_channel)
        return;
    // While a request is answered, input is read ahead only up to ReadChunk (and
    // so the client leaving is still seen); a closing connection reads no more.
    const bool wanted = (m_phase == Phase::Open && (!m_exchange || m_input.size() < ReadChunk))
        || m_phase == Phase::Lingering;
    m_channel->setReading(wanted);
}

void HttpConnection::dispatch(HttpRequest request)
{
    auto state = std::make_shared<HttpExchangeState>();
    m_versionMinor = request.versionMinor;
    m_headRequest = request.method == "HEAD";
    m_closeAfter = !request.keepAlive;
    state->request = std::move(request);
    state->peer = m_peer;
    state->source = m_source;
    state->tls = m_context->tls;
    state->retryAfterSecs = m_context->limits.waitingRetryAfterSecs;
    state->mailbox = m_worker->mailbox();
    state->budget = m_context->budget;
    state->connection = this;
    m_exchange = state;
    m_exchangeDone = false;
    m_streaming = false;
    // The next request's clock starts when its first byte is read, not before.
    m_requestStarted = m_parser.inRequest() ? steadyNowMs() : 0;
    rearm();
    m_context->handler(HttpExchange(state));
}

void HttpConnection::leaveWaitingClass(const std::shared_ptr<HttpExchangeState> &state)
{
    bool wasWaiting = false;
    {
        QMutexLocker lock(&state->mutex);
        wasWaiting = std::exchange(state->waiting, false);
    }
    // Back among the quick connections if there is room, else this answer is the
    // connection's last.
    if (wasWaiting && !m_context->budget->returnToQuick(m_source)) {
        m_countedWaiting = true;
        m_closeAfter = true;
    }
}

void HttpConnection::sendResponse(const std::shared_ptr<HttpExchangeState> &state, HttpResponse response)
{
    if (state != m_exchange || m_phase != Phase::Open || m_streaming || m_exchangeDone)
        return;
    leaveWaitingClass(state);
    const bool withBody = HttpResponse::statusHasBody(response.status);
    writeHead(response.status, response.headers, withBody ? response.body.size() : -1, false);
    if (withBody && !m_headRequest && !response.body.isEmpty())
        m_output.queue(std::move(response.body));
    m_exchangeDone = true;
    flush();
}

void HttpConnection::beginStream(const std::shared_ptr<HttpExchangeState> &state, int status,
                                 QList<QPair<QByteArray, QByteArray>> headers)
{
    if (state != m_exchange || m_phase != Phase::Open || m_streaming || m_exchangeDone)
        return;
    m_streaming = true;
    // HTTP/1.0 has no chunked coding: the end of the connection ends the stream.
    m_streamChunked = m_versionMinor == 1 && !m_headRequest;
    if (!m_streamChunked)
        m_closeAfter = true;
    writeHead(status, headers, -1, m_streamChunked);
    if (m_headRequest)
        m_exchangeDone = true;
    flush();
}

void HttpConnection::streamWrite(const std::shared_ptr<HttpExchangeState> &state, QByteArray bytes)
{
    if (state != m_exchange || m_phase != Phase::Open || !m_streaming || m_exchangeDone || m_headRequest)
        return;
    if (m_streamChunked) {
        m_output.queue(HttpOutput::chunk(bytes));
    } else {
        m_output.queue(std::move(bytes));
    }
    flush();
    // A client that does not read is dropped, never buffered for without bound.
    if (m_phase != Phase::Closed && m_output.pending() > m_context->limits.maxStreamBacklogBytes)
        abortConnection();
}

void HttpConnection::streamEnd(const std::shared_ptr<HttpExchangeState> &state)
{
    if (state != m_exchange || m_phase != Phase::Open || !m_streaming || m_exchangeDone)
        return;
    leaveWaitingClass(state);
    if (m_streamChunked)
        m_output.queue(QByteArrayLiteral("0\r\n\r\n"));
    m_exchangeDone = true;
    flush();
}

void HttpConnection::finishExchange()
{
    const std::shared_ptr<HttpExchangeState> state = std::exchange(m_exchange, nullptr);
    {
        QMutexLocker lock(&state->mutex);
        state->open = false;
        state->gone = nullptr;
        state->timeout = nullptr;
        state->timeoutAt = 0;
    }
    state->connection = nullptr;
    m_exchangeDone = false;
    m_streaming = false;
    if (m_closeAfter) {
        closeGracefully();
        return;
    }
    m_idleSince = steadyNowMs();
    rearm();
    processInput();
}

void HttpConnection::writeHead(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                               qint64 contentLength, bool chunked)
{
    const HttpOutput::ConnectionHeader connection = m_closeAfter ? HttpOutput::ConnectionHeader::Close
        : m_versionMinor == 0                                    ? HttpOutput::ConnectionHeader::KeepAlive
                                                                 : HttpOutput::ConnectionHeader::None;
    m_output.queue(HttpOutput::head(status, headers, contentLength, chunked, connection));
}

void HttpConnection::flush()
{
    if (m_phase == Phase::Closed)
        return;
    bool progress = false;
    switch (m_output.writeTo(*m_channel, FlushBudget, &progress)) {
    case HttpOutput::Flushed::Failed:
        abortConnection(); // a reset: the client is gone
        return;
    case HttpOutput::Flushed::BudgetSpent:
        m_channel->wantWritable(); // the rest on a later turn
        break;
    case HttpOutput::Flushed::All:
    case HttpOutput::Flushed::KernelFull: // writable() follows
        break;
    }
    if (progress)
        m_lastProgress = steadyNowMs();
    if (m_output.isEmpty() && m_phase == Phase::Closing) {
        m_channel->closeGracefully();
        finish();
    } else if (m_output.isEmpty() && m_exchange && m_exchangeDone && m_phase == Phase::Open) {
        finishExchange();
    } else {
        rearm();
    }
}

void HttpConnection::onBytesWritten()
{
    flush();
}

void HttpConnection::refuse(int status, const QString &message)
{
    m_phase = Phase::Lingering;
    m_closeAfter = true;
    HttpResponse response = m_context->rejection
        ? m_context->rejection(status, message)
        : HttpResponse(status, "text/plain; charset=utf-8", message.toUtf8() + '\n');
    writeHead(response.status, response.headers, response.body.size(), false);
    m_output.queue(std::move(response.body));
    m_lingerUntil = steadyNowMs() + m_context->limits.lingerMs;
    flush();
    // Linger so the client reads the answer instead of a reset caused by unread
    // input; the client closes (the answer says Connection: close) or the sweep does.
    drain();
}

void HttpConnection::drain()
{
    char scratch[4096];
    while (m_phase == Phase::Lingering && m_drained <= MaxDrainBytes) {
        const qint64 n = m_channel->read(scratch, sizeof scratch);
        if (n == 0)
            return;
        if (n < 0) {
            finish(); // the client read the answer and closed
            return;
        }
        m_drained += n;
    }
    if (m_drained > MaxDrainBytes)
        abortConnection();
}

void HttpConnection::closeGracefully()
{
    if (m_phase == Phase::Closed || m_phase == Phase::Closing)
        return;
    m_phase = Phase::Closing;
    m_lastProgress = steadyNowMs();
    updateReading();
    rearm();
    // What is still queued goes out first (flush() closes once it has).
    flush();
}

void HttpConnection::abortConnection()
{
    if (m_phase == Phase::Closed)
        return;
    if (m_channel)
        m_channel->abort();
    finish();
}

void HttpConnection::finish()
{
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    m_deadline = 0;
    if (m_channel)
        m_channel->abort();
    bool waiting = m_countedWaiting;
    if (const std::shared_ptr<HttpExchangeState> state = std::exchange(m_exchange, nullptr)) {
        std::function<void()> gone;
        {
            QMutexLocker lock(&state->mutex);
            state->open = false;
            state->clientLeft = true;
            gone = std::move(state->gone);
            state->gone = nullptr;
            state->timeout = nullptr;
            state->timeoutAt = 0;
            waiting = waiting || std::exchange(state->waiting, false);
        }
        state->connection = nullptr;
        if (gone)
            gone();
    }
    if (waiting)
        m_context->budget->releaseWaiting(m_source);
    else
        m_context->budget->releaseQuick(m_source);
    m_output.clear();
    m_worker->remove(this);
    deleteLater();
}

void HttpConnection::rearm()
{
    const ListenerLimits &limits = m_context->limits;
    switch (m_phase) {
    case Phase::Handshake:
        m_deadline = m_handshakeUntil;
        return;
    case Phase::Lingering:
        m_deadline = m_lingerUntil;
        return;
    case Phase::Closing:
        m_deadline = m_lastProgress + limits.writeStallTimeoutMs;
        return;
    case Phase::Closed:
        m_deadline = 0;
        return;
    case Phase::Open:
        break;
    }
    if (m_output.pending() > 0)
        m_deadline = m_lastProgress + limits.writeStallTimeoutMs;
    else if (m_exchange)
        m_deadline = 0; // the handler's (or its exchange timeout's) to end
    else if (m_parser.inRequest())
        m_deadline = m_requestStarted + limits.requestDeadlineMs;
    else
        m_deadline = m_idleSince + limits.idleTimeoutMs;
}

void HttpConnection::sweep(qint64 now)
{
    if (m_phase == Phase::Closed)
        return;
    if (m_exchange) {
        std::function<void(HttpExchange)> fire;
        {
            QMutexLocker lock(&m_exchange->mutex);
            if (m_exchange->timeoutAt != 0 && now >= m_exchange->timeoutAt) {
                fire = std::move(m_exchange->timeout);
                m_exchange->timeout = nullptr;
                m_exchange->timeoutAt = 0;
            }
        }
        if (fire)
            fire(HttpExchange(m_exchange));
        if (m_phase == Phase::Closed)
            return;
    }
    // Progress made since the deadline was set moves it on.
    if (m_phase == Phase::Open || m_phase == Phase::Closing)
        rearm();
    if (m_deadline == 0 || now < m_deadline)
        return;
    switch (m_phase) {
    case Phase::Open:
        if (m_output.pending() > 0) {
            abortConnection(); // stopped reading its answer
        } else if (m_parser.inRequest()) {
            refuse(408,
                   QStringLiteral("the request was not received within %1 seconds")
                       .arg(m_context->limits.requestDeadlineMs / 1000.0));
        } else {
            closeGracefully(); // idle: closed quietly
        }
        return;
    default:
        abortConnection();
        return;
    }
}

} // namespace fvpn
