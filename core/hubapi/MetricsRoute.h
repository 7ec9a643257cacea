#pragma once

#include "ApiHttpServer.h"

namespace fvpn {

class HubApi;
class PrometheusText;

// GET /metrics (docs/metrics.md): the Prometheus text format 0.0.4, on the admin
// listener behind a bearer token and on the optional plain metrics listener
// (--metrics-listen, loopback) without one.
namespace MetricsRoute {

// The page: build info, the daemon's figures (HubBackend::writeMetrics), the
// pending registrations (one COUNT in the state database) and the API's request
// counters. Main thread (SQLite).
ApiResponse page(HubApi &api);
// factory_vpn_http_connections{listener, class}: what each listener holds now.
void writeConnections(HubApi &api, PrometheusText &out);
void installAdmin(ApiHttpServer &server, HubApi &api);
void installPlain(ApiHttpServer &server, HubApi &api);

} // namespace MetricsRoute

} // namespace fvpn
