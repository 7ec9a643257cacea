#include "DevicesModel.h"

#include "AdminFormat.h"

namespace fvpn {

DevicesModel::DevicesModel(QObject *parent)
    : PeerRowsModel(ColumnCount, parent)
{ }

QVariant DevicesModel::ownData(const DeviceInfo &device, int column, int role) const
{
    const PeerLive &live = device.live;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case StateColumn:
            return live.onInterface ? QVariant() : tr("Not on the hub");
        case TransferColumn:
            return tr("↓ %1  ↑ %2").arg(AdminFormat::bytes(live.rxBytes), AdminFormat::bytes(live.txBytes));
        case EndpointColumn:
            return live.endpoint;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == TransferColumn)
            return tr("Received %1 bytes, sent %2 bytes (from the hub's side)")
                .arg(live.rxBytes)
                .arg(live.txBytes);
        return {};
    case SortRole:
        if (column == TransferColumn)
            return live.rxBytes + live.txBytes;
        return {};
    }
    return {};
}

QString DevicesModel::filterText(const DeviceInfo &device) const
{
    return device.name + u' ' + device.address.toString() + u' ' + device.publicKey.toBase64() + u' '
        + device.live.endpoint;
}

std::optional<bool> DevicesModel::ownLessThan(const DeviceInfo &left, const DeviceInfo &right,
                                              int column) const
{
    switch (column) {
    case EndpointColumn:
        return QString::compare(left.live.endpoint, right.live.endpoint, Qt::CaseInsensitive) < 0;
    case TransferColumn:
        return left.live.rxBytes + left.live.txBytes < right.live.rxBytes + right.live.txBytes;
    }
    return std::nullopt;
}

QVariant DevicesModel::ownHeader(int section) const
{
    switch (section) {
    case TransferColumn:
        return tr("Transfer");
    case EndpointColumn:
        return tr("Endpoint");
    }
    return {};
}

} // namespace fvpn
