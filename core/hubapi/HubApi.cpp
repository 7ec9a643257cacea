#include "HubApi.h"

#include "AdminRoutes.h"
#include "HardenedTcpServer.h"
#include "PublicRoutes.h"

namespace fvpn {

Result<std::unique_ptr<HubApi>> HubApi::create(const QString &stateDir, HubBackend &backend,
                                               const HubApiConfig &config)
{
    auto db = StateDatabase::open(stateDir);
    if (!db)
        return db.error();
    std::unique_ptr<HubApi> api(new HubApi(std::move(db).value(), backend, config));
    // Hand edits and crashes between a file write and its record are settled first.
    if (auto reconciled = api->m_registrations.reconcile(); !reconciled)
        return reconciled.error();
    return api;
}

HubApi::HubApi(std::unique_ptr<StateDatabase> db, HubBackend &backend, const HubApiConfig &config)
    : m_db(std::move(db))
    , m_backend(backend)
    , m_config(config)
    , m_requests(*m_db)
    , m_invites(*m_db)
    , m_tokens(*m_db)
    , m_audit(*m_db)
    , m_registrations(*m_db, m_requests, m_invites, m_audit, backend, m_config)
    , m_limiter(config.registrationBurst, config.registrationRefillMs)
{
    PublicRoutes::install(m_public, *this);
    AdminRoutes::install(m_admin, *this);
}

HubApi::~HubApi() = default;

ListenerLimits HubApi::publicLimits()
{
    return ListenerLimits();
}

ListenerLimits HubApi::adminLimits()
{
    ListenerLimits limits;
    limits.framing.maxBodyBytes = 1024 * 1024;
    limits.maxConnections = 64;
    limits.maxConnectionsPerSource = 32;
    return limits;
}

Result<quint16> HubApi::listen(ApiHttpServer &server, const QHostAddress &address, quint16 port,
                               const std::optional<QSslConfiguration> &tls, const ListenerLimits &limits)
{
    auto *tcp = new HardenedTcpServer(limits, &server);
    if (tls)
        tcp->setTls(*tls);
    if (!tcp->listen(address, port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return makeError(
            ErrorCode::Unavailable,
            QStringLiteral("cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(why));
    }
    server.bind(tcp);
    return tcp->serverPort();
}

Result<quint16> HubApi::listenPublic(const QHostAddress &address, quint16 port,
                                     const std::optional<QSslConfiguration> &tls,
                                     const ListenerLimits &limits)
{
    return listen(m_public, address, port, tls, limits);
}

Result<quint16> HubApi::listenAdmin(const QHostAddress &address, quint16 port,
                                    const std::optional<QSslConfiguration> &tls, const ListenerLimits &limits)
{
    return listen(m_admin, address, port, tls, limits);
}

} // namespace fvpn
