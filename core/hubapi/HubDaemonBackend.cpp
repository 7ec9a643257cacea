#include "HubDaemonBackend.h"

#include "AtomicFile.h"
#include "HubMetrics.h"
#include "HubThread.h"
#include "HubView.h"

namespace fvpn {

HubDaemonBackend::HubDaemonBackend(HubThread &hub, QString clientsFile)
    : m_hub(hub)
    , m_clientsFile(std::move(clientsFile))
{ }

std::shared_ptr<const HubView> HubDaemonBackend::view() const
{
    return m_hub.views().current();
}

PublicKey HubDaemonBackend::hubPublicKey() const
{
    return view()->publicKey;
}

Endpoint HubDaemonBackend::hubEndpoint() const
{
    return view()->endpoint.value_or(Endpoint());
}

IpNetwork HubDaemonBackend::vpnSubnet() const
{
    return view()->address.network();
}

IpAddress HubDaemonBackend::hubAddress() const
{
    return view()->address.address();
}

QList<BackendDevice> HubDaemonBackend::devices() const
{
    const std::shared_ptr<const HubView> snapshot = view();
    std::lock_guard lock(m_devicesMutex);
    if (snapshot->devices != m_devicesFrom) {
        QList<BackendDevice> out;
        out.reserve(snapshot->devices->size());
        for (const InventoryDevice &d : *snapshot->devices)
            out.append({ d.name, d.publicKey, d.address });
        m_devices = std::move(out);
        m_devicesFrom = snapshot->devices;
    }
    return m_devices;
}

Result<WgDump> HubDaemonBackend::liveInterface() const
{
    const std::shared_ptr<const HubView> snapshot = view();
    const LiveSample &live = *snapshot->live;
    if (!live.sampledAt.isValid()) {
        if (!snapshot->running)
            return makeError(ErrorCode::Unavailable, QStringLiteral("the WireGuard interface is not up yet"));
        return makeError(ErrorCode::Unavailable,
                         live.error.isEmpty() ? QStringLiteral("the interface has not been read yet")
                                              : live.error);
    }
    // The sample may be older than this moment (at most a second while watched);
    // an error means the last read failed and these are the data before it.
    if (!live.error.isEmpty())
        return makeError(ErrorCode::Unavailable, live.error);
    WgDump dump;
    dump.publicKey = snapshot->publicKey;
    dump.listenPort = snapshot->listenPort;
    dump.peers.reserve(qsizetype(live.peers.size()));
    for (const LivePeer &peer : live.peers)
        dump.peers.append(peer.toDumpPeer());
    return dump;
}

Result<QByteArray> HubDaemonBackend::clientsFileContent() const
{
    return AtomicFile::read(m_clientsFile, 8 * 1024 * 1024);
}

Result<void> HubDaemonBackend::replaceClientsFile(const QByteArray &content)
{
    return m_hub.replaceClientsFileAndWait(content);
}

bool HubDaemonBackend::deviceToDevice() const
{
    return view()->deviceToDevice;
}

Result<void> HubDaemonBackend::setDeviceToDevice(bool allowed)
{
    return m_hub.setDeviceToDeviceAndWait(allowed);
}

QJsonObject HubDaemonBackend::status() const
{
    return view()->status.toJson();
}

quint64 HubDaemonBackend::changeSerial() const
{
    // Serials start at 1 once the hub published anything.
    return view()->serial + 1;
}

void HubDaemonBackend::markWatched() const
{
    m_hub.views().markWatched();
}

void HubDaemonBackend::writeMetrics(PrometheusText &out) const
{
    HubMetrics::write(*view(), m_hub.views().counters(), out);
}

} // namespace fvpn
