#include "AdminTableView.h"

#include "AdminRoles.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMap>
#include <QMenu>
#include <QStyle>

#include <algorithm>

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
    for (const auto &row : std::as_const(cells)) {
        QStringList fields;
        fields.reserve(row.size());
        for (const QString &cell : row)
            fields.append(cell);
        rows.append(fields.join(u'\t'));
    }
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

void AdminTableView::fitKeyColumn(int column)
{
    // Eight base64 characters and the ellipsis, in the widest letter, plus the cell's margins.
    const int text = fontMetrics().horizontalAdvance(QString(8, u'W') + QStringLiteral("…"));
    const int margins = 2 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 12;
    setColumnWidth(column, std::max(columnWidth(column), text + margins));
}

void AdminTableView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid() || !model())
        return;
    if (!selectionModel()->isSelected(index))
        selectRow(index.row());
    QMenu menu(this);
    const int column = index.column();
    const QString header = model()->headerData(column, Qt::Horizontal).toString();
    connect(menu.addAction(tr("Copy %1").arg(header)), &QAction::triggered, this,
            [this, column]() { copySelection(column); });
    connect(menu.addAction(tr("Copy row")), &QAction::triggered, this, [this]() { copySelection(); });
    menu.exec(event->globalPos());
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
