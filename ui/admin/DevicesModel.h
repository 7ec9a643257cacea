#pragma once

#include "PeerRowsModel.h"

namespace fvpn {

// The factory's devices as the hub serves them, one row each, keyed by public key.
class DevicesModel : public PeerRowsModel<DeviceInfo>
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
        TransferColumn = PeerColumns::SharedColumnCount,
        EndpointColumn,
        ColumnCount
    };

    explicit DevicesModel(QObject *parent = nullptr);

protected:
    QVariant ownData(const DeviceInfo &device, int column, int role) const override;
    QVariant ownHeader(int section) const override;
    std::optional<bool> ownLessThan(const DeviceInfo &left, const DeviceInfo &right,
                                    int column) const override;
    QString filterText(const DeviceInfo &device) const override;
};

} // namespace fvpn
