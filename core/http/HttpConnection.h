#pragma once

// Internal to core/http: one client connection, living on a worker thread.

#include "HttpExchangeState.h"
#include "HttpOutput.h"
#include "HttpRequestParser.h"
#include "HttpResponse.h"
#include "HttpServerContext.h"

#include <QHostAddress>
#include <QList>
#include <QObject>

#include <memory>

namespace fvpn {

class HttpWorker;
class SocketChannel;

// Reads, parses and dispatches one request at a time (pipelined requests wait
// their turn in the parser and m_input, bounded: beyond that, in the kernel),
// writes the answers in order, and keeps the listener's deadlines — checked by
// its worker's sweep, so a connection owns no timer.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    HttpConnection(std::shared_ptr<const HttpServerContext> context, HttpWorker *worker, QString source,
                   QHostAddress peer);
    ~HttpConnection() override;

    // Takes over an accepted socket; false (and the descriptor is not taken) on failure.
    bool start(qintptr descriptor);
    const HttpServerContext *context() const { return m_context.get(); }
    // The worker's sweep: deadlines and exchange timeouts.
    void sweep(qint64 now);
    // Ends the connection at once (server shutting down).
    void abortConnection();

    // From HttpExchange, on this thread.
    void sendResponse(const std::shared_ptr<HttpExchangeState> &state, HttpResponse response);
    void beginStream(const std::shared_ptr<HttpExchangeState> &state, int status,
                     QList<QPair<QByteArray, QByteArray>> headers);
    void streamWrite(const std::shared_ptr<HttpExchangeState> &state, QByteArray bytes);
    void streamEnd(const std::shared_ptr<HttpExchangeState> &state);

private:
    enum class Phase
    {
        Handshake, // TLS
        Open, // receiving, being answered or idle
        Lingering, // refused: the answer goes out, input is drained, then closed
        Closing, // the last answer goes out, then closed
        Closed,
    };

    void onEncrypted();
    void onReadyRead();
    void onBytesWritten();
    void processInput();
    void readInput();
    void updateReading();
    void dispatch(HttpRequest request);
    void leaveWaitingClass(const std::shared_ptr<HttpExchangeState> &state);
    void finishExchange();
    void refuse(int status, const QString &message);
    void drain();
    void closeGracefully();
    void finish();

    void writeHead(int status, const QList<QPair<QByteArray, QByteArray>> &headers, qint64 contentLength,
                   bool chunked);
    void flush();
    void rearm();

    std::shared_ptr<const HttpServerContext> m_context;
    HttpWorker *m_worker;
    QString m_source;
    QHostAddress m_peer;
    SocketChannel *m_channel = nullptr;
    HttpRequestParser m_parser;
    QByteArray m_input; // read, not yet given to the parser
    Phase m_phase = Phase::Handshake;

    std::shared_ptr<HttpExchangeState> m_exchange; // the request being answered
    bool m_exchangeDone = false; // its answer is complete once the output is handed over
    bool m_streaming = false;
    bool m_streamChunked = false;
    bool m_headRequest = false;
    int m_versionMinor = 1;
    bool m_closeAfter = false; // close once the current answer is out
    bool m_countedWaiting = false; // still counted in the waiting class after its exchange
    bool m_processing = false;

    HttpOutput m_output;

    qint64 m_deadline = 0; // steady ms, 0 = none
    qint64 m_handshakeUntil = 0;
    qint64 m_requestStarted = 0; // first byte of the request being received
    qint64 m_idleSince = 0;
    qint64 m_lastProgress = 0; // last time the client took output
    qint64 m_lingerUntil = 0;
    qint64 m_drained = 0;
};

} // namespace fvpn
