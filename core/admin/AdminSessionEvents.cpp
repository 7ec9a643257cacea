// AdminSession: what it does with the hub's event stream.
#include "AdminSession.h"

namespace fvpn {

void AdminSession::followUp()
{
    if (m_connected && !m_followUp.isActive())
        m_followUp.start();
}

void AdminSession::onStreamLost()
{
    if (!std::exchange(m_wasLive, false))
        return; // a stream that never opened lost nothing; the timer refreshes meanwhile
    Q_EMIT liveChanged(false);
    // Whatever happened while it was down comes by a (delta) refresh; the stream
    // resumes with Last-Event-ID when it is back.
    refresh();
}

void AdminSession::onEvent(const AdminEvent &event)
{
    if (!m_connected)
        return;
    switch (event.kind) {
    case AdminEventKind::Hello: {
        const quint64 newest = *std::max_element(std::begin(m_revision), std::end(m_revision));
        if (event.revision < newest) {
            // Revisions went back (the hub's state was restored from elsewhere):
            // nothing known can be compared with what it says now.
            std::fill(std::begin(m_revision), std::end(m_revision), 0);
            m_devicesBase = 0;
        }
        // A stream that did not resume says nothing of what happened before it:
        // a refresh fetches that (asked now, it reflects at least this revision).
        if (!m_stream->isResuming() || event.revision < newest)
            refresh();
        break;
    }
    case AdminEventKind::Reset:
        refresh();
        break;
    default:
        break;
    }
    if (event.kind == AdminEventKind::Hello || event.kind == AdminEventKind::Reset) {
        Q_EMIT eventApplied(event);
        return;
    }
    if (!m_loaded) {
        // Not shown yet: the refresh under way (or the one after it) brings it.
        if (m_refreshing)
            m_refreshAgain = true;
        return;
    }

    switch (event.kind) {
    case AdminEventKind::RequestCreated:
    case AdminEventKind::RequestCancelled:
    case AdminEventKind::RequestApproved:
    case AdminEventKind::RequestRejected:
    case AdminEventKind::RequestRevoked:
        applyRequestEvent(event);
        // The pool's next free address moves with an approval.
        if (event.kind == AdminEventKind::RequestApproved)
            followUp();
        break;
    case AdminEventKind::ClientAdded:
    case AdminEventKind::ClientRevoked:
        applyClientEvent(event);
        followUp(); // the pool, the suggested address, line numbers
        break;
    case AdminEventKind::DeviceOnline:
    case AdminEventKind::DeviceStale:
    case AdminEventKind::DeviceOffline:
        applyDeviceEvent(event);
        break;
    case AdminEventKind::SettingsChanged:
        touch(SettingsPart, event.revision);
        applySettings(*event.settings);
        break;
    case AdminEventKind::ClientsFileChanged:
        if (event.clientsFile->etag != m_snapshot.clientsEtag) {
            // The editor learns at once that its base is no longer the hub's file.
            m_snapshot.clientsEtag = event.clientsFile->etag;
            Q_EMIT clientsEtagChanged(m_snapshot.clientsEtag);
        }
        followUp();
        break;
    case AdminEventKind::ApplyFailed:
        Q_EMIT errorOccurred(makeError(
            ErrorCode::Unavailable, QStringLiteral("The hub could not apply a change: %1").arg(event.error)));
        break;
    case AdminEventKind::InventoryChanged:
    case AdminEventKind::Other:
        followUp(); // what changed comes by the delta
        break;
    case AdminEventKind::Hello:
    case AdminEventKind::Reset:
        break;
    }
    Q_EMIT eventApplied(event);
}

void AdminSession::applyRequestEvent(const AdminEvent &event)
{
    if (event.revision != 0 && event.revision <= m_revision[RequestsPart])
        return; // an answer already applied reflects it
    touch(RequestsPart, event.revision);
    const RequestInfo &request = *event.request;
    QList<RequestInfo> requests = m_snapshot.requests;
    const auto at = std::find_if(requests.begin(), requests.end(),
                                 [&request](const RequestInfo &r) { return r.id == request.id; });
    if (at != requests.end())
        *at = request;
    else
        requests.prepend(request); // newest first
    setRequests(std::move(requests));
    // "Approved by" of the client peers comes from the requests.
    setClients(m_snapshot.clients);
}

void AdminSession::applyClientEvent(const AdminEvent &event)
{
    if (event.revision != 0 && event.revision <= m_revision[ClientsPart])
        return;
    touch(ClientsPart, event.revision);
    const ClientInfo &client = *event.client;
    QList<ClientInfo> clients = m_snapshot.clients;
    const auto at = std::find_if(clients.begin(), clients.end(),
                                 [&client](const ClientInfo &c) { return c.publicKey == client.publicKey; });
    if (event.kind == AdminEventKind::ClientRevoked) {
        if (at != clients.end())
            clients.removeAt(std::distance(clients.begin(), at));
    } else if (at != clients.end()) {
        *at = client;
    } else {
        clients.append(client); // approvals append to the file
    }
    setClients(std::move(clients));
}

void AdminSession::applyDeviceEvent(const AdminEvent &event)
{
    if (event.revision != 0 && event.revision <= m_revision[DevicesPart])
        return;
    touch(DevicesPart, event.revision);
    const DeviceInfo &device = *event.device;
    QList<DeviceInfo> devices = m_snapshot.devices;
    const auto at = std::find_if(devices.begin(), devices.end(),
                                 [&device](const DeviceInfo &d) { return d.publicKey == device.publicKey; });
    if (at != devices.end())
        *at = device;
    else
        devices.append(device);
    // m_devicesBase stays: the next delta still brings what no event told (transfer, say).
    setDevices(std::move(devices));
}

} // namespace fvpn
