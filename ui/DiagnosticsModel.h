#pragma once

#include <QAbstractTableModel>
#include <QPointer>

namespace fvpn {

class Diagnostics;

// The diagnostics checks as a table: check, verdict, what was found.
class DiagnosticsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        CheckColumn,
        VerdictColumn,
        DetailsColumn,
        ColumnCount
    };

    explicit DiagnosticsModel(Diagnostics *diagnostics, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QPointer<Diagnostics> m_diagnostics;
};

} // namespace fvpn
