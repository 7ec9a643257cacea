#include "DevicesModel.h"

#include "AdminFormat.h"

namespace fvpn {

DevicesModel::DevicesModel(QObject *parent)
    : KeyedRowsModel(parent)
{ }

int DevicesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void DevicesModel::refreshAges()
{
    emitAllChanged(StateColumn, HandshakeColumn);
}

QVariant DevicesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeviceInfo &d = rowAt(index.row());
    const LinkState state = linkStateFor(d.live.lastHandshake, now());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return d.name;
        case AddressColumn:
            return d.address.toString();
        case KeyColumn:
            return QString(d.publicKey.fingerprint() + QStringLiteral("…"));
        case StateColumn:
            return d.live.onInterface ? AdminFormat::linkState(state) : tr("Not on the hub");
        case HandshakeColumn:
            return AdminFormat::age(d.live.lastHandshake, now());
        case TransferColumn:
            return tr("↓ %1  ↑ %2")
                .arg(AdminFormat::bytes(d.live.rxBytes), AdminFormat::bytes(d.live.txBytes));
        case EndpointColumn:
            return d.live.endpoint;
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case KeyColumn:
            return d.publicKey.toBase64();
        case StateColumn:
        case HandshakeColumn:
            return d.live.lastHandshake.isValid()
                ? tr("Last handshake %1").arg(AdminFormat::time(d.live.lastHandshake))
                : tr("No handshake since the hub started");
        case TransferColumn:
            return tr("Received %1 bytes, sent %2 bytes (from the hub's side)")
                .arg(d.live.rxBytes)
                .arg(d.live.txBytes);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return AdminFormat::linkStateIcon(d.live.onInterface ? state : LinkState::Offline);
        return {};
    case SortRole:
        switch (index.column()) {
        case AddressColumn:
            return AdminFormat::addressSortKey(d.address);
        case StateColumn:
            return int(state);
        case HandshakeColumn:
            return d.live.lastHandshake.isValid() ? d.live.lastHandshake.toMSecsSinceEpoch() : qint64(0);
        case TransferColumn:
            return d.live.rxBytes + d.live.txBytes;
        case KeyColumn:
            return d.publicKey.toBase64();
        default:
            return data(index, Qt::DisplayRole);
        }
    case FilterRole:
        return QString(d.name + u' ' + d.address.toString() + u' ' + d.publicKey.toBase64() + u' '
                       + d.live.endpoint);
    case KeyRole:
        return d.publicKey.toBase64();
    case CopyRole:
        return index.column() == KeyColumn ? d.publicKey.toBase64() : data(index, Qt::DisplayRole);
    }
    return {};
}

std::optional<bool> DevicesModel::lessThan(int leftRow, int rightRow, int column) const
{
    const DeviceInfo &l = rowAt(leftRow);
    const DeviceInfo &r = rowAt(rightRow);
    switch (column) {
    case NameColumn:
        return QString::compare(l.name, r.name, Qt::CaseInsensitive) < 0;
    case AddressColumn:
        return l.address < r.address;
    case StateColumn: {
        const QDateTime at = now();
        const auto rank = [&at](const DeviceInfo &d) {
            return d.live.onInterface ? int(linkStateFor(d.live.lastHandshake, at))
                                      : int(LinkState::Offline) + 1;
        };
        return rank(l) < rank(r);
    }
    case EndpointColumn:
        return QString::compare(l.live.endpoint, r.live.endpoint, Qt::CaseInsensitive) < 0;
    case HandshakeColumn:
        // Never (invalid) sorts as the oldest.
        return l.live.lastHandshake.isValid()
            ? r.live.lastHandshake.isValid() && l.live.lastHandshake < r.live.lastHandshake
            : r.live.lastHandshake.isValid();
    case TransferColumn:
        return l.live.rxBytes + l.live.txBytes < r.live.rxBytes + r.live.txBytes;
    default:
        return std::nullopt;
    }
}

QVariant DevicesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
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
    case TransferColumn:
        return tr("Transfer");
    case EndpointColumn:
        return tr("Endpoint");
    }
    return {};
}

} // namespace fvpn
