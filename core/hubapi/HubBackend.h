#pragma once

#include "Endpoint.h"
#include "IpAddress.h"
#include "IpNetwork.h"
#include "PublicKey.h"
#include "Result.h"
#include "WgDump.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace fvpn {

class PrometheusText;

// A device peer the hub serves (from the factory inventory).
struct BackendDevice
{
    QString name;
    PublicKey publicKey;
    IpAddress address;
};

// What the hub API needs from the hub daemon, and nothing more. The API owns
// requests, invites, tokens and the audit trail; the daemon owns the interface,
// the firewall and the files they are built from. Everything here is called on
// the API's thread and returns promptly.
class HubBackend
{
public:
    virtual ~HubBackend() = default;

    // What an approved client needs to build its tunnel.
    virtual PublicKey hubPublicKey() const = 0;
    virtual Endpoint hubEndpoint() const = 0;
    virtual IpNetwork vpnSubnet() const = 0;
    virtual IpAddress hubAddress() const = 0;

    // The devices currently served (enabled, valid), and the live interface.
    virtual QList<BackendDevice> devices() const = 0;
    virtual Result<WgDump> liveInterface() const = 0; // Unavailable when it cannot be read

    // factory-clients.conf as it is on disk (NotFound when it does not exist yet).
    virtual Result<QByteArray> clientsFileContent() const = 0;
    // Writes the clients file atomically and applies it to the interface before
    // returning. On failure nothing has changed: the previous content is back on
    // disk and the interface is as it was. The caller has validated `content`.
    virtual Result<void> replaceClientsFile(const QByteArray &content) = 0;

    virtual bool deviceToDevice() const = 0;
    // Persists and applies the device-to-device mode; on failure nothing changed.
    virtual Result<void> setDeviceToDevice(bool allowed) = 0;

    // The daemon's own status (interface, peer counts, inventory sync, errors).
    virtual QJsonObject status() const = 0;

    // Grows whenever devices, live data, clients, settings or status may have
    // changed; 0 when the backend cannot tell (then readers look every time).
    virtual quint64 changeSerial() const { return 0; }
    // An admin is looking (any thread): live data is then sampled every second.
    virtual void markWatched() const { }
    // The daemon's part of GET /metrics (docs/metrics.md), from what it already
    // holds: no command run, no wait. A backend without a daemon writes nothing.
    virtual void writeMetrics(PrometheusText &out) const { Q_UNUSED(out); }
};

} // namespace fvpn
