#include "DirectoryRoutes.h"

#include "ApiHttpServer.h"
#include "EntityTag.h"
#include "HttpSyntax.h"
#include "HubApi.h"
#include "HubBackend.h"
#include "JsonViews.h"
#include "TextRules.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>

namespace fvpn {

namespace {

// 401 for everything that does not name a registration with its right secret:
// nothing, another scheme (an admin token), an unknown id, a wrong secret. Never
// 403 there, which would confirm that the id exists.
ApiResponse unauthorized()
{
    return ApiResponse::error(
        ApiError::make(401, QStringLiteral("unauthorized"),
                       QStringLiteral("send this computer's registration: Authorization: Basic "
                                      "base64(<request id>:<request secret>)"))
            .withHeader("WWW-Authenticate", "Basic realm=\"factory-vpn\""));
}

ApiResponse forbidden(const QString &message)
{
    return ApiResponse::error(ApiError::make(403, QStringLiteral("forbidden"), message));
}

QString stateName(const std::optional<WgDumpPeer> &peer, qint64 nowSecs, const HubApiConfig &config)
{
    if (!peer)
        return QStringLiteral("offline");
    const qint64 age = peer->handshakeAge(nowSecs);
    if (age < 0)
        return QStringLiteral("offline");
    if (age <= config.onlineWithinSecs)
        return QStringLiteral("online");
    if (age <= config.staleWithinSecs)
        return QStringLiteral("stale");
    return QStringLiteral("offline");
}

QJsonObject listing(HubApi &api)
{
    // The same snapshot the admin view reads.
    QHash<PublicKey, WgDumpPeer> live;
    // Someone is looking: the hub samples the interface every second meanwhile, as
    // for the admin view, so the states match what an admin sees.
    api.backend().markWatched();
    if (auto dump = api.backend().liveInterface(); dump) {
        for (const WgDumpPeer &p : dump->peers)
            live.insert(p.publicKey, p);
    }
    const qint64 now = api.database().nowMs() / 1000;
    QJsonArray devices;
    // Devices only: the inventory's, never a client peer, and of each only what
    // an engineer needs to reach it (no keys, endpoints or counters).
    for (const BackendDevice &d : api.backend().devices()) {
        const auto it = live.constFind(d.publicKey);
        const std::optional<WgDumpPeer> peer
            = it == live.cend() ? std::nullopt : std::optional<WgDumpPeer>(it.value());
        const bool handshake = peer && peer->latestHandshake > 0;
        devices.append(QJsonObject {
            { QStringLiteral("name"), d.name },
            { QStringLiteral("address"), d.address.toString() },
            { QStringLiteral("state"), stateName(peer, now, api.config()) },
            { QStringLiteral("last_handshake"),
              handshake ? JsonViews::time(QDateTime::fromSecsSinceEpoch(peer->latestHandshake, Qt::UTC))
                        : QJsonValue(QJsonValue::Null) } });
    }
    QJsonObject o { { QStringLiteral("devices"), devices } };
    if (!api.config().directorySshUser.isEmpty())
        o.insert(QStringLiteral("ssh_user"), api.config().directorySshUser);
    return o;
}

ApiResponse directory(HubApi &api, const ApiRequest &request)
{
    // Every device on the VPN can reach this listener: wrong guesses cost too.
    if (const int wait = api.directoryLimiter().take(request.source, api.database().nowMs()); wait > 0) {
        return ApiResponse::error(
            ApiError::fromError(
                makeError(ErrorCode::Exhausted,
                          QStringLiteral("too many requests from your address; try again in %1 s").arg(wait)))
                .withHeader("Retry-After", QByteArray::number(wait)));
    }
    const auto credentials = DirectoryRoutes::basicCredentials(request.header("Authorization"));
    if (!credentials)
        return unauthorized();
    // Exactly a poll's check (constant-time hash comparison, and the requests
    // brought in line with factory-clients.conf first), so the state used here is
    // the hub's state now: a revocation or a hand edit counts from the next request.
    auto registration = api.registrations().poll(credentials->user, credentials->password);
    if (!registration) {
        if (registration.error().code == ErrorCode::PermissionDenied
            || registration.error().code == ErrorCode::NotFound)
            return unauthorized();
        return ApiResponse::error(registration.error());
    }
    if (registration->status != RequestStatus::Approved)
        return forbidden(QStringLiteral("this registration is %1, not approved")
                             .arg(requestStatusName(registration->status)));
    // A secret copied to another machine is of no use: the request must come
    // through the registration's own tunnel, from its own VPN address.
    const IpAddress own = api.registrations().currentAddress(*registration);
    const Result<IpAddress> source = IpAddress::parse(request.source);
    if (!source || own.isNull() || *source != own)
        return forbidden(
            QStringLiteral("ask through this registration's own tunnel (from %1)").arg(own.toString()));

    ApiResponse response = ApiResponse::json(listing(api));
    // A tag of the answer itself: an app that sends If-None-Match gets 304 while
    // nothing it would see changed.
    const QByteArray digest
        = QCryptographicHash::hash(response.body, QCryptographicHash::Sha256).toHex().left(32);
    if (const auto tag = EntityTag::make(digest)) {
        const QByteArray ifNoneMatch = request.header("If-None-Match");
        if (!ifNoneMatch.isEmpty() && EntityTag::noneMatchMatches(ifNoneMatch, *tag))
            return ApiResponse::notModified(tag->toHeader());
        response.withHeader("ETag", tag->toHeader());
    }
    return response;
}

} // namespace

std::optional<DirectoryRoutes::BasicCredentials>
DirectoryRoutes::basicCredentials(const QByteArray &authorization)
{
    // credentials = "Basic" 1*SP token68 (RFC 9110 §11.4, RFC 7617); only SP and
    // HTAB around the whole value are optional whitespace.
    const QByteArrayView value = HttpSyntax::trimOws(authorization);
    if (value.size() > 512 || value.size() < 7 || value.first(5).compare("Basic", Qt::CaseInsensitive) != 0
        || value[5] != ' ')
        return std::nullopt;
    qsizetype start = 6;
    while (start < value.size() && value[start] == ' ')
        ++start;
    const QByteArrayView encoded = value.sliced(start);
    if (encoded.isEmpty())
        return std::nullopt;
    for (char c : encoded) {
        const bool base64 = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '+' || c == '/' || c == '=';
        if (!base64)
            return std::nullopt;
    }
    const auto decoded
        = QByteArray::fromBase64Encoding(encoded.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QByteArray &plain = *decoded;
    const qsizetype colon = plain.indexOf(':');
    if (colon <= 0)
        return std::nullopt;
    BasicCredentials credentials { QString::fromUtf8(plain.first(colon)),
                                   QString::fromUtf8(plain.sliced(colon + 1)) };
    if (credentials.password.isEmpty() || TextRules::containsControlCharacters(credentials.user)
        || TextRules::containsControlCharacters(credentials.password))
        return std::nullopt;
    return credentials;
}

void DirectoryRoutes::install(ApiHttpServer &server, HubApi &api)
{
    server.addRoute(ApiMethod::Get, QStringLiteral("/api/v1/directory"),
                    [&api](const ApiRequest &r) { return directory(api, r); });
}

} // namespace fvpn
