#pragma once

#include "Endpoint.h"
#include "PublicKey.h"
#include "Result.h"
#include "WgDump.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace fvpn {

enum class TunnelState
{
    Disconnected, // no tunnel interface
    Connecting, // asked to come up, no handshake with the hub yet
    Connected, // a handshake with the hub within the stale limit (180 s)
    Stale, // the interface is up but the last handshake is older, or never came
    Error, // the backend failed, or the interface is not what we set up
};

QString tunnelStateName(TunnelState state); // "connected", …
QString tunnelStateText(TunnelState state); // "Connected", "No recent handshake", …

// One observation of the tunnel, in the terms the window and the tray show.
struct TunnelStatus
{
    TunnelState state = TunnelState::Disconnected;
    QString detail; // a sentence: why Stale or Error, what is happening while Connecting
    bool interfaceExists = false;
    std::optional<Endpoint> endpoint; // where the hub's packets come from, as WireGuard sees it
    qint64 handshakeAgeSecs = -1; // -1: none yet
    quint64 rxBytes = 0;
    quint64 txBytes = 0;

    friend bool operator==(const TunnelStatus &, const TunnelStatus &) = default;
};

// The rules, apart from any timer or process, so they can be tested as a table.
struct TunnelObservation
{
    bool connecting = false; // an `up` was asked for and no handshake has been seen since
    qint64 connectingSecs = 0; // how long ago it was asked for
    QString lastError; // the last backend failure, until the next attempt
};

TunnelStatus evaluateTunnel(const Result<std::optional<WgDump>> &dump, const PublicKey &hubKey,
                            const TunnelObservation &observation, qint64 nowSecs, int staleAfterSecs,
                            int connectTimeoutSecs);

// "12 s ago", "4 min ago", "2 h ago", "never".
QString formatHandshakeAge(qint64 ageSecs);
// "1.5 MiB", "312 B".
QString formatBytes(quint64 bytes);

} // namespace fvpn

Q_DECLARE_METATYPE(fvpn::TunnelStatus)
