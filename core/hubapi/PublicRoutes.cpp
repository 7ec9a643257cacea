#include "PublicRoutes.h"

#include "AdminRoutes.h"
#include "ApiHttpServer.h"
#include "HubApi.h"
#include "JsonBody.h"
#include "JsonViews.h"
#include "RequestStore.h"
#include "TextRules.h"

#include <QJsonObject>

namespace fvpn {

namespace {

using Method = ApiMethod;

const QString Prefix = QStringLiteral("/api/v1/registrations");

Error fieldError(const char *field, const Error &error)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("'%1': %2").arg(QLatin1StringView(field), error.message));
}

Result<NewRegistration> readRegistration(const JsonBody &body, const QString &source, QString *invite)
{
    NewRegistration r;
    auto key = body.string(QStringLiteral("public_key"), 100);
    if (!key)
        return key.error();
    auto parsedKey = PublicKey::fromBase64(key.value());
    if (!parsedKey)
        return fieldError("public_key", parsedKey.error());
    r.publicKey = parsedKey.value();

    auto name = body.string(QStringLiteral("name"), 200);
    if (!name)
        return name.error();
    if (auto checked = TextRules::checkDisplayName(name.value()); !checked)
        return fieldError("name", checked.error());
    r.name = name.value();

    auto hostname = body.string(QStringLiteral("hostname"), 300);
    if (!hostname)
        return hostname.error();
    if (auto checked = TextRules::checkHostName(hostname.value()); !checked)
        return fieldError("hostname", checked.error());
    r.hostname = hostname.value();

    auto os = body.string(QStringLiteral("os"), 200);
    if (!os)
        return os.error();
    if (auto checked = TextRules::checkDisplayName(os.value(), 100); !checked)
        return fieldError("os", checked.error());
    r.os = os.value();

    auto inviteCode = body.optionalString(QStringLiteral("invite"), 200);
    if (!inviteCode)
        return inviteCode.error();
    *invite = inviteCode->value_or(QString());

    auto replaces = body.optionalString(QStringLiteral("replaces"), 64);
    if (!replaces)
        return replaces.error();
    r.replaces = replaces->value_or(QString());
    if (replaces->has_value() && !RequestStore::isValidId(r.replaces))
        return fieldError("replaces",
                          makeError(ErrorCode::InvalidInput,
                                    QStringLiteral("is not a request id (32 hexadecimal digits)")));
    r.sourceAddress = source;
    return r;
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
                                { QStringLiteral("public_key"), QStringLiteral("name"),
                                  QStringLiteral("hostname"), QStringLiteral("os"), QStringLiteral("invite"),
                                  QStringLiteral("replaces"), QStringLiteral("private_key") });
    if (!body)
        return ApiResponse::error(body.error());
    if (body->has(QStringLiteral("private_key"))) {
        return ApiResponse::invalidInput(
            QStringLiteral("never send a private key; it must stay on your device. Send only 'public_key'"));
    }
    QString invite;
    auto registration = readRegistration(body.value(), request.source, &invite);
    if (!registration)
        return ApiResponse::error(registration.error());
    // A replacement proves it holds the old registration with that request's
    // poll secret, sent as for polling it.
    QString replacesSecret;
    if (!registration->replaces.isEmpty()) {
        replacesSecret = bearerCredential(request.header("Authorization"));
        const QString missing = QStringLiteral("to replace a key, send the secret of the request it "
                                               "replaces: Authorization: Bearer <secret>");
        if (replacesSecret.isEmpty())
            return ApiResponse::error(ApiError::unauthorized(missing));
        // 401 as for polling with a wrong secret (403 stays for unusable invites).
        if (auto owner = api.requests().authenticate(registration->replaces, replacesSecret); !owner) {
            if (owner.error().code == ErrorCode::PermissionDenied)
                return ApiResponse::error(ApiError::unauthorized(missing));
            return ApiResponse::error(owner.error());
        }
    }
    auto created = api.registrations().create(registration.value(), invite, replacesSecret);
    if (!created) {
        ApiError error = ApiError::fromError(created.error());
        if (created.error().code == ErrorCode::Conflict) {
            if (auto state = api.registrations().stateOfKey(registration->publicKey))
                error.details.insert(QStringLiteral("state"), *state);
        }
        return ApiResponse::error(error);
    }
    QJsonObject o = withConfig(api, created->request);
    o.insert(QStringLiteral("secret"), created->secret);
    o.insert(QStringLiteral("poll_url"), QString(Prefix + u'/' + created->request.id));
    return ApiResponse::json(o, 201).withHeader("Location", (Prefix + u'/' + created->request.id).toLatin1());
}

ApiResponse pollRegistration(HubApi &api, const ApiRequest &request, bool cancel)
{
    const QString secret = bearerCredential(request.header("Authorization"));
    if (secret.isEmpty())
        return unauthorizedRequester();
    auto result = cancel ? api.registrations().cancel(request.args.value(0), secret)
                         : api.registrations().poll(request.args.value(0), secret);
    if (!result) {
        if (result.error().code == ErrorCode::PermissionDenied)
            return unauthorizedRequester();
        return ApiResponse::error(result.error());
    }
    return ApiResponse::json(withConfig(api, result.value()));
}

} // namespace

void PublicRoutes::install(ApiHttpServer &server, HubApi &api)
{
    server.addRoute(Method::Get, QStringLiteral("/api/v1/health"), [](const ApiRequest &) {
        return ApiResponse::json(
            QJsonObject { { QStringLiteral("status"), QStringLiteral("ok") },
                          { QStringLiteral("api"), QStringLiteral("v1") },
                          { QStringLiteral("version"), QStringLiteral(FACTORYVPN_VERSION) } });
    });
    server.addRoute(Method::Post, Prefix, [&api](const ApiRequest &r) { return createRegistration(api, r); });
    server.addRoute(Method::Get, Prefix + QStringLiteral("/{}"),
                    [&api](const ApiRequest &r) { return pollRegistration(api, r, false); });
    server.addRoute(Method::Delete, Prefix + QStringLiteral("/{}"),
                    [&api](const ApiRequest &r) { return pollRegistration(api, r, true); });
}

} // namespace fvpn
