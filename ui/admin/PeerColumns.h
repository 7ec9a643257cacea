#pragma once

#include "HubSnapshot.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QVariant>

#include <optional>

namespace fvpn {

// The columns every peer table of the admin view starts with (devices and
// client peers alike): name, address, key, link state, last handshake. One
// place for their texts, tooltips, icons and sort order, so both tables read
// and sort the same way.
class PeerColumns
{
    Q_DECLARE_TR_FUNCTIONS(PeerColumns)

public:
    enum Column
    {
        NameColumn,
        AddressColumn,
        KeyColumn,
        StateColumn,
        HandshakeColumn,
        SharedColumnCount
    };

    // What the shared columns need to know of a row.
    struct Peer
    {
        const QString &name;
        const IpAddress &address;
        const PublicKey &publicKey;
        const PeerLive &live;
    };

    // Display, tooltip, decoration and sort values of a shared column; an
    // invalid QVariant for any other column or role.
    static QVariant data(const Peer &peer, int column, int role, const QDateTime &now);
    static QVariant header(int column);
    // nullopt for a column that is not shared (or has no direct comparison).
    static std::optional<bool> lessThan(const Peer &left, const Peer &right, int column,
                                        const QDateTime &now);
};

} // namespace fvpn
