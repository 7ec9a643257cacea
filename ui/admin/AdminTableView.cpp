#include "AdminTableView.h"

#include "AdminRoles.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMap>

namespace fvpn {

AdminTableView::AdminTableView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    verticalHeader()->hide();
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
}

QString AdminTableView::selectedText(int column) const
{
    QMap<int, QMap<int, QString>> cells; // view row -> column -> text
    const QModelIndexList selected
        = selectionModel() ? selectionModel()->selectedIndexes() : QModelIndexList();
    for (const QModelIndex &index : selected) {
        if (column >= 0 && index.column() != column)
            continue;
        if (isColumnHidden(index.column()))
            continue;
        cells[index.row()][index.column()] = index.data(CopyRole).toString();
    }
    QStringList rows;
    for (const auto &row : std::as_const(cells))
        rows.append(QStringList(row.values()).join(u'\t'));
    return rows.join(u'\n');
}

void AdminTableView::copySelection(int column) const
{
    const QString text = selectedText(column);
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

QModelIndexList AdminTableView::selectedSourceRows() const
{
    QModelIndexList rows;
    if (!selectionModel())
        return rows;
    for (const QModelIndex &index : selectionModel()->selectedRows()) {
        QModelIndex source = index;
        while (auto *proxy = qobject_cast<const QAbstractProxyModel *>(source.model()))
            source = proxy->mapToSource(source);
        rows.append(source);
    }
    return rows;
}

void AdminTableView::keyPressEvent(QKeyEvent *event)
{
    if (event == QKeySequence::Copy) {
        copySelection();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

} // namespace fvpn
