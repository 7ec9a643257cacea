#pragma once

#include "HubSnapshot.h"
#include "KeyedRowsModel.h"

namespace fvpn {

// The hub's audit trail (who did what, when, before/after), keyed by entry id.
class AuditModel : public KeyedRowsModel<AuditRecord, qint64>
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        ActorColumn,
        ActionColumn,
        TargetColumn,
        ChangeColumn,
        ColumnCount
    };

    explicit AuditModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "false → true", "∅ → 10.42.42.7"; long JSON shortened.
    static QString changeText(const AuditRecord &entry);

protected:
    qint64 keyOf(const AuditRecord &row) const override { return row.id; }
};

} // namespace fvpn
