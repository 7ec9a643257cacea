#pragma once

#include "ClientsFile.h"
#include "DeviceInventory.h"
#include "Endpoint.h"
#include "HubStatus.h"
#include "InterfaceAddress.h"
#include "LiveState.h"
#include "PublicKey.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace fvpn {

// One approved engineer in force, with its line in the clients file it came from.
struct ClientPeerView
{
    ClientPeer peer;
    int line = 0;
};

// The client peers the hub applies, and what is wrong with the file on disk if it
// is not the one applied.
struct ClientsView
{
    QList<ClientPeerView> peers; // the last good set
    bool known = true; // false: the file is bad and no last good set was saved
    bool fromSavedCopy = false; // the set came from the state dir (the file was bad at start)
    std::optional<Error> error; // the file on disk is not applied, and why (with lines)
    QDateTime errorSince; // since when the file on disk is being ignored
};

// What the hub thread publishes after every change: an immutable snapshot that
// any thread may keep and read without locks. The big parts are shared between
// snapshots (a new live sample does not copy the device list).
struct HubView
{
    quint64 serial = 0; // grows with every snapshot of this run
    bool running = false; // the interface is up and the hub reconciles it

    QString interfaceName;
    PublicKey publicKey;
    InterfaceAddress address;
    quint16 listenPort = 0;
    std::optional<Endpoint> endpoint;
    bool deviceToDevice = false;

    std::shared_ptr<const QList<InventoryDevice>> devices; // served devices; never null
    std::shared_ptr<const ClientsView> clients; // never null
    std::shared_ptr<const LiveSample> live; // never null; empty until the first read

    HubStatus status;
    QDateTime verifiedAt; // the last periodic check (it writes nothing when all is well)
    quint64 verifyCount = 0;

    HubView();
};

} // namespace fvpn
