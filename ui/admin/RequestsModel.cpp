#include "RequestsModel.h"

#include "AdminFormat.h"

namespace fvpn {

RequestsModel::RequestsModel(QObject *parent)
    : KeyedRowsModel(parent)
{ }

int RequestsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void RequestsModel::setRequests(const QList<RequestInfo> &requests)
{
    QList<RequestInfo> pending;
    for (const RequestInfo &r : requests) {
        if (r.status == RequestState::Pending)
            pending.append(r);
    }
    setRows(pending);
}

QVariant RequestsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RequestInfo &r = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return r.name;
        case HostnameColumn:
            return r.hostname;
        case OsColumn:
            return r.os;
        case KeyColumn:
            return QString(r.publicKey.fingerprint() + QStringLiteral("…"));
        case SourceColumn:
            return r.sourceAddress;
        case CreatedColumn:
            return AdminFormat::shortTime(r.createdAt);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == KeyColumn)
            return r.publicKey.toBase64();
        if (index.column() == CreatedColumn)
            return tr("%1 (%2)").arg(AdminFormat::time(r.createdAt),
                                     AdminFormat::age(r.createdAt, QDateTime::currentDateTimeUtc()));
        return {};
    case SortRole:
        if (index.column() == CreatedColumn)
            return r.createdAt.toMSecsSinceEpoch();
        return data(index, Qt::DisplayRole);
    case FilterRole:
        return QString(r.name + u' ' + r.hostname + u' ' + r.os + u' ' + r.publicKey.toBase64() + u' '
                       + r.sourceAddress);
    case KeyRole:
        return r.id;
    case CopyRole:
        return index.column() == KeyColumn ? r.publicKey.toBase64() : data(index, Qt::DisplayRole);
    case TimeRole:
        return r.createdAt;
    }
    return {};
}

QVariant RequestsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case HostnameColumn:
        return tr("Host name");
    case OsColumn:
        return tr("Operating system");
    case KeyColumn:
        return tr("Key");
    case SourceColumn:
        return tr("Sent from");
    case CreatedColumn:
        return tr("Requested");
    }
    return {};
}

} // namespace fvpn
