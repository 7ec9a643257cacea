#include "AdminRoutes.h"

#include "HttpSyntax.h"
#include "HubApi.h"
#include "HubBackend.h"
#include "JsonBody.h"
#include "JsonViews.h"
#include "RequestBodies.h"
#include "TextRules.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QUrlQuery>

namespace fvpn {

namespace {

using Method = ApiMethod;

// A key in a path segment: standard base64 percent-encoded ("%2B", "%2F", "%3D"),
// or the URL-safe alphabet ("-", "_"), which needs no encoding.
Result<PublicKey> keyFromPath(QString segment)
{
    segment.replace(u'-', u'+').replace(u'_', u'/');
    return PublicKey::fromBase64(segment);
}

ApiResponse revokeClient(HubApi &api, const ApiRequest &request, const QString &actor)
{
    auto key = keyFromPath(request.args.value(0));
    if (!key)
        return ApiResponse::error(key.error());
    // An optional reason, as ?reason=...; the body of a DELETE is not relied on.
    const QString reason = request.query().queryItemValue(QStringLiteral("reason"), QUrl::FullyDecoded);
    if (auto ok = TextRules::checkComment(reason, 500); !ok)
        return ApiResponse::invalidInput(QStringLiteral("'reason': %1").arg(ok.error().message));
    auto removed = api.registrations().revokeClient(key.value(), reason, actor);
    if (!removed)
        return ApiResponse::error(removed.error());
    return ApiResponse::json(QJsonObject {
        { QStringLiteral("revoked"), JsonViews::client(removed.value(), 0, std::nullopt, 0, 0) } });
}

ApiResponse poolView(HubApi &api)
{
    auto pool = api.registrations().pool();
    if (!pool)
        return ApiResponse::error(pool.error());
    auto next = pool->allocate();
    return ApiResponse::json(QJsonObject {
        { QStringLiteral("subnet"), pool->subnet().toString() },
        { QStringLiteral("hub_address"), pool->hubAddress().toString() },
        { QStringLiteral("capacity"), double(pool->capacity()) },
        { QStringLiteral("used"), double(pool->usedCount()) },
        { QStringLiteral("free"), double(pool->capacity() - qMin(pool->capacity(), pool->usedCount())) },
        { QStringLiteral("next_free"),
          next ? QJsonValue(next->toString()) : QJsonValue(QJsonValue::Null) } });
}

ApiResponse approve(HubApi &api, const ApiRequest &request, const QString &actor)
{
    auto body = JsonBody::parse(request.header("Content-Type"), request.body(),
                                RequestBodies::approveFields(), true);
    if (!body)
        return ApiResponse::error(body.error());
    auto address = RequestBodies::approve(body.value());
    if (!address)
        return ApiResponse::error(address.error());
    auto approved = api.registrations().approve(request.args.value(0), address.value(), actor);
    if (!approved)
        return ApiResponse::error(approved.error());
    return ApiResponse::json(JsonViews::request(approved.value()));
}

ApiResponse reject(HubApi &api, const ApiRequest &request, const QString &actor)
{
    auto body
        = JsonBody::parse(request.header("Content-Type"), request.body(), RequestBodies::rejectFields());
    if (!body)
        return ApiResponse::error(body.error());
    auto reason = RequestBodies::reject(body.value());
    if (!reason)
        return ApiResponse::error(reason.error());
    auto rejected = api.registrations().reject(request.args.value(0), reason.value(), actor);
    if (!rejected)
        return ApiResponse::error(rejected.error());
    return ApiResponse::json(JsonViews::request(rejected.value()));
}

} // namespace

QString bearerCredential(const QByteArray &authorization)
{
    // Optional whitespace around a field value is SP and HTAB only (RFC 9110
    // §5.6.3). Anything else — VT, FF, CR, NUL — is not trimmed away: it makes the
    // credential invalid, so what is compared is exactly what the client sent.
    const QByteArrayView value = HttpSyntax::trimOws(authorization);
    if (value.size() > 512 || value.size() < 8 || value.first(6).compare("Bearer", Qt::CaseInsensitive) != 0
        || value[6] != ' ')
        return {};
    // credentials = auth-scheme 1*SP token68 (RFC 9110 §11.4, RFC 6750 §2.1).
    qsizetype start = 7;
    while (start < value.size() && value[start] == ' ')
        ++start;
    const QByteArrayView credential = value.sliced(start);
    qsizetype end = credential.size();
    while (end > 0 && credential[end - 1] == '=')
        --end;
    if (end == 0)
        return {};
    for (char c : credential.first(end)) {
        const bool token68 = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        if (!token68)
            return {};
    }
    return QString::fromLatin1(credential);
}

namespace {

// The request's live admin token; the error's message is what the 401 says.
Result<AdminToken> tokenOf(HubApi &api, const ApiRequest &request)
{
    const QString credential = bearerCredential(request.header("Authorization"));
    if (credential.isEmpty())
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("this API needs an admin token: Authorization: Bearer <token>"));
    return api.tokens().authenticate(credential);
}

} // namespace

ApiHandler AdminRoutes::authenticated(HubApi &api, Handler handler)
{
    return [&api, handler = std::move(handler)](const ApiRequest &request) {
        const Result<AdminToken> token = tokenOf(api, request);
        if (!token)
            return ApiResponse::error(ApiError::unauthorized(token.error().message));
        return handler(request, QStringLiteral("token:") + token->name);
    };
}

ApiAsyncHandler AdminRoutes::authenticatedAsync(HubApi &api, AsyncHandler handler)
{
    return authenticatedAsyncAs(
        api,
        [handler = std::move(handler)](const ApiRequest &request, ApiResponder responder,
                                       const AdminToken &) { handler(request, std::move(responder)); });
}

ApiAsyncHandler AdminRoutes::authenticatedAsyncAs(HubApi &api, AsyncTokenHandler handler)
{
    return [&api, handler = std::move(handler)](const ApiRequest &request, ApiResponder responder) {
        const Result<AdminToken> token = tokenOf(api, request);
        if (!token) {
            responder.respond(ApiResponse::error(ApiError::unauthorized(token.error().message)));
            return;
        }
        handler(request, std::move(responder), *token);
    };
}

void AdminRoutes::install(ApiHttpServer &server, HubApi &api)
{
    installPeers(server, api);
    installConfig(server, api);
    installEvents(server, api);
}

void AdminRoutes::installEvents(ApiHttpServer &server, HubApi &api)
{
    // The stream keeps its token's id: revoking the token ends it.
    server.addAsyncRoute(
        ApiMethod::Get, QStringLiteral("/api/v1/events"),
        authenticatedAsyncAs(
            api, [&api](const ApiRequest &request, ApiResponder responder, const AdminToken &token) {
                if (!responder.enterWaiting())
                    return; // 503 with Retry-After
                api.backend().markWatched();
                std::optional<QByteArray> lastEventId;
                if (request.http.hasHeader("Last-Event-ID"))
                    lastEventId = request.header("Last-Event-ID");
                api.state().events().subscribe(responder.exchange(), lastEventId,
                                               api.state().snapshot()->revision, token.id);
            }));
}

void AdminRoutes::installPeers(ApiHttpServer &server, HubApi &api)
{
    auto add = [&](Method method, const char *path, Handler handler) {
        server.addRoute(method, QString::fromLatin1(path), authenticated(api, std::move(handler)));
    };
    auto cheap = [&](const char *path, HubState::Resource resource) {
        server.addAsyncRoute(
            Method::Get, QString::fromLatin1(path),
            authenticatedAsync(api, [&api, resource](const ApiRequest &r, ApiResponder responder) {
                api.state().serve(resource, r, std::move(responder));
            }));
    };
    cheap("/api/v1/status", HubState::Resource::Status);
    cheap("/api/v1/devices", HubState::Resource::Devices);
    cheap("/api/v1/clients", HubState::Resource::Clients);
    cheap("/api/v1/requests", HubState::Resource::Requests);
    add(Method::Delete, "/api/v1/clients/{}",
        [&api](const ApiRequest &r, const QString &actor) { return revokeClient(api, r, actor); });
    add(Method::Get, "/api/v1/pool", [&api](const ApiRequest &, const QString &) { return poolView(api); });
    add(Method::Get, "/api/v1/requests/{}", [&api](const ApiRequest &r, const QString &) {
        auto found = api.requests().find(r.args.value(0));
        return found ? ApiResponse::json(JsonViews::request(found.value()))
                     : ApiResponse::error(found.error());
    });
    add(Method::Post, "/api/v1/requests/{}/approve",
        [&api](const ApiRequest &r, const QString &actor) { return approve(api, r, actor); });
    add(Method::Post, "/api/v1/requests/{}/reject",
        [&api](const ApiRequest &r, const QString &actor) { return reject(api, r, actor); });
}

} // namespace fvpn
