#include "PeerColumns.h"

#include "AdminFormat.h"
#include "AdminRoles.h"

namespace fvpn {

namespace {

LinkState shownState(const PeerLive &live, const QDateTime &now)
{
    return live.onInterface ? linkStateFor(live.lastHandshake, now) : LinkState::Offline;
}

} // namespace

QVariant PeerColumns::data(const Peer &peer, int column, int role, const QDateTime &now)
{
    const PeerLive &live = peer.live;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return peer.name;
        case AddressColumn:
            return peer.address.toString();
        case KeyColumn:
            return QString(peer.publicKey.fingerprint() + QStringLiteral("…"));
        case StateColumn:
            return AdminFormat::linkState(linkStateFor(live.lastHandshake, now));
        case HandshakeColumn:
            return AdminFormat::age(live.lastHandshake, now);
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case KeyColumn:
            return peer.publicKey.toBase64();
        case StateColumn:
        case HandshakeColumn:
            return live.lastHandshake.isValid()
                ? tr("Last handshake %1").arg(AdminFormat::time(live.lastHandshake))
                : tr("No handshake since the hub started");
        }
        return {};
    case Qt::DecorationRole:
        return column == StateColumn ? AdminFormat::linkStateIcon(shownState(live, now)) : QVariant();
    case SortRole:
        switch (column) {
        case AddressColumn:
            return AdminFormat::addressSortKey(peer.address);
        case StateColumn:
            return int(linkStateFor(live.lastHandshake, now));
        case HandshakeColumn:
            return live.lastHandshake.isValid() ? live.lastHandshake.toMSecsSinceEpoch() : qint64(0);
        case KeyColumn:
            return peer.publicKey.toBase64();
        }
        return {};
    }
    return {};
}

QVariant PeerColumns::header(int column)
{
    switch (column) {
    case NameColumn:
        return tr("Name");
    case AddressColumn:
        return tr("VPN address");
    case KeyColumn:
        return tr("Key");
    case StateColumn:
        return tr("State");
    case HandshakeColumn:
        return tr("Last handshake");
    }
    return {};
}

std::optional<bool> PeerColumns::lessThan(const Peer &left, const Peer &right, int column,
                                          const QDateTime &now)
{
    switch (column) {
    case NameColumn:
        return QString::compare(left.name, right.name, Qt::CaseInsensitive) < 0;
    case AddressColumn:
        return left.address < right.address;
    case StateColumn: {
        // A peer the hub has not put on its interface sorts after every offline one.
        const auto rank = [&now](const PeerLive &live) {
            return live.onInterface ? int(linkStateFor(live.lastHandshake, now))
                                    : int(LinkState::Offline) + 1;
        };
        return rank(left.live) < rank(right.live);
    }
    case HandshakeColumn:
        // Never (invalid) sorts as the oldest.
        return left.live.lastHandshake.isValid()
            ? right.live.lastHandshake.isValid() && left.live.lastHandshake < right.live.lastHandshake
            : right.live.lastHandshake.isValid();
    }
    return std::nullopt;
}

} // namespace fvpn
