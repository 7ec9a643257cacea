#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"

#include <QHostAddress>
#include <QString>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace fvpn {

struct HttpExchangeState;

// The pending answer to one request: a copyable, thread-safe handle. Whoever
// holds it — a handler on the connection's worker thread, the main thread, a
// waiter list — answers once with respond(), or streams with beginStream() /
// write() / end(). Every call may come from any thread; the writing happens on
// the connection's thread. Once the client has gone, every call is ignored (and
// returns false where it returns anything), and nothing more need be computed.
class HttpExchange
{
public:
    HttpExchange() = default;
    explicit HttpExchange(std::shared_ptr<HttpExchangeState> state);

    bool isValid() const { return bool(d); }
    const HttpRequest &request() const;
    QHostAddress peerAddress() const;
    // The client's address as text, an IPv4-mapped IPv6 address as plain IPv4.
    QString source() const;
    bool isTls() const;
    // The thread the connection lives on (a worker's).
    QThread *thread() const;

    // The client is still there and the answer is not complete yet.
    bool isOpen() const;
    // respond() or beginStream() was called.
    bool isAnswered() const;

    // Answers. Ignored after the first answer or once the client has gone.
    void respond(HttpResponse response);

    // A streamed answer (text/event-stream): chunked on HTTP/1.1, delimited by
    // the end of the connection on HTTP/1.0. write() is refused (false) once the
    // client has gone; a client that leaves more than the listener's
    // maxStreamBacklogBytes unread is dropped.
    bool beginStream(int status, QList<QPair<QByteArray, QByteArray>> headers);
    bool write(QByteArray bytes);
    void end();

    // Moves the connection from the listener's quick class to its waiting class
    // (long-poll, event stream), so it stops counting against the quick caps.
    // False when the waiting caps are reached: answer 503 with Retry-After then.
    bool enterWaiting();
    bool isWaiting() const;
    // The listener's hint for a client refused a waiting place (Retry-After).
    int retryAfterSecs() const;

    // Called once, on the connection's thread, if the client goes away before
    // the answer is complete (at once if it already has).
    void onClientGone(std::function<void()> callback);
    // Called once, on the connection's thread, `ms` after now unless answered
    // by then (a long-poll's end, an event stream's keep-alive). Checked by the
    // worker's sweep, so it fires up to a quarter second late. Replaces any
    // earlier timeout of this exchange.
    void onTimeout(int ms, std::function<void(HttpExchange)> callback);

private:
    std::shared_ptr<HttpExchangeState> d;
};

} // namespace fvpn
