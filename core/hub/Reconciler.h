#pragma once

#include "ClientsFile.h"
#include "DesiredPeers.h"
#include "DeviceInventory.h"
#include "Firewall.h"
#include "HostsFile.h"
#include "PeerDiff.h"
#include "WireGuardInterface.h"

#include <QStringList>

#include <optional>

namespace fvpn {

// One pass of bringing the hub in line with what it should be: peers by diff, the
// firewall sets, the hosts block. Each step runs even if an earlier one failed, so
// a broken hosts file never holds back a tunnel and vice versa.
class Reconciler
{
public:
    struct Input
    {
        std::optional<QList<InventoryDevice>> devices; // nullopt: not known yet, keep unknown peers
        QList<ClientPeer> clients;
        bool deviceToDevice = false;
        bool repairFirewall = false; // replace the whole table instead of updating it
    };

    struct Report
    {
        DesiredPeers desired;
        PeerDiff diff;
        int livePeers = 0;
        QString applyError;
        QString firewallError;
        QString hostsError;
        bool hostsWritten = false;
    };

    Reconciler(WireGuardInterface *interface, Firewall *firewall, QString hostsFile, QString factory);

    Report run(const Input &input);

private:
    static QList<HostEntry> hostEntries(const DesiredPeers &desired, const QList<ClientPeer> &clients);
    void logDiff(const PeerDiff &diff, const WgDump &live) const;
    static QString describe(const PeerSpec &peer);

    WireGuardInterface *m_interface;
    Firewall *m_firewall;
    QString m_hostsFile;
    QString m_factory;
    QStringList m_reportedBadNames; // warned once, not at every sync
};

} // namespace fvpn
