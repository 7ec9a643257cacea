#pragma once

#include <QtGlobal>

namespace fvpn {

class HubCounters;
class PrometheusText;
struct HubView;

// The hub daemon's part of GET /metrics (docs/metrics.md): states read from one
// HubView snapshot (peers, handshakes, transfer, inventory, clients file) and
// events from HubCounters (reconcile passes, inventory fetches). Runs on the
// caller's thread and reads nothing else: no `wg`, no file, no wait for the hub
// thread. Peers and devices are counted, never named: no key, name or address
// becomes a label.
class HubMetrics
{
public:
    // A peer with a handshake this recent is "online" (the app's "connected").
    static constexpr qint64 OnlineSecs = 180;

    static void write(const HubView &view, const HubCounters &counters, PrometheusText &out);
};

} // namespace fvpn
