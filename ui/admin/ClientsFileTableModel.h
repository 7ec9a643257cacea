#pragma once

#include "Result.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace fvpn {

// factory-clients.conf as a table: one row per line of the text, so the table
// and the raw text editor are two views of one document and line numbers mean
// the same in both. A peer line shows its key, address and comment in columns;
// a comment line shows its whole text in the first column (the view spans it). Editing a cell
// rewrites only that line; every other line stays byte for byte.
//
// setText() (from the raw editor) updates only the rows whose lines changed;
// edits made through the table are announced with textEdited().
class ClientsFileTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        KeyColumn,
        AddressColumn,
        CommentColumn,
        ProblemColumn,
        ColumnCount
    };

    enum class LineKind
    {
        Blank,
        Comment,
        Peer // or what is meant to be one; validation says whether it is
    };

    struct Fields
    {
        LineKind kind = LineKind::Blank;
        QString key;
        QString address;
        QString comment; // the rest of the line after the address, as written
    };

    explicit ClientsFileTableModel(QObject *parent = nullptr);

    void setText(const QString &text);
    QString text() const;
    const QStringList &lines() const { return m_lines; }

    // Problems by line number (1-based), from validation; shown in their rows.
    void setProblems(const QList<LineError> &problems);
    QStringList problemsAt(int row) const { return m_problems.value(row); }
    int problemRowCount() const { return int(m_problems.size()); }

    // Appends "<key> <address> [comment]" as a new line; returns its row.
    int appendPeer(const QString &key, const QString &address, const QString &comment = {});

    static Fields split(const QString &line);
    static QString join(const Fields &fields);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool insertRows(int row, int count, const QModelIndex &parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

Q_SIGNALS:
    void textEdited(const QString &text);

private:
    // Moves the problems of rows at or after `from` by `delta` rows and drops
    // those of the rows in [from, from + dropped): their lines are new.
    void shiftProblems(int from, int dropped, int delta);

    QStringList m_lines;
    bool m_trailingNewline = true;
    QHash<int, QStringList> m_problems; // row -> messages
};

} // namespace fvpn
