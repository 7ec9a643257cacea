#pragma once

#include "HubSnapshot.h"
#include "KeyedRowsModel.h"

namespace fvpn {

// Pending registration requests with their evidence, keyed by request id.
class RequestsModel : public KeyedRowsModel<RequestInfo, QString>
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        HostnameColumn,
        OsColumn,
        KeyColumn,
        SourceColumn,
        CreatedColumn,
        ColumnCount
    };

    explicit RequestsModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Keeps only the pending requests of `requests`.
    void setRequests(const QList<RequestInfo> &requests);

protected:
    QString keyOf(const RequestInfo &row) const override { return row.id; }
};

} // namespace fvpn
