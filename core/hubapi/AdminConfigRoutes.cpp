// The admin routes that change configuration rather than peers one by one:
// the clients file as a whole, settings, invites, enrollment links, audit, tokens.
#include "AdminRoutes.h"
#include "EnrollmentLink.h"
#include "HubApi.h"
#include "HubBackend.h"
#include "JsonBody.h"
#include "JsonViews.h"
#include "RequestBodies.h"

#include <QHash>
#include <QJsonArray>
#include <QUrlQuery>

namespace fvpn {

namespace {

using Method = ApiMethod;

ApiResponse getClientsFile(HubApi &api)
{
    ClientsFileEditor editor(api.backend());
    auto snapshot = editor.read();
    if (!snapshot)
        return ApiResponse::error(snapshot.error());
    ApiResponse r;
    r.body = snapshot->content;
    r.contentType = "text/plain; charset=utf-8";
    r.headers.append({ "ETag", snapshot->etag.toLatin1() });
    return r;
}

// The audit record of a whole-file edit: the peers that went away or changed
// (before) and those that came or changed (after), not the whole texts.
QPair<QJsonArray, QJsonArray> peerChanges(const QList<ClientPeer> &before, const QList<ClientPeer> &after)
{
    QHash<PublicKey, ClientPeer> old;
    for (const ClientPeer &p : before)
        old.insert(p.publicKey, p);
    QJsonArray removed;
    QJsonArray added;
    auto json = [](const ClientPeer &p) {
        return QJsonObject { { QStringLiteral("public_key"), p.publicKey.toBase64() },
                             { QStringLiteral("address"), p.address.toString() },
                             { QStringLiteral("comment"), p.comment } };
    };
    for (const ClientPeer &p : after) {
        auto it = old.find(p.publicKey);
        if (it == old.end()) {
            added.append(json(p));
        } else {
            if (!(it.value() == p)) {
                removed.append(json(it.value()));
                added.append(json(p));
            }
            old.erase(decltype(old)::const_iterator(it));
        }
    }
    for (const ClientPeer &p : std::as_const(old))
        removed.append(json(p));
    return { removed, added };
}

ApiResponse putClientsFile(HubApi &api, const ApiRequest &request, const QString &actor)
{
    const QByteArray type = request.header("Content-Type").toLower().split(';').value(0).trimmed();
    if (type != "text/plain")
        return ApiResponse::invalidInput(QStringLiteral("send the file as Content-Type: text/plain"));
    const QString ifMatch = QString::fromLatin1(request.header("If-Match").trimmed());
    if (ifMatch.isEmpty()) {
        return ApiResponse::error(ApiError::make(
            428, QStringLiteral("precondition_required"),
            QStringLiteral(
                "send If-Match with the ETag you read, so nobody's change is overwritten unseen")));
    }
    ClientsFileEditor editor(api.backend());
    auto before = editor.current();
    const QList<ClientPeer> beforePeers = before ? before->peers() : QList<ClientPeer>();
    const QByteArray content = request.body();
    auto replaced = editor.replace(content, ifMatch);
    if (!replaced)
        return ApiResponse::error(replaced.error());
    auto after = editor.validate(content);
    const auto [removed, added] = peerChanges(beforePeers, after ? after->peers() : QList<ClientPeer>());
    (void)api.audit().record(
        actor, QStringLiteral("clients_file.replace"), QStringLiteral("factory-clients.conf"),
        QJsonObject { { QStringLiteral("etag"), ifMatch }, { QStringLiteral("peers"), removed } },
        QJsonObject { { QStringLiteral("etag"), replaced->etag }, { QStringLiteral("peers"), added } });
    // Keys removed by this edit are revoked, keys added settle pending requests.
    (void)api.registrations().reconcile();
    return ApiResponse::json(
               QJsonObject { { QStringLiteral("etag"), replaced->etag },
                             { QStringLiteral("peers"), after ? int(after->peers().size()) : 0 } })
        .withHeader("ETag", replaced->etag.toLatin1());
}

ApiResponse putSettings(HubApi &api, const ApiRequest &request, const QString &actor)
{
    auto body
        = JsonBody::parse(request.header("Content-Type"), request.body(), RequestBodies::settingsFields());
    if (!body)
        return ApiResponse::error(body.error());
    auto wanted = RequestBodies::settings(body.value());
    if (!wanted)
        return ApiResponse::error(wanted.error());
    const bool before = api.backend().deviceToDevice();
    if (wanted.value() != before) {
        if (auto set = api.backend().setDeviceToDevice(wanted.value()); !set)
            return ApiResponse::error(set.error());
        (void)api.audit().record(actor, QStringLiteral("settings.change"), QStringLiteral("device_to_device"),
                                 before, wanted.value());
    }
    return ApiResponse::json(
        QJsonObject { { QStringLiteral("device_to_device"), api.backend().deviceToDevice() } });
}

QJsonValue linkFor(HubApi &api, const QString &invite)
{
    EnrollmentLink link { api.config().publicUrl, api.config().certificateFingerprint, invite };
    if (!link.validate())
        return QJsonValue::Null;
    return link.toString();
}

ApiResponse createInvite(HubApi &api, const ApiRequest &request, const QString &actor)
{
    auto body = JsonBody::parse(request.header("Content-Type"), request.body(), RequestBodies::inviteFields(),
                                true);
    if (!body)
        return ApiResponse::error(body.error());
    auto read = RequestBodies::invite(body.value());
    if (!read)
        return ApiResponse::error(read.error());
    NewInvite invite = read.value();
    invite.createdBy = actor;
    std::optional<InviteStore::Created> created;
    auto done = api.database().transaction([&]() -> Result<void> {
        auto made = api.invites().create(invite);
        if (!made)
            return made.error();
        created = made.value();
        auto audited
            = api.audit().record(actor, QStringLiteral("invite.create"), made->invite.id, QJsonValue(),
                                 JsonViews::invite(made->invite, api.database().nowMs()));
        if (!audited)
            return audited.error();
        return {};
    });
    if (!done)
        return ApiResponse::error(done.error());
    return ApiResponse::json(QJsonObject { { QStringLiteral("invite"),
                                             JsonViews::invite(created->invite, api.database().nowMs()) },
                                           { QStringLiteral("code"), created->code },
                                           { QStringLiteral("link"), linkFor(api, created->code) } },
                             201);
}

ApiResponse revokeInvite(HubApi &api, const ApiRequest &request, const QString &actor)
{
    const QString id = request.args.value(0);
    std::optional<Invite> revoked;
    auto done = api.database().transaction([&]() -> Result<void> {
        auto made = api.invites().revoke(id);
        if (!made)
            return made.error();
        revoked = made.value();
        auto audited = api.audit().record(actor, QStringLiteral("invite.revoke"), id, QJsonValue(),
                                          JsonViews::invite(made.value(), api.database().nowMs()));
        if (!audited)
            return audited.error();
        return {};
    });
    if (!done)
        return ApiResponse::error(done.error());
    return ApiResponse::json(JsonViews::invite(*revoked, api.database().nowMs()));
}

ApiResponse auditPage(HubApi &api, const ApiRequest &request)
{
    const QUrlQuery query = request.query();
    int limit = 50;
    std::optional<qint64> before;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        bool ok = false;
        if (key == u"limit") {
            limit = value.toInt(&ok);
            if (!ok || limit < 1 || limit > AuditLog::MaxPageSize)
                return ApiResponse::invalidInput(
                    QStringLiteral("'limit' must be a number from 1 to %1").arg(AuditLog::MaxPageSize));
        } else if (key == u"before") {
            before = value.toLongLong(&ok);
            if (!ok || *before < 1)
                return ApiResponse::invalidInput(
                    QStringLiteral("'before' must be an entry id from an earlier page"));
        } else if (key != u"target" && key != u"action") {
            return ApiResponse::invalidInput(
                QStringLiteral("unknown query parameter; use limit, before, target or action"));
        }
    }
    auto page
        = api.audit().page(limit, before, query.queryItemValue(QStringLiteral("target"), QUrl::FullyDecoded),
                           query.queryItemValue(QStringLiteral("action"), QUrl::FullyDecoded));
    if (!page)
        return ApiResponse::error(page.error());
    QJsonArray entries;
    for (const AuditEntry &e : page->entries)
        entries.append(JsonViews::auditEntry(e));
    return ApiResponse::json(
        QJsonObject { { QStringLiteral("entries"), entries },
                      { QStringLiteral("next_before"),
                        page->nextBefore ? QJsonValue(*page->nextBefore) : QJsonValue::Null } });
}

ApiResponse revokeToken(HubApi &api, const ApiRequest &request, const QString &actor)
{
    const QString id = request.args.value(0);
    auto revoked = api.tokens().revoke(id);
    if (!revoked)
        return ApiResponse::error(revoked.error());
    (void)api.audit().record(actor, QStringLiteral("token.revoke"), revoked->name, QJsonValue(),
                             JsonViews::token(revoked.value()));
    // A revoked token sees nothing more, not even on a stream it opened before.
    api.state().events().endStreamsOf(revoked->id);
    return ApiResponse::json(JsonViews::token(revoked.value()));
}

} // namespace

void AdminRoutes::installConfig(ApiHttpServer &server, HubApi &api)
{
    auto add = [&](Method method, const char *path, Handler handler) {
        server.addRoute(method, QString::fromLatin1(path), authenticated(api, std::move(handler)));
    };
    add(Method::Get, "/api/v1/clients-file",
        [&api](const ApiRequest &, const QString &) { return getClientsFile(api); });
    add(Method::Put, "/api/v1/clients-file",
        [&api](const ApiRequest &r, const QString &actor) { return putClientsFile(api, r, actor); });
    server.addAsyncRoute(Method::Get, QStringLiteral("/api/v1/settings"),
                         authenticatedAsync(api, [&api](const ApiRequest &r, ApiResponder responder) {
                             api.state().serve(HubState::Resource::Settings, r, std::move(responder));
                         }));
    add(Method::Put, "/api/v1/settings",
        [&api](const ApiRequest &r, const QString &actor) { return putSettings(api, r, actor); });
    add(Method::Get, "/api/v1/invites", [&api](const ApiRequest &, const QString &) {
        auto invites = api.invites().list();
        if (!invites)
            return ApiResponse::error(invites.error());
        QJsonArray items;
        for (const Invite &i : invites.value())
            items.append(JsonViews::invite(i, api.database().nowMs()));
        return ApiResponse::json(QJsonObject { { QStringLiteral("invites"), items } });
    });
    add(Method::Post, "/api/v1/invites",
        [&api](const ApiRequest &r, const QString &actor) { return createInvite(api, r, actor); });
    add(Method::Delete, "/api/v1/invites/{}",
        [&api](const ApiRequest &r, const QString &actor) { return revokeInvite(api, r, actor); });
    add(Method::Get, "/api/v1/enrollment", [&api](const ApiRequest &, const QString &) {
        return ApiResponse::json(
            QJsonObject { { QStringLiteral("url"), api.config().publicUrl.toString() },
                          { QStringLiteral("fingerprint"), api.config().certificateFingerprint },
                          { QStringLiteral("link"), linkFor(api, QString()) } });
    });
    add(Method::Get, "/api/v1/audit",
        [&api](const ApiRequest &r, const QString &) { return auditPage(api, r); });
    add(Method::Get, "/api/v1/tokens", [&api](const ApiRequest &, const QString &) {
        auto tokens = api.tokens().list();
        if (!tokens)
            return ApiResponse::error(tokens.error());
        QJsonArray items;
        for (const AdminToken &t : tokens.value())
            items.append(JsonViews::token(t));
        return ApiResponse::json(QJsonObject { { QStringLiteral("tokens"), items } });
    });
    add(Method::Delete, "/api/v1/tokens/{}",
        [&api](const ApiRequest &r, const QString &actor) { return revokeToken(api, r, actor); });
}

} // namespace fvpn
