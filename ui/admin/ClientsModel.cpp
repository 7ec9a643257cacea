#include "ClientsModel.h"

#include "AdminFormat.h"

namespace fvpn {

ClientsModel::ClientsModel(QObject *parent)
    : KeyedRowsModel(parent)
{ }

int ClientsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void ClientsModel::refreshAges()
{
    emitAllChanged(StateColumn, HandshakeColumn);
}

QVariant ClientsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ClientInfo &c = rowAt(index.row());
    const LinkState state = linkStateFor(c.live.lastHandshake, now());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return c.name;
        case AddressColumn:
            return c.address.toString();
        case KeyColumn:
            return QString(c.publicKey.fingerprint() + QStringLiteral("…"));
        case StateColumn:
            return c.live.onInterface ? AdminFormat::linkState(state) : tr("Not on the hub yet");
        case HandshakeColumn:
            return AdminFormat::age(c.live.lastHandshake, now());
        case ApprovedColumn:
            if (c.approvedBy.isEmpty())
                return tr("added to the file by hand");
            return tr("%1, %2").arg(c.approvedBy, AdminFormat::time(c.approvedAt));
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn:
            return c.comment.isEmpty()
                ? QVariant()
                : tr("Comment: %1\nLine %2 of factory-clients.conf").arg(c.comment).arg(c.line);
        case KeyColumn:
            return c.publicKey.toBase64();
        case StateColumn:
        case HandshakeColumn:
            return c.live.lastHandshake.isValid()
                ? tr("Last handshake %1").arg(AdminFormat::time(c.live.lastHandshake))
                : tr("No handshake since the hub started");
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return AdminFormat::linkStateIcon(c.live.onInterface ? state : LinkState::Offline);
        return {};
    case SortRole:
        switch (index.column()) {
        case AddressColumn:
            return AdminFormat::addressSortKey(c.address);
        case StateColumn:
            return int(state);
        case HandshakeColumn:
            return c.live.lastHandshake.isValid() ? c.live.lastHandshake.toMSecsSinceEpoch() : qint64(0);
        case ApprovedColumn:
            return c.approvedAt.isValid() ? c.approvedAt.toMSecsSinceEpoch() : qint64(0);
        case KeyColumn:
            return c.publicKey.toBase64();
        default:
            return data(index, Qt::DisplayRole);
        }
    case FilterRole:
        return QString(c.name + u' ' + c.comment + u' ' + c.address.toString() + u' ' + c.publicKey.toBase64()
                       + u' ' + c.approvedBy);
    case KeyRole:
        return c.publicKey.toBase64();
    case CopyRole:
        return index.column() == KeyColumn ? c.publicKey.toBase64() : data(index, Qt::DisplayRole);
    }
    return {};
}

std::optional<bool> ClientsModel::lessThan(int leftRow, int rightRow, int column) const
{
    const ClientInfo &l = rowAt(leftRow);
    const ClientInfo &r = rowAt(rightRow);
    switch (column) {
    case NameColumn:
        return QString::compare(l.name, r.name, Qt::CaseInsensitive) < 0;
    case AddressColumn:
        return l.address < r.address;
    default:
        return std::nullopt;
    }
}

QVariant ClientsModel::headerData(int section, Qt::Orientation orientation, int role) const
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
    case ApprovedColumn:
        return tr("Approved by, when");
    }
    return {};
}

} // namespace fvpn
