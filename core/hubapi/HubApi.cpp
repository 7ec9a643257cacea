#include "HubApi.h"

#include "AdminRoutes.h"
#include "DirectoryRoutes.h"
#include "EventLog.h"
#include "HttpWorker.h"
#include "MetricsRoute.h"
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
    api->m_state->refresh();
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
    , m_directoryLimiter(config.directoryBurst, config.directoryRefillMs)
    , m_workers(std::make_shared<HttpWorkerPool>(2))
    , m_requestCounters(std::make_shared<ApiRequestCounters>())
    , m_public(m_workers)
    , m_admin(m_workers)
    , m_directory(m_workers)
    , m_metrics(m_workers)
{
    m_state = std::make_unique<HubState>(*this);
    m_public.setStateHook([this] { m_state->refresh(); });
    m_admin.setStateHook([this] { m_state->refresh(); });
    m_public.setRequestCounters(m_requestCounters, ApiRequestCounters::Public);
    m_admin.setRequestCounters(m_requestCounters, ApiRequestCounters::Admin);
    m_metrics.setRequestCounters(m_requestCounters, ApiRequestCounters::Metrics);
    PublicRoutes::install(m_public, *this);
    AdminRoutes::install(m_admin, *this);
    DirectoryRoutes::install(m_directory, *this);
    MetricsRoute::installAdmin(m_admin, *this);
    MetricsRoute::installPlain(m_metrics, *this);
    m_revokedStreams.setInterval(EventLog::KeepAliveMs);
    connect(&m_revokedStreams, &QTimer::timeout, this, [this] {
        for (const QString &owner : m_state->events().owners()) {
            if (!m_tokens.isLive(owner))
                m_state->events().endStreamsOf(owner);
        }
    });
    m_revokedStreams.start();
}

HubApi::~HubApi() = default;

ListenerLimits HubApi::publicLimits()
{
    ListenerLimits limits;
    limits.maxWaiting = 1024;
    limits.maxWaitingPerSource = 64;
    return limits;
}

ListenerLimits HubApi::adminLimits()
{
    ListenerLimits limits;
    limits.parser.maxBodyBytes = 1024 * 1024;
    limits.maxConnections = 64;
    limits.maxConnectionsPerSource = 32;
    limits.maxWaiting = 64;
    limits.maxWaitingPerSource = 64;
    return limits;
}

ListenerLimits HubApi::directoryLimits()
{
    ListenerLimits limits;
    limits.parser.maxBodyBytes = 0;
    limits.maxConnections = 128;
    limits.maxConnectionsPerSource = 8;
    limits.maxWaiting = 0;
    limits.maxWaitingPerSource = 0;
    return limits;
}

ListenerLimits HubApi::metricsLimits()
{
    ListenerLimits limits;
    limits.parser.maxBodyBytes = 0;
    limits.maxConnections = 16;
    limits.maxConnectionsPerSource = 16;
    limits.maxWaiting = 0;
    limits.maxWaitingPerSource = 0;
    return limits;
}

Result<quint16> HubApi::listenMetrics(const QHostAddress &address, quint16 port)
{
    return m_metrics.listen(address, port, std::nullopt, metricsLimits());
}

Result<quint16> HubApi::listenPublic(const QHostAddress &address, quint16 port,
                                     const std::optional<QSslConfiguration> &tls,
                                     const ListenerLimits &limits)
{
    return m_public.listen(address, port, tls, limits);
}

Result<quint16> HubApi::listenAdmin(const QHostAddress &address, quint16 port,
                                    const std::optional<QSslConfiguration> &tls, const ListenerLimits &limits)
{
    return m_admin.listen(address, port, tls, limits);
}

Result<quint16> HubApi::listenDirectory(const QHostAddress &address, quint16 port,
                                        const ListenerLimits &limits)
{
    return m_directory.listen(address, port, std::nullopt, limits);
}

} // namespace fvpn
