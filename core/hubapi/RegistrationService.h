#pragma once

#include "AddressPool.h"
#include "ClientsFile.h"
#include "ClientsFileEditor.h"
#include "RequestStore.h"
#include "Result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace fvpn {

class AuditLog;
class HubBackend;
class InviteStore;
class StateDatabase;
struct HubApiConfig;

// Registrations from request to peer: create (with an optional invite), approve
// (clients file + interface + database + audit, all or nothing), reject, cancel,
// revoke. factory-clients.conf stays the truth for who is a peer: reconcile()
// brings the requests in line with it after hand edits or a crash between
// writing the file and recording the decision.
class RegistrationService
{
public:
    RegistrationService(StateDatabase &db, RequestStore &requests, InviteStore &invites, AuditLog &audit,
                        HubBackend &backend, const HubApiConfig &config);

    struct Created
    {
        RegistrationRequest request; // approved already when the invite was pre-approved
        QString secret;
    };

    // `registration` must carry validated evidence. Conflict when the key is
    // already pending, approved, a device's or the hub's (see stateOfKey()),
    // Unavailable when too many requests are pending, PermissionDenied for an
    // unusable invite. A refused request consumes no invite use.
    //
    // Key replacement: with `registration.replaces` set, `replacesSecret` must be
    // that request's poll secret (PermissionDenied otherwise, NotFound for an
    // unknown id) and the request must be approved (Conflict otherwise). Only the
    // holder of the old registration can ask to replace it; a newer replacement
    // of the same request cancels a pending older one (an app that crashed
    // before keeping the answer simply asks again with another key).
    Result<Created> create(const NewRegistration &registration, const QString &inviteCode,
                           QStringView replacesSecret = {});
    // "pending", "approved", "device" or "hub" for a key that cannot register again.
    std::optional<QString> stateOfKey(const PublicKey &key) const;

    // The requester's own view; secret checked in constant time (PermissionDenied).
    Result<RegistrationRequest> poll(QStringView id, QStringView secret);
    Result<RegistrationRequest> cancel(QStringView id, QStringView secret);

    // Approving a replacement takes the old key's peer out of the clients file in
    // the same write that adds the new one (so the interface swaps them in one
    // apply), gives the new key the old address unless `address` says otherwise,
    // and revokes the old request ("replaced by a new key", with replaced_by) in
    // the same transaction as the approval. Conflict when the old request is no
    // longer approved.
    Result<RegistrationRequest> approve(QStringView id, const std::optional<IpAddress> &address,
                                        const QString &actor);
    Result<RegistrationRequest> reject(QStringView id, const QString &reason, const QString &actor);
    // Removes a client peer (at once, through the backend) and marks its request
    // revoked; pending replacements of that request are rejected with it.
    Result<ClientPeer> revokeClient(const PublicKey &key, const QString &reason, const QString &actor);

    // Brings pending/approved requests in line with factory-clients.conf; returns
    // how many changed. A clients file that does not validate changes nothing.
    Result<int> reconcile();

    // The address pool as it is now: hub, devices and client peers taken.
    Result<AddressPool> pool() const;
    // The same for a clients file already read and parsed.
    Result<AddressPool> poolFor(const ClientsFile &file) const;
    // What an approved client needs for its tunnel: address, hub key, endpoint,
    // allowed IPs, keepalive. Empty unless the request is approved.
    // With a directory port set, also where the engineers' device directory is.
    QJsonObject tunnelConfig(const RegistrationRequest &request) const;
    // The request's VPN address as factory-clients.conf has it now (the file is
    // the truth: a hand edit may have moved the peer); its recorded address when
    // the file cannot be read or no longer lists the key.
    IpAddress currentAddress(const RegistrationRequest &request) const;

private:
    Result<RegistrationRequest> approveLocked(const RegistrationRequest &request,
                                              const std::optional<IpAddress> &address, const QString &actor);
    // Inside a transaction: the pending requests replacing `id` become `to`.
    // Moves `request` to `to` and writes the audit entry `action` (before and
    // after), inside the caller's transaction.
    Result<RegistrationRequest> decideAndRecord(const RegistrationRequest &request, RequestStatus to,
                                                const QString &action, const QString &actor,
                                                const QString &reason = {}, const IpAddress &address = {});
    Result<void> settleReplacementsOf(const QString &id, RequestStatus to, const QString &actor,
                                      const QString &reason);

    StateDatabase &m_db;
    RequestStore &m_requests;
    InviteStore &m_invites;
    AuditLog &m_audit;
    HubBackend &m_backend;
    const HubApiConfig &m_config;
    ClientsFileEditor m_editor;
};

// The comment written for an approved peer: "<host-name-safe name> <name> (<hostname>)".
QString clientComment(const RegistrationRequest &request);

} // namespace fvpn
