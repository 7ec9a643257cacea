#pragma once

#include "HubAccess.h"
#include "KeyedRowsModel.h"

namespace fvpn {

// The hub's invites, keyed by invite id: a refresh after one is revoked is one
// dataChanged for that row.
class InvitesModel : public KeyedRowsModel<InviteInfo, QString>
{
    Q_OBJECT

public:
    enum Column
    {
        NoteColumn,
        StateColumn,
        UsesColumn,
        ExpiresColumn,
        ApprovalColumn,
        CreatedByColumn,
        CreatedAtColumn,
        ColumnCount
    };

    explicit InvitesModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString stateText(InviteState state); // "Usable", translated

protected:
    QString keyOf(const InviteInfo &row) const override { return row.id; }

private:
    QVariant display(const InviteInfo &invite, int column) const;
    QVariant sortValue(const InviteInfo &invite, int column) const;
};

} // namespace fvpn
