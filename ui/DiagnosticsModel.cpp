#include "DiagnosticsModel.h"

#include "Diagnostics.h"

#include <QBrush>
#include <QColor>

namespace fvpn {

using Verdict = DiagnosticCheck::Verdict;

DiagnosticsModel::DiagnosticsModel(Diagnostics *diagnostics, QObject *parent)
    : QAbstractTableModel(parent)
    , m_diagnostics(diagnostics)
{
    connect(diagnostics, &Diagnostics::checkChanged, this,
            [this](int row) { Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
}

int DiagnosticsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_diagnostics ? 0 : int(m_diagnostics->checks().size());
}

int DiagnosticsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiagnosticsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || !m_diagnostics)
        return {};
    const DiagnosticCheck &check = m_diagnostics->checks().at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case CheckColumn:
            return check.title;
        case VerdictColumn:
            return verdictText(check.verdict);
        case DetailsColumn:
            return check.words;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == DetailsColumn)
        return check.words;
    if (role == Qt::ForegroundRole && index.column() == VerdictColumn) {
        switch (check.verdict) {
        case Verdict::Pass:
            return QBrush(QColor(0x1b, 0x66, 0x32));
        case Verdict::Warning:
            return QBrush(QColor(0x9c, 0x45, 0x10));
        case Verdict::Fail:
            return QBrush(QColor(0x8a, 0x1a, 0x1a));
        case Verdict::Running:
        case Verdict::Skipped:
        case Verdict::Note:
            return {};
        }
    }
    return {};
}

QVariant DiagnosticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CheckColumn:
        return tr("Check");
    case VerdictColumn:
        return tr("Verdict");
    case DetailsColumn:
        return tr("What was found");
    default:
        return {};
    }
}

} // namespace fvpn
