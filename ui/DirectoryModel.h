#pragma once

#include "DeviceDirectory.h"
#include "KeyedRowsModel.h"
#include "RowComparator.h"

namespace fvpn {

// The device directory as a table (name, VPN address, state, last handshake),
// keyed by VPN address: a refresh every 30 s changes only the rows that changed,
// so the engineer's selection and filter survive it.
class DirectoryModel : public KeyedRowsModel<DirectoryDevice, IpAddress>, public RowComparator
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        AddressColumn,
        StateColumn,
        HandshakeColumn,
        ColumnCount
    };

    explicit DirectoryModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    std::optional<bool> lessThan(int leftRow, int rightRow, int column) const override;

    static QString stateText(DirectoryDevice::State state);

protected:
    IpAddress keyOf(const DirectoryDevice &device) const override { return device.address; }
};

} // namespace fvpn
