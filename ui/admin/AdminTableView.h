#pragma once

#include <QTableView>

namespace fvpn {

// The admin's tables: fixed row height (so 10,000 rows scroll without measuring
// each), sortable headers, whole-row selection, and Ctrl+C copying what each
// selected cell's CopyRole says (the full key for a key cell, not "abcd1234…").
class AdminTableView : public QTableView
{
    Q_OBJECT

public:
    explicit AdminTableView(QWidget *parent = nullptr);

    // The CopyRole text of the selected cells (or of `column` in the selected rows,
    // when column >= 0): cells tab-separated, rows on their own lines.
    QString selectedText(int column = -1) const;
    void copySelection(int column = -1) const;
    // Source model rows of the selection, through any proxy.
    QModelIndexList selectedSourceRows() const;
    // Makes `column` wide enough for a key fingerprint ("9W1NAx9d…", the widest
    // letters assumed) so the view never cuts it further.
    void fitKeyColumn(int column);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    // Right click: copy this column of the selected rows (the whole key for a key
    // cell), or the rows.
    void contextMenuEvent(QContextMenuEvent *event) override;
};

} // namespace fvpn
