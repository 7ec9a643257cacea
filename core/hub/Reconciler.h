#pragma once

#include "DesiredState.h"
#include "FileStamp.h"
#include "Firewall.h"
#include "LiveState.h"
#include "PeerDiff.h"
#include "WireGuardInterface.h"

#include <QStringList>

#include <optional>

namespace fvpn {

// Brings the hub in line with a DesiredState: peers by diff, the firewall sets, the
// hosts block. It remembers what it believes is live (the peers with their allowed
// IPs, the firewall as written, the hosts block and the file's stamp), so a change
// costs only its own difference:
//
// - Change: the inputs changed. Peers are diffed against the belief, without
//   reading the interface; the firewall gets only the element changes.
// - Verify: the periodic check. The peers are read from the interface (which also
//   samples handshakes and counters) and drift is repaired; the firewall is
//   checked through the ruleset generation; the hosts file only when its stamp
//   changed. A pass where nothing differs writes nothing.
//
// Each step runs even if an earlier one failed, so a broken hosts file never holds
// back a tunnel and vice versa. A failed peer change makes the belief unknown: the
// next pass reads the interface first.
class Reconciler
{
public:
    enum class Mode
    {
        Change,
        Verify
    };

    struct Report
    {
        PeerDiff diff;
        int livePeers = 0;
        QString applyError;
        QString firewallError;
        QString hostsError;
        bool firewallWritten = false;
        bool hostsWritten = false;
        std::optional<LiveState> live; // when this pass read the interface

        bool wrote() const { return !diff.isEmpty() || firewallWritten || hostsWritten; }
        bool ok() const { return applyError.isEmpty() && firewallError.isEmpty(); }
    };

    Reconciler(WireGuardInterface *interface, Firewall *firewall, QString hostsFile, QString factory);

    Report run(const DesiredState &desired, Mode mode);
    // The interface was re-created: nothing of what was believed live holds.
    void forgetLive()
    {
        m_liveKnown = false;
        m_lastReadIsBelief = false;
        m_matchesDesired = 0;
    }

private:
    void syncPeers(const DesiredState &desired, Mode mode, Report *report);
    void syncFirewall(const DesiredState &desired, Mode mode, Report *report);
    void syncHosts(const DesiredState &desired, Mode mode, Report *report);
    void logDiff(const PeerDiff &diff) const;
    static QString describe(const PeerSpec &peer);

    WireGuardInterface *m_interface;
    Firewall *m_firewall;
    QString m_hostsFile;
    QString m_factory;

    LiveRoutes m_live;
    bool m_liveKnown = false;
    // The last read's peers and routes in key order, while the belief is exactly that
    // read (no change applied since): the usual periodic read is compared with it in
    // one sequential pass instead of a lookup per peer.
    std::vector<LiveRoute> m_lastRead;
    bool m_lastReadIsBelief = false;
    // The DesiredState (by serial) the belief is known to match: then a verify
    // whose read equals the belief has nothing to diff.
    quint64 m_matchesDesired = 0;

    std::optional<QList<HostEntry>> m_hostsWritten; // the entries the file holds, as far as we know
    FileStamp m_hostsStamp;
    QStringList m_reportedBadNames; // warned once, not at every sync
};

} // namespace fvpn
