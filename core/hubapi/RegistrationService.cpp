#include "RegistrationService.h"

#include "AuditLog.h"
#include "HubApiConfig.h"
#include "HubBackend.h"
#include "InviteStore.h"
#include "StateDatabase.h"
#include "TextRules.h"

#include <QJsonArray>

namespace fvpn {

namespace {

QString clientsFileActor()
{
    return QStringLiteral("clients-file");
}

QJsonObject requestSummary(const RegistrationRequest &r)
{
    QJsonObject o { { QStringLiteral("status"), requestStatusName(r.status) },
                    { QStringLiteral("public_key"), r.publicKey.toBase64() },
                    { QStringLiteral("name"), r.name } };
    if (!r.address.isNull())
        o.insert(QStringLiteral("address"), r.address.toString());
    if (!r.reason.isEmpty())
        o.insert(QStringLiteral("reason"), r.reason);
    if (!r.replaces.isEmpty())
        o.insert(QStringLiteral("replaces"), r.replaces);
    return o;
}

QJsonObject peerSummary(const ClientPeer &p)
{
    return { { QStringLiteral("public_key"), p.publicKey.toBase64() },
             { QStringLiteral("address"), p.address.toString() },
             { QStringLiteral("comment"), p.comment } };
}

} // namespace

QString clientComment(const RegistrationRequest &request)
{
    QString slug = TextRules::toHostName(request.name);
    if (slug.isEmpty())
        slug = request.hostname;
    QString comment = slug + u' ' + request.name + QStringLiteral(" (") + request.hostname + u')';
    if (comment.size() > ClientsFile::MaxCommentLength)
        comment = slug.left(ClientsFile::MaxCommentLength);
    return comment;
}

RegistrationService::RegistrationService(StateDatabase &db, RequestStore &requests, InviteStore &invites,
                                         AuditLog &audit, HubBackend &backend, const HubApiConfig &config)
    : m_db(db)
    , m_requests(requests)
    , m_invites(invites)
    , m_audit(audit)
    , m_backend(backend)
    , m_config(config)
    , m_editor(backend)
{ }

std::optional<QString> RegistrationService::stateOfKey(const PublicKey &key) const
{
    if (key == m_backend.hubPublicKey())
        return QStringLiteral("hub");
    for (const BackendDevice &d : m_backend.devices()) {
        if (d.publicKey == key)
            return QStringLiteral("device");
    }
    if (auto file = m_editor.current(); file && file->findByKey(key))
        return QStringLiteral("approved");
    if (auto live = m_requests.findLive(key); live && live->has_value())
        return requestStatusName(live->value().status);
    return std::nullopt;
}

Result<RegistrationService::Created> RegistrationService::create(const NewRegistration &registration,
                                                                 const QString &inviteCode,
                                                                 QStringView replacesSecret)
{
    if (!registration.replaces.isEmpty()) {
        // poll() also settles a hand edit first: a key removed from the file by
        // hand is revoked, and so cannot be replaced.
        auto old = poll(registration.replaces, replacesSecret);
        if (!old)
            return old.error();
        if (old->status != RequestStatus::Approved) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("the request you want to replace is %1; only an approved key can "
                                            "be replaced")
                                 .arg(requestStatusName(old->status)));
        }
    }
    if (auto state = stateOfKey(registration.publicKey)) {
        const QString what = *state == u"hub" ? QStringLiteral("is the hub's own key")
            : *state == u"device"             ? QStringLiteral("belongs to a factory device")
            : *state == u"approved"           ? QStringLiteral("is already an approved client")
                                              : QStringLiteral("already has a pending request");
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the key %1… %2").arg(registration.publicKey.fingerprint(), what));
    }
    auto pending = m_requests.countPending();
    if (!pending)
        return pending.error();
    if (pending.value() >= m_config.maxPendingRequests) {
        return makeError(
            ErrorCode::Unavailable,
            QStringLiteral("the hub has too many registrations waiting for an admin; try again later"));
    }

    std::optional<Created> created;
    std::optional<Invite> invite;
    auto stored = m_db.transaction([&]() -> Result<void> {
        NewRegistration withInvite = registration;
        if (!inviteCode.isEmpty()) {
            auto redeemed = m_invites.redeem(inviteCode);
            if (!redeemed)
                return redeemed.error();
            invite = redeemed.value();
            withInvite.inviteId = invite->id;
        }
        if (!registration.replaces.isEmpty()) {
            if (auto superseded = settleReplacementsOf(
                    registration.replaces, RequestStatus::Cancelled, QStringLiteral("requester"),
                    QStringLiteral("superseded by a newer replacement request"));
                !superseded)
                return superseded;
        }
        auto made = m_requests.create(withInvite);
        if (!made)
            return made.error();
        created = Created { made->request, made->secret };
        auto audited = m_audit.record(QStringLiteral("requester"), QStringLiteral("request.create"),
                                      made->request.id, QJsonValue(), requestSummary(made->request));
        if (!audited)
            return audited.error();
        return {};
    });
    if (!stored)
        return stored.error();

    if (invite && invite->preApproved) {
        // The invite stands in for the admin. If the approval cannot be done now
        // (pool full, apply failed) the request simply waits for a person.
        auto approved = approveLocked(created->request, std::nullopt, QStringLiteral("invite:") + invite->id);
        if (approved)
            created->request = approved.value();
    }
    return *created;
}

Result<RegistrationRequest> RegistrationService::poll(QStringView id, QStringView secret)
{
    auto authed = m_requests.authenticate(id, secret);
    if (!authed)
        return authed.error();
    if (authed->status == RequestStatus::Pending || authed->status == RequestStatus::Approved) {
        if (auto reconciled = reconcile(); reconciled && reconciled.value() > 0)
            return m_requests.find(id);
    }
    return authed;
}

Result<RegistrationRequest> RegistrationService::cancel(QStringView id, QStringView secret)
{
    auto authed = poll(id, secret);
    if (!authed)
        return authed.error();
    if (authed->status != RequestStatus::Pending) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the request is %1; only a pending request can be "
                                        "cancelled")
                             .arg(requestStatusName(authed->status)));
    }
    Result<RegistrationRequest> result = authed;
    auto done = m_db.transaction([&]() -> Result<void> {
        result = decideAndRecord(authed.value(), RequestStatus::Cancelled, QStringLiteral("request.cancel"),
                                 QStringLiteral("requester"));
        if (!result)
            return result.error();
        return {};
    });
    if (!done)
        return done.error();
    return result;
}

Result<AddressPool> RegistrationService::poolFor(const ClientsFile &file) const
{
    AddressPool pool(m_backend.vpnSubnet(), m_backend.hubAddress());
    for (const BackendDevice &d : m_backend.devices())
        (void)pool.reserve(d.address, QStringLiteral("device ") + d.name);
    for (const ClientPeer &p : file.peers())
        (void)pool.reserve(p.address, QStringLiteral("client ") + p.name());
    return pool;
}

Result<AddressPool> RegistrationService::pool() const
{
    auto file = m_editor.current();
    if (!file)
        return file.error();
    return poolFor(file.value());
}

Result<RegistrationRequest>
RegistrationService::approve(QStringView id, const std::optional<IpAddress> &address, const QString &actor)
{
    auto request = m_requests.find(id);
    if (!request)
        return request.error();
    if (request->status == RequestStatus::Pending) {
        // A key that reached the clients file by hand is approved already.
        if (auto reconciled = reconcile(); reconciled && reconciled.value() > 0)
            request = m_requests.find(id);
    }
    if (!request)
        return request.error();
    return approveLocked(request.value(), address, actor);
}

Result<RegistrationRequest> RegistrationService::approveLocked(const RegistrationRequest &request,
                                                               const std::optional<IpAddress> &address,
                                                               const QString &actor)
{
    if (request.status != RequestStatus::Pending) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the request is %1; only a pending request can be "
                                        "approved")
                             .arg(requestStatusName(request.status)));
    }
    std::optional<RegistrationRequest> replaced;
    if (!request.replaces.isEmpty()) {
        auto old = m_requests.find(request.replaces);
        if (!old)
            return old.error();
        if (old->status != RequestStatus::Approved) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("this request replaces the key of request %1, which is %2 now; "
                                            "reject it and let the engineer register again")
                                 .arg(old->id, requestStatusName(old->status)));
        }
        replaced = old.value();
    }
    ClientsFileEditor::Snapshot before;
    auto file = m_editor.current(&before);
    if (!file)
        return file.error();
    for (const BackendDevice &d : m_backend.devices()) {
        if (d.publicKey == request.publicKey)
            return makeError(ErrorCode::Conflict, QStringLiteral("the key belongs to device %1").arg(d.name));
    }
    ClientsFile edited = file.value();
    // A replacement's old peer leaves in the same write, so its address is free
    // for the new key and the interface never holds both.
    std::optional<ClientPeer> oldPeer;
    if (replaced) {
        oldPeer = edited.findByKey(replaced->publicKey);
        if (oldPeer) {
            if (auto removed = edited.removePeer(replaced->publicKey); !removed)
                return removed.error();
        }
    }
    auto pool = poolFor(edited);
    if (!pool)
        return pool.error();
    IpAddress chosen;
    if (address) {
        if (auto usable = pool->check(*address); !usable)
            return usable.error();
        chosen = *address;
    } else if (oldPeer && pool->check(oldPeer->address)) {
        chosen = oldPeer->address;
    } else {
        auto next = pool->allocate();
        if (!next)
            return makeError(ErrorCode::Conflict, next.error().message);
        chosen = next.value();
    }
    const ClientPeer peer { request.publicKey, chosen, clientComment(request) };
    if (auto added = edited.addPeer(peer, m_editor.parseOptions()); !added)
        return added.error();
    // 1. The file (atomic) and the interface; the backend undoes both on failure.
    if (auto written = m_editor.write(edited); !written)
        return written.error();
    // 2. The decision and its audit entry, in one transaction.
    Result<RegistrationRequest> decided = request;
    auto recorded = m_db.transaction([&]() -> Result<void> {
        decided = decideAndRecord(request, RequestStatus::Approved, QStringLiteral("request.approve"), actor,
                                  QString(), chosen);
        if (!decided)
            return decided.error();
        if (replaced) {
            auto revoked
                = decideAndRecord(*replaced, RequestStatus::Revoked, QStringLiteral("request.revoke"), actor,
                                  QStringLiteral("replaced by a new key (request %1)").arg(request.id));
            if (!revoked)
                return revoked.error();
        }
        return {};
    });
    if (!recorded) {
        // Not recorded, so not done: put the file back as it was (the old peer included).
        (void)m_backend.replaceClientsFile(before.content);
        return recorded.error();
    }
    return decided;
}

Result<RegistrationRequest> RegistrationService::reject(QStringView id, const QString &reason,
                                                        const QString &actor)
{
    auto request = m_requests.find(id);
    if (!request)
        return request.error();
    if (auto reconciled = reconcile(); reconciled && reconciled.value() > 0)
        request = m_requests.find(id);
    if (!request)
        return request.error();
    Result<RegistrationRequest> decided = request;
    auto done = m_db.transaction([&]() -> Result<void> {
        decided = decideAndRecord(request.value(), RequestStatus::Rejected, QStringLiteral("request.reject"),
                                  actor, reason);
        if (!decided)
            return decided.error();
        return {};
    });
    if (!done)
        return done.error();
    return decided;
}

Result<ClientPeer> RegistrationService::revokeClient(const PublicKey &key, const QString &reason,
                                                     const QString &actor)
{
    ClientsFileEditor::Snapshot before;
    auto file = m_editor.current(&before);
    if (!file)
        return file.error();
    const auto peer = file->findByKey(key);
    if (!peer)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no client peer has the key %1…").arg(key.fingerprint()));
    ClientsFile edited = file.value();
    if (auto removed = edited.removePeer(key); !removed)
        return removed.error();
    if (auto written = m_editor.write(edited); !written)
        return written.error();
    auto recorded = m_db.transaction([&]() -> Result<void> {
        auto live = m_requests.findLive(key);
        if (!live)
            return live.error();
        if (live->has_value() && live->value().status == RequestStatus::Approved) {
            auto revoked = m_requests.decide(live->value().id, RequestStatus::Revoked, actor, reason);
            if (!revoked)
                return revoked.error();
            if (auto settled = settleReplacementsOf(live->value().id, RequestStatus::Rejected, actor,
                                                    QStringLiteral("the key it would replace was revoked"));
                !settled)
                return settled;
        }
        if (auto a = m_audit.record(actor, QStringLiteral("client.revoke"), key.toBase64(),
                                    peerSummary(*peer), QJsonValue());
            !a)
            return a.error();
        return {};
    });
    if (!recorded) {
        (void)m_backend.replaceClientsFile(before.content);
        return recorded.error();
    }
    return *peer;
}

Result<int> RegistrationService::reconcile()
{
    auto file = m_editor.current();
    if (!file)
        return 0; // a broken file decides nothing; the daemon reports it
    int changed = 0;
    auto done = m_db.transaction([&]() -> Result<void> {
        auto pending = m_requests.list(RequestStatus::Pending, 10000);
        if (!pending)
            return pending.error();
        for (const RegistrationRequest &r : pending.value()) {
            const auto peer = file->findByKey(r.publicKey);
            if (!peer)
                continue;
            auto decided = decideAndRecord(r, RequestStatus::Approved, QStringLiteral("request.approve"),
                                           clientsFileActor(), QString(), peer->address);
            if (!decided)
                return decided.error();
            ++changed;
        }
        auto approved = m_requests.list(RequestStatus::Approved, 10000);
        if (!approved)
            return approved.error();
        for (const RegistrationRequest &r : approved.value()) {
            if (file->findByKey(r.publicKey))
                continue;
            auto decided = m_requests.decide(r.id, RequestStatus::Revoked, clientsFileActor(),
                                             QStringLiteral("removed from factory-clients.conf"));
            if (!decided)
                return decided.error();
            if (auto settled
                = settleReplacementsOf(r.id, RequestStatus::Rejected, clientsFileActor(),
                                       QStringLiteral("the key it would replace was removed from "
                                                      "factory-clients.conf"));
                !settled)
                return settled;
            if (auto a = m_audit.record(clientsFileActor(), QStringLiteral("request.revoke"), r.id,
                                        requestSummary(r), requestSummary(decided.value()));
                !a)
                return a.error();
            ++changed;
        }
        return {};
    });
    if (!done)
        return done.error();
    return changed;
}

Result<RegistrationRequest> RegistrationService::decideAndRecord(const RegistrationRequest &request,
                                                                 RequestStatus to, const QString &action,
                                                                 const QString &actor, const QString &reason,
                                                                 const IpAddress &address)
{
    auto decided = m_requests.decide(request.id, to, actor, reason, address);
    if (!decided)
        return decided.error();
    if (auto a
        = m_audit.record(actor, action, request.id, requestSummary(request), requestSummary(decided.value()));
        !a)
        return a.error();
    return decided;
}

Result<void> RegistrationService::settleReplacementsOf(const QString &id, RequestStatus to,
                                                       const QString &actor, const QString &reason)
{
    auto pending = m_requests.pendingReplacementsOf(id);
    if (!pending)
        return pending.error();
    const QString action = to == RequestStatus::Cancelled ? QStringLiteral("request.cancel")
                                                          : QStringLiteral("request.reject");
    for (const RegistrationRequest &r : pending.value()) {
        if (auto decided = decideAndRecord(r, to, action, actor, reason); !decided)
            return decided.error();
    }
    return {};
}

QJsonObject RegistrationService::tunnelConfig(const RegistrationRequest &request) const
{
    if (request.status != RequestStatus::Approved)
        return {};
    const IpAddress address = currentAddress(request);
    const IpNetwork subnet = m_backend.vpnSubnet();
    QJsonObject config { { QStringLiteral("address"), address.toString() },
                         { QStringLiteral("address_cidr"), IpNetwork::hostRoute(address).toString() },
                         { QStringLiteral("hub_public_key"), m_backend.hubPublicKey().toBase64() },
                         { QStringLiteral("endpoint"), m_backend.hubEndpoint().toString() },
                         // Lets the app check that the hub itself answers through the tunnel.
                         { QStringLiteral("hub_address"), m_backend.hubAddress().toString() },
                         { QStringLiteral("allowed_ips"), QJsonArray { subnet.toString() } },
                         { QStringLiteral("persistent_keepalive"), m_config.persistentKeepalive } };
    if (m_config.directoryPort != 0) {
        // Only on the VPN address: the app asks it through this very tunnel.
        config.insert(QStringLiteral("directory_url"),
                      QStringLiteral("http://%1:%2/api/v1/directory")
                          .arg(m_backend.hubAddress().toString())
                          .arg(m_config.directoryPort));
    }
    return config;
}

IpAddress RegistrationService::currentAddress(const RegistrationRequest &request) const
{
    if (auto file = m_editor.current(); file) {
        if (auto peer = file->findByKey(request.publicKey))
            return peer->address;
    }
    return request.address;
}

} // namespace fvpn
