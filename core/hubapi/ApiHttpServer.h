#pragma once

#include "ApiError.h"
#include "ApiRequestCounters.h"
#include "HttpExchange.h"
#include "HttpRequest.h"
#include "ListenerLimits.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

namespace fvpn {

class HttpServer;
class HttpWorkerPool;

// One API request as handlers see it. Holds the request itself (implicitly
// shared arrays), so an asynchronous handler may keep it as long as it likes.
struct ApiRequest
{
    HttpRequest http;
    QStringList args; // the path segments matched by "{}" placeholders, decoded
    QString source; // the client's address (IPv4-mapped IPv6 shown as IPv4)

    QByteArray header(QByteArrayView name) const { return http.header(name); }
    const QByteArray &body() const { return http.body; }
    // The query string's items (values still percent-encoded inside: read them
    // with queryItemValue(key, QUrl::FullyDecoded)).
    QUrlQuery query() const;
};

struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(const QJsonObject &object, int status = 200);
    static ApiResponse json(const QJsonArray &array, int status = 200);
    static ApiResponse error(const ApiError &error);
    // A core Error through the one ErrorCode → status mapping (ApiError::fromError).
    static ApiResponse error(const Error &error);
    static ApiResponse invalidInput(const QString &message);
    static ApiResponse noContent();
    // 304 with the current tag (RFC 9110 15.4.5): no body, no content type.
    static ApiResponse notModified(const QByteArray &etag);
    ApiResponse &withHeader(QByteArray name, QByteArray value);

    // As written on the wire: with Cache-Control: no-store (answers can carry secrets).
    HttpResponse toHttp() const;
};

// The pending answer of one API request: answer once, from any thread, now or
// later (an approval is answered once its peer is on the interface).
class ApiResponder
{
public:
    explicit ApiResponder(HttpExchange exchange);
    // Counts the answer's status class in `counters` (ApiHttpServer does this).
    ApiResponder(HttpExchange exchange, std::shared_ptr<ApiRequestCounters> counters,
                 ApiRequestCounters::Listener listener, int routeClass);

    void respond(const ApiResponse &response) const;
    // The client is still there and no answer was given yet.
    bool isOpen() const { return m_exchange.isOpen() && !m_exchange.isAnswered(); }
    // A long-poll or an event stream: moves the connection to the listener's
    // waiting class. When the waiting caps are reached this answers 503 with
    // Retry-After itself and returns false.
    bool enterWaiting() const;
    const HttpExchange &exchange() const { return m_exchange; }

private:
    HttpExchange m_exchange;
    std::shared_ptr<ApiRequestCounters> m_counters;
    ApiRequestCounters::Listener m_listener = ApiRequestCounters::Public;
    int m_routeClass = -1;
};

using ApiHandler = std::function<ApiResponse(const ApiRequest &)>;
using ApiAsyncHandler = std::function<void(const ApiRequest &, ApiResponder)>;

enum class ApiMethod
{
    Get,
    Put,
    Post,
    Delete,
    Patch,
};

// Where a route's handler runs.
enum class RouteThread
{
    // On the connection's worker thread: reads only immutable snapshots and
    // thread-safe objects, never SQLite, never blocks.
    Worker,
    // Posted to the thread the router lives on (the main thread, where the API
    // stores and SQLite live); the answer goes back through the exchange.
    State,
};

// The router on top of HttpServer, one per API side (public, admin), with one
// HttpServer per address it listens on. Every answer — unknown path (404), known
// path with another method (405 + Allow), a request the server refuses, a
// handler's result — is JSON in one shape, written compactly, with
// Cache-Control: no-store. Routes are added before the first listen() and fixed
// afterwards (the workers read them without locks).
class ApiHttpServer : public QObject
{
    Q_OBJECT

public:
    explicit ApiHttpServer(std::shared_ptr<HttpWorkerPool> workers = nullptr, QObject *parent = nullptr);
    ~ApiHttpServer() override;

    // `pattern` is an absolute path whose "{}" segments match any one segment:
    // "/api/v1/requests/{}/approve".
    void addRoute(ApiMethod method, const QString &pattern, ApiHandler handler,
                  RouteThread where = RouteThread::State);
    void addAsyncRoute(ApiMethod method, const QString &pattern, ApiAsyncHandler handler,
                       RouteThread where = RouteThread::State);

    // Counts every answer of this side in `counters` as `listener`'s (before the
    // first addRoute and listen()).
    void setRequestCounters(std::shared_ptr<ApiRequestCounters> counters,
                            ApiRequestCounters::Listener listener);

    // The port bound, or an error naming the address.
    // Runs on the router's thread before every State handler, and after a plain
    // (synchronous) one before its answer goes out: the hub's revisioned state
    // catches up there, so an answer never shows less than the writes before it.
    void setStateHook(std::function<void()> hook) { m_stateHook = std::move(hook); }

    Result<quint16> listen(const QHostAddress &address, quint16 port,
                           const std::optional<QSslConfiguration> &tls, const ListenerLimits &limits);
    const QList<HttpServer *> &servers() const { return m_servers; }

private:
    struct Route
    {
        ApiMethod method;
        QStringList segments;
        ApiAsyncHandler handler;
        RouteThread where;
        int routeClass;
    };

    // On a worker thread.
    void handle(HttpExchange exchange);

    ApiResponder responder(HttpExchange exchange, int routeClass) const;

    std::shared_ptr<HttpWorkerPool> m_workers;
    std::function<void()> m_stateHook;
    std::shared_ptr<ApiRequestCounters> m_counters;
    ApiRequestCounters::Listener m_listener = ApiRequestCounters::Public;
    QList<Route> m_routes;
    QList<HttpServer *> m_servers;
};

} // namespace fvpn
