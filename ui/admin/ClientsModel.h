#pragma once

#include "PeerRowsModel.h"

namespace fvpn {

// The approved engineers (client peers of factory-clients.conf), keyed by public key.
class ClientsModel : public PeerRowsModel<ClientInfo>
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn = PeerColumns::NameColumn,
        AddressColumn = PeerColumns::AddressColumn,
        KeyColumn = PeerColumns::KeyColumn,
        StateColumn = PeerColumns::StateColumn,
        HandshakeColumn = PeerColumns::HandshakeColumn,
        ApprovedColumn = PeerColumns::SharedColumnCount,
        ColumnCount
    };

    explicit ClientsModel(QObject *parent = nullptr);

protected:
    QVariant ownData(const ClientInfo &client, int column, int role) const override;
    QVariant ownHeader(int section) const override;
    std::optional<bool> ownLessThan(const ClientInfo &left, const ClientInfo &right,
                                    int column) const override;
    QString filterText(const ClientInfo &client) const override;
};

} // namespace fvpn
