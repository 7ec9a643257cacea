#include "TunnelStatus.h"

#include <QCoreApplication>

namespace fvpn {

QString tunnelStateName(TunnelState state)
{
    switch (state) {
    case TunnelState::Disconnected:
        return QStringLiteral("disconnected");
    case TunnelState::Connecting:
        return QStringLiteral("connecting");
    case TunnelState::Connected:
        return QStringLiteral("connected");
    case TunnelState::Stale:
        return QStringLiteral("stale");
    case TunnelState::Error:
        return QStringLiteral("error");
    }
    return {};
}

QString tunnelStateText(TunnelState state)
{
    switch (state) {
    case TunnelState::Disconnected:
        return QCoreApplication::translate("fvpn::TunnelStatus", "Disconnected");
    case TunnelState::Connecting:
        return QCoreApplication::translate("fvpn::TunnelStatus", "Connecting");
    case TunnelState::Connected:
        return QCoreApplication::translate("fvpn::TunnelStatus", "Connected");
    case TunnelState::Stale:
        return QCoreApplication::translate("fvpn::TunnelStatus", "No recent handshake");
    case TunnelState::Error:
        return QCoreApplication::translate("fvpn::TunnelStatus", "Error");
    }
    return {};
}

TunnelStatus evaluateTunnel(const Result<std::optional<WgDump>> &dump, const PublicKey &hubKey,
                            const TunnelObservation &observation, qint64 nowSecs, int staleAfterSecs,
                            int connectTimeoutSecs)
{
    TunnelStatus status;
    const bool stillConnecting = observation.connecting && observation.connectingSecs < connectTimeoutSecs;
    if (!dump) {
        status.state = TunnelState::Error;
        status.detail = dump.error().message;
        return status;
    }
    if (!dump->has_value()) {
        if (stillConnecting) {
            status.state = TunnelState::Connecting;
            status.detail = QCoreApplication::translate("fvpn::TunnelStatus", "Bringing the tunnel up…");
        } else if (!observation.lastError.isEmpty()) {
            status.state = TunnelState::Error;
            status.detail = observation.lastError;
        } else {
            status.state = TunnelState::Disconnected;
        }
        return status;
    }

    status.interfaceExists = true;
    const std::optional<WgDumpPeer> hub = (*dump)->findPeer(hubKey);
    if (!hub) {
        status.state = TunnelState::Error;
        status.detail = QCoreApplication::translate(
            "fvpn::TunnelStatus",
            "The tunnel interface exists but does not lead to the hub; disconnect and "
            "connect again.");
        return status;
    }
    status.endpoint = hub->endpoint;
    status.rxBytes = hub->rxBytes;
    status.txBytes = hub->txBytes;
    status.handshakeAgeSecs = hub->handshakeAge(nowSecs);
    const qint64 age = status.handshakeAgeSecs;
    if (age >= 0 && age <= staleAfterSecs) {
        status.state = TunnelState::Connected;
        status.detail = QCoreApplication::translate("fvpn::TunnelStatus", "Last handshake %1.")
                            .arg(formatHandshakeAge(age));
        return status;
    }
    if (stillConnecting) {
        status.state = TunnelState::Connecting;
        status.detail = QCoreApplication::translate("fvpn::TunnelStatus", "Waiting for the hub to answer…");
        return status;
    }
    status.state = TunnelState::Stale;
    const QString endpoint = hub->endpoint ? hub->endpoint->toString()
                                           : QCoreApplication::translate("fvpn::TunnelStatus", "the hub");
    if (age < 0)
        status.detail = QCoreApplication::translate(
                            "fvpn::TunnelStatus",
                            "The hub has not answered yet. UDP to %1 may be blocked by a firewall, or "
                            "the hub does not know your key.")
                            .arg(endpoint);
    else
        status.detail = QCoreApplication::translate(
                            "fvpn::TunnelStatus",
                            "The last handshake with the hub was %1. UDP to %2 may be blocked, or the "
                            "hub is down.")
                            .arg(formatHandshakeAge(age), endpoint);
    return status;
}

QString formatHandshakeAge(qint64 ageSecs)
{
    // The counts are computed first: lupdate (6.4) hangs on a division inside the call.
    if (ageSecs < 0)
        return QCoreApplication::translate("fvpn::TunnelStatus", "never");
    if (ageSecs < 120)
        return QCoreApplication::translate("fvpn::TunnelStatus", "%n s ago", nullptr, int(ageSecs));
    const int minutes = int(ageSecs / 60);
    if (ageSecs < 2 * 3600)
        return QCoreApplication::translate("fvpn::TunnelStatus", "%n min ago", nullptr, minutes);
    const int hours = int(ageSecs / 3600);
    if (ageSecs < 2 * 86400)
        return QCoreApplication::translate("fvpn::TunnelStatus", "%n h ago", nullptr, hours);
    const int days = int(ageSecs / 86400);
    return QCoreApplication::translate("fvpn::TunnelStatus", "%n days ago", nullptr, days);
}

QString formatBytes(quint64 bytes)
{
    static const char16_t *const units[] = { u"KiB", u"MiB", u"GiB", u"TiB" };
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    double value = double(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2")
        .arg(value, 0, 'f', value < 10 ? 1 : 0)
        .arg(QString::fromUtf16(units[unit]));
}

} // namespace fvpn
