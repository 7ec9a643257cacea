#include "MetricsRoute.h"

#include "AdminRoutes.h"
#include "HttpServer.h"
#include "HubApi.h"
#include "HubBackend.h"
#include "PrometheusText.h"

namespace fvpn {

ApiResponse MetricsRoute::page(HubApi &api)
{
    PrometheusText out;
    out.family("factory_vpn_build_info", "gauge", "The running factory-vpn-hub binary; always 1.");
    out.sample("factory_vpn_build_info", { { "version", FACTORYVPN_VERSION }, { "qt_version", qVersion() } },
               quint64(1));
    api.backend().writeMetrics(out);
    const Result<int> pending = api.requests().countPending();
    if (!pending)
        return ApiResponse::error(pending.error());
    out.family("factory_vpn_registration_requests_pending", "gauge",
               "Registration requests waiting for an admin's decision.");
    out.sample("factory_vpn_registration_requests_pending", {}, quint64(qMax(pending.value(), 0)));
    api.requestCounters().write(out);
    writeConnections(api, out);

    ApiResponse response;
    response.body = out.text();
    response.contentType = PrometheusText::ContentType.toByteArray();
    return response;
}

void MetricsRoute::writeConnections(HubApi &api, PrometheusText &out)
{
    out.family("factory_vpn_http_connections", "gauge",
               "Open connections per listener: quick (a request or keep-alive) and waiting (long-polls, "
               "event streams).");
    const std::pair<const char *, ApiHttpServer *> listeners[] = {
        { "public", &api.publicServer() },
        { "admin", &api.adminServer() },
        { "directory", &api.directoryServer() },
        { "metrics", &api.metricsServer() },
    };
    for (const auto &[name, server] : listeners) {
        quint64 quick = 0;
        quint64 waiting = 0;
        for (const HttpServer *http : server->servers()) {
            quick += quint64(http->quickConnections());
            waiting += quint64(http->waitingConnections());
        }
        out.sample("factory_vpn_http_connections", { { "listener", name }, { "class", "quick" } }, quick);
        out.sample("factory_vpn_http_connections", { { "listener", name }, { "class", "waiting" } }, waiting);
    }
}

void MetricsRoute::installAdmin(ApiHttpServer &server, HubApi &api)
{
    server.addRoute(
        ApiMethod::Get, QStringLiteral("/metrics"),
        AdminRoutes::authenticated(api, [&api](const ApiRequest &, const QString &) { return page(api); }));
}

void MetricsRoute::installPlain(ApiHttpServer &server, HubApi &api)
{
    server.addRoute(ApiMethod::Get, QStringLiteral("/metrics"),
                    [&api](const ApiRequest &) { return page(api); });
}

} // namespace fvpn
