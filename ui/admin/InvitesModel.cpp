#include "InvitesModel.h"

#include "AdminFormat.h"

#include <limits>

namespace fvpn {

InvitesModel::InvitesModel(QObject *parent)
    : KeyedRowsModel(parent)
{ }

int InvitesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString InvitesModel::stateText(InviteState state)
{
    switch (state) {
    case InviteState::Usable:
        return tr("Usable");
    case InviteState::Used:
        return tr("Used up");
    case InviteState::Expired:
        return tr("Expired");
    case InviteState::Revoked:
        return tr("Revoked");
    }
    return {};
}

QVariant InvitesModel::display(const InviteInfo &invite, int column) const
{
    switch (column) {
    case NoteColumn:
        return invite.note;
    case StateColumn:
        return stateText(invite.state);
    case UsesColumn:
        return tr("%1 of %2").arg(invite.uses).arg(invite.maxUses);
    case ExpiresColumn:
        return invite.expiresAt.isValid() ? AdminFormat::shortTime(invite.expiresAt) : tr("never");
    case ApprovalColumn:
        return invite.preApproved ? tr("Pre-approved") : tr("Needs approval");
    case CreatedByColumn:
        return invite.createdBy;
    case CreatedAtColumn:
        return AdminFormat::shortTime(invite.createdAt);
    }
    return {};
}

QVariant InvitesModel::sortValue(const InviteInfo &invite, int column) const
{
    switch (column) {
    case StateColumn:
        return int(invite.state);
    case UsesColumn:
        return invite.uses;
    case ExpiresColumn:
        // An invite that never expires sorts after every date.
        return invite.expiresAt.isValid() ? invite.expiresAt.toMSecsSinceEpoch()
                                          : std::numeric_limits<qint64>::max();
    case CreatedAtColumn:
        return invite.createdAt.toMSecsSinceEpoch();
    }
    return display(invite, column);
}

QVariant InvitesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InviteInfo &invite = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case CopyRole:
        return display(invite, index.column());
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && invite.state == InviteState::Revoked)
            return tr("Revoked %1").arg(AdminFormat::time(invite.revokedAt));
        if (index.column() == ApprovalColumn && invite.preApproved)
            return tr("Registrations with this invite join the VPN without an admin's approval");
        return {};
    case SortRole:
        return sortValue(invite, index.column());
    case FilterRole:
        return QString(invite.note + u' ' + stateText(invite.state) + u' ' + invite.createdBy + u' '
                       + invite.id);
    case KeyRole:
        return invite.id;
    case TimeRole:
        return invite.createdAt;
    }
    return {};
}

QVariant InvitesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NoteColumn:
        return tr("Note");
    case StateColumn:
        return tr("State");
    case UsesColumn:
        return tr("Uses");
    case ExpiresColumn:
        return tr("Expires");
    case ApprovalColumn:
        return tr("Approval");
    case CreatedByColumn:
        return tr("Created by");
    case CreatedAtColumn:
        return tr("Created");
    }
    return {};
}

} // namespace fvpn
