#include "ClientsModel.h"

#include "AdminFormat.h"

namespace fvpn {

ClientsModel::ClientsModel(QObject *parent)
    : PeerRowsModel(ColumnCount, parent)
{ }

QVariant ClientsModel::ownData(const ClientInfo &client, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case StateColumn:
            return client.live.onInterface ? QVariant() : tr("Not on the hub yet");
        case ApprovedColumn:
            if (client.approvedBy.isEmpty())
                return tr("added to the file by hand");
            return tr("%1, %2").arg(client.approvedBy, AdminFormat::time(client.approvedAt));
        }
        return {};
    case Qt::ToolTipRole:
        if (column == NameColumn && !client.comment.isEmpty())
            return tr("Comment: %1\nLine %2 of factory-clients.conf").arg(client.comment).arg(client.line);
        return {};
    case SortRole:
        if (column == ApprovedColumn)
            return client.approvedAt.isValid() ? client.approvedAt.toMSecsSinceEpoch() : qint64(0);
        return {};
    }
    return {};
}

QString ClientsModel::filterText(const ClientInfo &client) const
{
    return client.name + u' ' + client.comment + u' ' + client.address.toString() + u' '
        + client.publicKey.toBase64() + u' ' + client.approvedBy;
}

std::optional<bool> ClientsModel::ownLessThan(const ClientInfo &, const ClientInfo &, int) const
{
    return std::nullopt; // the approval time's SortRole is cheap enough
}

QVariant ClientsModel::ownHeader(int section) const
{
    return section == ApprovedColumn ? QVariant(tr("Approved by, when")) : QVariant();
}

} // namespace fvpn
