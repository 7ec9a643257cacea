#include "AuditModel.h"

#include "AdminFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fvpn {

namespace {

QString jsonText(const QJsonValue &value, int limit)
{
    QString text;
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("∅");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::String:
        text = value.toString();
        break;
    case QJsonValue::Array:
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Object:
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        break;
    }
    return text.size() > limit ? text.left(limit) + QStringLiteral("…") : text;
}

} // namespace

AuditModel::AuditModel(QObject *parent)
    : KeyedRowsModel(parent)
{ }

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditModel::changeText(const AuditRecord &entry)
{
    const auto empty = [](const QJsonValue &v) {
        return v.isNull() || v.isUndefined();
    };
    if (empty(entry.before) && empty(entry.after))
        return {};
    return jsonText(entry.before, 80) + QStringLiteral(" → ") + jsonText(entry.after, 80);
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditRecord &e = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return AdminFormat::time(e.at);
        case ActorColumn:
            return e.actor;
        case ActionColumn:
            return e.action;
        case TargetColumn:
            return e.target;
        case ChangeColumn:
            return changeText(e);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ChangeColumn || index.column() == TargetColumn)
            return tr("Before: %1\nAfter: %2").arg(jsonText(e.before, 2000), jsonText(e.after, 2000));
        return {};
    case SortRole:
        return index.column() == TimeColumn ? QVariant(e.id) : data(index, Qt::DisplayRole);
    case FilterRole:
        return QString(e.actor + u' ' + e.action + u' ' + e.target + u' ' + changeText(e));
    case KeyRole:
        return QString::number(e.id);
    case CopyRole:
        return data(index, Qt::DisplayRole);
    case TimeRole:
        return e.at;
    case ActorRole:
        return e.actor;
    case ActionRole:
        return e.action;
    }
    return {};
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("When");
    case ActorColumn:
        return tr("Who");
    case ActionColumn:
        return tr("Action");
    case TargetColumn:
        return tr("Target");
    case ChangeColumn:
        return tr("Before → after");
    }
    return {};
}

} // namespace fvpn
