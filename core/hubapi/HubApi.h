#pragma once

#include "ApiHttpServer.h"
#include "ApiRequestCounters.h"
#include "AuditLog.h"
#include "HubApiConfig.h"
#include "HubState.h"
#include "InviteStore.h"
#include "ListenerLimits.h"
#include "RateLimiter.h"
#include "RegistrationService.h"
#include "RequestStore.h"
#include "Result.h"
#include "StateDatabase.h"
#include "TokenStore.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>

namespace fvpn {

class HubBackend;
class HttpWorkerPool;

// The hub API: its state database and stores, and three HTTP servers — the public
// one (registration and health only), the admin one (bearer tokens, everything
// else) and the engineers' device directory (on the VPN address only). Each can
// listen on several addresses.
class HubApi : public QObject
{
    Q_OBJECT

public:
    static Result<std::unique_ptr<HubApi>> create(const QString &stateDir, HubBackend &backend,
                                                  const HubApiConfig &config);
    ~HubApi() override;

    // Starts a listener; the port actually bound (for port 0) or an error naming the address.
    Result<quint16> listenPublic(const QHostAddress &address, quint16 port,
                                 const std::optional<QSslConfiguration> &tls, const ListenerLimits &limits);
    Result<quint16> listenAdmin(const QHostAddress &address, quint16 port,
                                const std::optional<QSslConfiguration> &tls, const ListenerLimits &limits);
    // The engineers' device directory; the caller binds it to the hub's VPN address only.
    Result<quint16> listenDirectory(const QHostAddress &address, quint16 port, const ListenerLimits &limits);
    // The plain metrics listener (GET /metrics only, no token; the caller
    // checked that the address is loopback or explicitly allowed).
    Result<quint16> listenMetrics(const QHostAddress &address, quint16 port);

    // Default limits: 64 KiB bodies on the public side, room for 1,024 waiting
    // long-polls (64 per source address: an office NAT); the admin side takes a
    // clients file of up to 1 MiB and 64 event streams.
    static ListenerLimits publicLimits();
    static ListenerLimits adminLimits();
    // The directory is reachable by every device on the VPN: as strict as the
    // public side, tighter still (GET only: no body; no long-polls).
    static ListenerLimits directoryLimits();
    // A few scrapers, no bodies, no waiting.
    static ListenerLimits metricsLimits();

    StateDatabase &database() { return *m_db; }
    RequestStore &requests() { return m_requests; }
    InviteStore &invites() { return m_invites; }
    TokenStore &tokens() { return m_tokens; }
    AuditLog &audit() { return m_audit; }
    RegistrationService &registrations() { return m_registrations; }
    RateLimiter &registrationLimiter() { return m_limiter; }
    RateLimiter &directoryLimiter() { return m_directoryLimiter; }
    HubBackend &backend() { return m_backend; }
    HubState &state() { return *m_state; }
    const HubApiConfig &config() const { return m_config; }
    ApiHttpServer &publicServer() { return m_public; }
    ApiHttpServer &adminServer() { return m_admin; }
    ApiHttpServer &directoryServer() { return m_directory; }
    ApiHttpServer &metricsServer() { return m_metrics; }
    const ApiRequestCounters &requestCounters() const { return *m_requestCounters; }

private:
    HubApi(std::unique_ptr<StateDatabase> db, HubBackend &backend, const HubApiConfig &config);

    std::unique_ptr<StateDatabase> m_db;
    HubBackend &m_backend;
    HubApiConfig m_config;
    RequestStore m_requests;
    InviteStore m_invites;
    TokenStore m_tokens;
    AuditLog m_audit;
    RegistrationService m_registrations;
    RateLimiter m_limiter;
    RateLimiter m_directoryLimiter;
    // Outlives the servers: their waiting exchanges call back into it.
    std::unique_ptr<HubState> m_state;
    // The HTTP worker threads both sides share; outlives the servers.
    // The HTTP worker threads every side shares; outlives the servers, as do
    // the request counters.
    std::shared_ptr<HttpWorkerPool> m_workers;
    std::shared_ptr<ApiRequestCounters> m_requestCounters;
    ApiHttpServer m_public;
    ApiHttpServer m_admin;
    ApiHttpServer m_directory;
    ApiHttpServer m_metrics;
    // Ends the event streams of tokens revoked by `factory-vpn-hub token revoke`
    // (another process, same database); the API's own revocation ends them at once.
    QTimer m_revokedStreams;
};

} // namespace fvpn
