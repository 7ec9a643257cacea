#include "PublicRoutes.h"

#include "AdminRoutes.h"
#include "ApiHttpServer.h"
#include "EntityTag.h"
#include "HubApi.h"
#include "JsonBody.h"
#include "JsonViews.h"
#include "RequestBodies.h"
#include "RequestStore.h"

#include <QJsonObject>
#include <QUrlQuery>

namespace fvpn {

namespace {

using Method = ApiMethod;

QString prefix()
{
    return QStringLiteral("/api/v1/registrations");
}

QJsonObject withConfig(HubApi &api, const RegistrationRequest &request)
{
    QJsonObject o = JsonViews::ownRequest(request);
    const QJsonObject config = api.registrations().tunnelConfig(request);
    if (!config.isEmpty())
        o.insert(QStringLiteral("config"), config);
    return o;
}

// Poll and cancel are guarded by the request's own secret; a missing or wrong one
// is 401 (never 403, which would confirm the secret's format was right).
ApiResponse unauthorizedRequester()
{
    return ApiResponse::error(ApiError::unauthorized(
        QStringLiteral("send the secret you got when registering: Authorization: Bearer <secret>")));
}

ApiResponse createRegistration(HubApi &api, const ApiRequest &request)
{
    // Counted before anything is parsed: invalid attempts (invite guessing) cost too.
    if (const int wait = api.registrationLimiter().take(request.source, api.database().nowMs()); wait > 0) {
        return ApiResponse::error(
            ApiError::fromError(makeError(ErrorCode::Exhausted,
                                          QStringLiteral("too many registrations from your address; "
                                                         "try again in %1 s")
                                              .arg(wait)))
                .withHeader("Retry-After", QByteArray::number(wait)));
    }
    auto body = JsonBody::parse(request.header("Content-Type"), request.body(),
                                RequestBodies::registrationFields());
    if (!body)
        return ApiResponse::error(body.error());
    auto read = RequestBodies::registration(body.value());
    if (!read)
        return ApiResponse::error(read.error());
    NewRegistration &registration = read->registration;
    registration.sourceAddress = request.source;
    const QString &invite = read->invite;
    // A replacement proves it holds the old registration with that request's
    // poll secret, sent as for polling it.
    QString replacesSecret;
    if (!registration.replaces.isEmpty()) {
        replacesSecret = bearerCredential(request.header("Authorization"));
        const QString missing = QStringLiteral("to replace a key, send the secret of the request it "
                                               "replaces: Authorization: Bearer <secret>");
        if (replacesSecret.isEmpty())
            return ApiResponse::error(ApiError::unauthorized(missing));
        // 401 as for polling with a wrong secret (403 stays for unusable invites).
        if (auto owner = api.requests().authenticate(registration.replaces, replacesSecret); !owner) {
            if (owner.error().code == ErrorCode::PermissionDenied)
                return ApiResponse::error(ApiError::unauthorized(missing));
            return ApiResponse::error(owner.error());
        }
    }
    auto created = api.registrations().create(registration, invite, replacesSecret);
    if (!created) {
        ApiError error = ApiError::fromError(created.error());
        if (created.error().code == ErrorCode::Conflict) {
            if (auto state = api.registrations().stateOfKey(registration.publicKey))
                error.details.insert(QStringLiteral("state"), *state);
        }
        return ApiResponse::error(error);
    }
    QJsonObject o = withConfig(api, created->request);
    o.insert(QStringLiteral("secret"), created->secret);
    o.insert(QStringLiteral("poll_url"), QString(prefix() + u'/' + created->request.id));
    return ApiResponse::json(o, 201).withHeader("Location",
                                                (prefix() + u'/' + created->request.id).toLatin1());
}

ApiResponse cancelRegistration(HubApi &api, const ApiRequest &request)
{
    const QString secret = bearerCredential(request.header("Authorization"));
    if (secret.isEmpty())
        return unauthorizedRequester();
    auto result = api.registrations().cancel(request.args.value(0), secret);
    if (!result) {
        if (result.error().code == ErrorCode::PermissionDenied)
            return unauthorizedRequester();
        return ApiResponse::error(result.error());
    }
    return ApiResponse::json(withConfig(api, result.value()));
}

// GET: the request's state with its ETag; with a matching If-None-Match it is
// 304, or with ?wait=1..60 held until the request changes (200) or the wait ends
// (304). Authenticated before anything is held.
void pollRegistration(HubApi &api, const ApiRequest &request, ApiResponder responder)
{
    int wait = 0;
    const QUrlQuery query = request.query();
    if (query.hasQueryItem(QStringLiteral("wait"))) {
        const QString text = query.queryItemValue(QStringLiteral("wait"), QUrl::FullyDecoded);
        bool ok = !text.isEmpty() && text.size() <= 2 && text.front().isDigit();
        wait = ok ? text.toInt(&ok) : 0;
        if (!ok || wait < 1 || wait > 60) {
            responder.respond(ApiResponse::invalidInput(QStringLiteral("'wait' must be 1 to 60 (seconds)")));
            return;
        }
    }
    const QString secret = bearerCredential(request.header("Authorization"));
    if (secret.isEmpty()) {
        responder.respond(unauthorizedRequester());
        return;
    }
    auto result = api.registrations().poll(request.args.value(0), secret);
    if (!result) {
        responder.respond(result.error().code == ErrorCode::PermissionDenied
                              ? unauthorizedRequester()
                              : ApiResponse::error(result.error()));
        return;
    }
    ApiResponse answer = api.state().pollAnswer(result.value());
    QByteArray etag;
    for (const auto &header : std::as_const(answer.headers)) {
        if (header.first == "ETag")
            etag = header.second;
    }
    const auto current = EntityTag::parse(etag);
    const bool matches = request.http.hasHeader("If-None-Match") && current
        && EntityTag::noneMatchMatches(request.header("If-None-Match"), *current);
    if (!matches) {
        responder.respond(answer);
        return;
    }
    if (wait == 0) {
        responder.respond(ApiResponse::notModified(etag));
        return;
    }
    if (!responder.enterWaiting())
        return; // 503 with Retry-After
    api.state().holdPoll(result->id, etag, wait, std::move(responder));
}

} // namespace

void PublicRoutes::install(ApiHttpServer &server, HubApi &api)
{
    // On the worker: never behind the main thread's work.
    server.addRoute(
        Method::Get, QStringLiteral("/api/v1/health"),
        [](const ApiRequest &) {
            return ApiResponse::json(
                QJsonObject { { QStringLiteral("status"), QStringLiteral("ok") },
                              { QStringLiteral("api"), QStringLiteral("v1") },
                              { QStringLiteral("version"), QStringLiteral(FACTORYVPN_VERSION) } });
        },
        RouteThread::Worker);
    server.addRoute(Method::Post, prefix(),
                    [&api](const ApiRequest &r) { return createRegistration(api, r); });
    server.addAsyncRoute(Method::Get, prefix() + QStringLiteral("/{}"),
                         [&api](const ApiRequest &r, ApiResponder responder) {
                             pollRegistration(api, r, std::move(responder));
                         });
    server.addRoute(Method::Delete, prefix() + QStringLiteral("/{}"),
                    [&api](const ApiRequest &r) { return cancelRegistration(api, r); });
}

} // namespace fvpn
