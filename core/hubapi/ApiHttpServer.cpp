#include "ApiHttpServer.h"

#include "HttpServer.h"
#include "HttpWorker.h"
#include "TextRules.h"

#include <QJsonDocument>
#include <QUrl>

namespace fvpn {

namespace {

QByteArray methodName(ApiMethod method)
{
    switch (method) {
    case ApiMethod::Get:
        return "GET";
    case ApiMethod::Put:
        return "PUT";
    case ApiMethod::Delete:
        return "DELETE";
    case ApiMethod::Post:
        return "POST";
    case ApiMethod::Patch:
        return "PATCH";
    }
    return {};
}

// Splits the raw (still percent-encoded) path so an encoded '/' inside a segment
// cannot change which route matches; each segment is decoded afterwards.
bool splitPath(const QByteArray &raw, QStringList *segments)
{
    if (!raw.startsWith('/'))
        return false;
    const QList<QByteArray> parts = raw.mid(1).split('/');
    for (const QByteArray &part : parts) {
        const QString decoded = QUrl::fromPercentEncoding(part);
        if (decoded.size() > 512 || TextRules::containsControlCharacters(decoded))
            return false;
        segments->append(decoded);
    }
    // "/api/v1/health/" is not "/api/v1/health".
    return true;
}

} // namespace

QUrlQuery ApiRequest::query() const
{
    return QUrlQuery(QString::fromLatin1(http.query));
}

ApiResponse ApiResponse::json(const QJsonObject &object, int status)
{
    ApiResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

ApiResponse ApiResponse::json(const QJsonArray &array, int status)
{
    ApiResponse r;
    r.status = status;
    r.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    return r;
}

ApiResponse ApiResponse::error(const ApiError &error)
{
    ApiResponse r;
    r.status = error.status;
    r.body = error.body();
    r.headers = error.headers;
    return r;
}

ApiResponse ApiResponse::error(const Error &error)
{
    return ApiResponse::error(ApiError::fromError(error));
}

ApiResponse ApiResponse::invalidInput(const QString &message)
{
    return ApiResponse::error(makeError(ErrorCode::InvalidInput, message));
}

ApiResponse ApiResponse::noContent()
{
    ApiResponse r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

ApiResponse ApiResponse::notModified(const QByteArray &etag)
{
    ApiResponse r;
    r.status = 304;
    r.contentType.clear();
    return r.withHeader("ETag", etag);
}

ApiResponse &ApiResponse::withHeader(QByteArray name, QByteArray value)
{
    headers.append({ std::move(name), std::move(value) });
    return *this;
}

HttpResponse ApiResponse::toHttp() const
{
    HttpResponse r(status, contentType, body);
    r.withHeader("Cache-Control", "no-store");
    r.headers.append(headers);
    return r;
}

ApiResponder::ApiResponder(HttpExchange exchange)
    : m_exchange(std::move(exchange))
{ }

ApiResponder::ApiResponder(HttpExchange exchange, std::shared_ptr<ApiRequestCounters> counters,
                           ApiRequestCounters::Listener listener, int routeClass)
    : m_exchange(std::move(exchange))
    , m_counters(std::move(counters))
    , m_listener(listener)
    , m_routeClass(routeClass)
{ }

void ApiResponder::respond(const ApiResponse &response) const
{
    HttpExchange exchange = m_exchange;
    if (m_counters && !exchange.isAnswered())
        m_counters->count(m_listener, m_routeClass, response.status);
    exchange.respond(response.toHttp());
}

bool ApiResponder::enterWaiting() const
{
    HttpExchange exchange = m_exchange;
    if (exchange.enterWaiting())
        return true;
    respond(ApiResponse::error(
        ApiError::make(503, QStringLiteral("unavailable"),
                       QStringLiteral("too many clients are waiting for changes; try again shortly"))
            .withHeader("Retry-After", QByteArray::number(exchange.retryAfterSecs()))));
    return false;
}

ApiHttpServer::ApiHttpServer(std::shared_ptr<HttpWorkerPool> workers, QObject *parent)
    : QObject(parent)
    , m_workers(workers ? std::move(workers) : std::make_shared<HttpWorkerPool>())
{ }

ApiHttpServer::~ApiHttpServer()
{
    // Every connection ends (and no worker calls handle()) before the routes go.
    qDeleteAll(m_servers);
    m_servers.clear();
}

void ApiHttpServer::addRoute(ApiMethod method, const QString &pattern, ApiHandler handler, RouteThread where)
{
    addAsyncRoute(
        method, pattern,
        [this, where, handler = std::move(handler)](const ApiRequest &request, ApiResponder responder) {
            const ApiResponse response = handler(request);
            if (where == RouteThread::State && m_stateHook)
                m_stateHook();
            responder.respond(response);
        },
        where);
}

void ApiHttpServer::addAsyncRoute(ApiMethod method, const QString &pattern, ApiAsyncHandler handler,
                                  RouteThread where)
{
    Q_ASSERT(pattern.startsWith(u'/'));
    Q_ASSERT(m_servers.isEmpty());
    if (!m_servers.isEmpty())
        return;
    const int routeClass = ApiRequestCounters::classOf(methodName(method), pattern);
    if (m_counters)
        m_counters->declare(m_listener, routeClass);
    m_routes.append(Route { method, pattern.mid(1).split(u'/'), std::move(handler), where, routeClass });
}

void ApiHttpServer::setRequestCounters(std::shared_ptr<ApiRequestCounters> counters,
                                       ApiRequestCounters::Listener listener)
{
    Q_ASSERT(m_routes.isEmpty() && m_servers.isEmpty());
    m_counters = std::move(counters);
    m_listener = listener;
}

ApiResponder ApiHttpServer::responder(HttpExchange exchange, int routeClass) const
{
    return ApiResponder(std::move(exchange), m_counters, m_listener, routeClass);
}

Result<quint16> ApiHttpServer::listen(const QHostAddress &address, quint16 port,
                                      const std::optional<QSslConfiguration> &tls,
                                      const ListenerLimits &limits)
{
    auto *server = new HttpServer(limits, m_workers, this);
    server->setHandler([this](HttpExchange exchange) { handle(std::move(exchange)); });
    server->setRejectionFormatter(
        [counters = m_counters, listener = m_listener](int status, const QString &message) {
            if (counters)
                counters->count(listener, ApiRequestCounters::refusedClass(), status);
            return ApiResponse::error(ApiError::fromStatus(status, message)).toHttp();
        });
    if (tls)
        server->setTls(*tls);
    QString why;
    const quint16 bound = server->listen(address, port, &why);
    if (bound == 0) {
        delete server;
        return makeError(
            ErrorCode::Unavailable,
            QStringLiteral("cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(why));
    }
    m_servers.append(server);
    return bound;
}

void ApiHttpServer::handle(HttpExchange exchange)
{
    QStringList segments;
    if (!splitPath(exchange.request().path, &segments)) {
        responder(std::move(exchange), ApiRequestCounters::unmatchedClass())
            .respond(ApiResponse::error(ApiError::routeNotFound()));
        return;
    }
    QByteArray allowed;
    const QByteArray &method = exchange.request().method;
    // Read-only from here on, on several threads: const access only (no detach).
    const QList<Route> &routes = m_routes;
    for (qsizetype index = 0; index < routes.size(); ++index) {
        const Route &route = routes[index];
        if (route.segments.size() != segments.size())
            continue;
        QStringList args;
        bool match = true;
        for (qsizetype i = 0; i < segments.size() && match; ++i) {
            if (route.segments[i] == u"{}") {
                match = !segments[i].isEmpty();
                args.append(segments[i]);
            } else {
                match = route.segments[i] == segments[i];
            }
        }
        if (!match)
            continue;
        const QByteArray name = methodName(route.method);
        if (name != method) {
            if (!allowed.split(',').contains(name))
                allowed += (allowed.isEmpty() ? "" : ",") + name;
            continue;
        }
        ApiRequest request { exchange.request(), args, exchange.source() };
        if (route.where == RouteThread::Worker) {
            route.handler(request, responder(std::move(exchange), route.routeClass));
            return;
        }
        // To the router's thread; dropped with the router, and skipped when the
        // client has gone meanwhile (nothing is computed for nobody).
        QMetaObject::invokeMethod(
            this,
            [this, index, request = std::move(request), exchange = std::move(exchange)] {
                if (!exchange.isOpen())
                    return;
                if (m_stateHook)
                    m_stateHook();
                const Route &chosen = std::as_const(m_routes)[index];
                chosen.handler(request, responder(exchange, chosen.routeClass));
            },
            Qt::QueuedConnection);
        return;
    }
    const ApiResponder unmatched = responder(std::move(exchange), ApiRequestCounters::unmatchedClass());
    if (!allowed.isEmpty()) {
        unmatched.respond(ApiResponse::error(ApiError::methodNotAllowed(allowed.replace(",", ", "))));
        return;
    }
    unmatched.respond(ApiResponse::error(ApiError::routeNotFound()));
}

} // namespace fvpn
