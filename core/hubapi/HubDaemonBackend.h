#pragma once

#include "HubBackend.h"

#include <QString>

#include <memory>
#include <mutex>

namespace fvpn {

class HubThread;
struct InventoryDevice;
struct HubView;

// HubBackend over the hub thread. Reads come from the latest HubView snapshot, so
// no API request runs `wg` or reads the interface (reading devices, clients or
// status tells the hub someone is watching: it then samples live data every
// second). Writes are queued into the hub thread, which writes the file, applies
// it and undoes both on failure; for now the API waits for that answer, so an
// approval is still acknowledged only once its peer is on the interface.
class HubDaemonBackend : public HubBackend
{
public:
    HubDaemonBackend(HubThread &hub, QString clientsFile);

    PublicKey hubPublicKey() const override;
    Endpoint hubEndpoint() const override;
    IpNetwork vpnSubnet() const override;
    IpAddress hubAddress() const override;
    QList<BackendDevice> devices() const override;
    Result<WgDump> liveInterface() const override;
    Result<QByteArray> clientsFileContent() const override;
    Result<void> replaceClientsFile(const QByteArray &content) override;
    bool deviceToDevice() const override;
    Result<void> setDeviceToDevice(bool allowed) override;
    QJsonObject status() const override;
    quint64 changeSerial() const override;
    void markWatched() const override;
    // Not markWatched(): a scrape every 15 s would keep the hub sampling the
    // interface every second for good (docs/metrics.md, "Freshness").
    void writeMetrics(PrometheusText &out) const override;

private:
    std::shared_ptr<const HubView> view() const;

    HubThread &m_hub;
    QString m_clientsFile;
    // devices() of the inventory list last seen: the same list (shared, so its
    // data pointer tells "unchanged" to the caches of ClientsFileEditor and
    // HubState) for as long as the hub publishes the same inventory.
    mutable std::mutex m_devicesMutex;
    mutable std::shared_ptr<const QList<InventoryDevice>> m_devicesFrom;
    mutable QList<BackendDevice> m_devices;
};

} // namespace fvpn
