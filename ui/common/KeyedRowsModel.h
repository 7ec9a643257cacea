#pragma once

#include "AdminRoles.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace fvpn {

// A table whose rows have a stable key (a public key, a request id). setRows()
// takes the hub's latest list and tells the views exactly what happened: rows
// whose key went away are removed, rows whose content changed get dataChanged,
// new keys are appended. One device coming online out of 10,000 is one
// dataChanged, not a reset: selection, scroll position and sort survive.
//
// The order of rows here is arrival order; views sort through a proxy.
template<typename Row, typename Key> class KeyedRowsModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    const QList<Row> &rows() const { return m_rows; }
    const Row &rowAt(int row) const { return m_rows.at(row); }
    // -1 when absent.
    int rowOf(const Key &key) const { return m_index.value(key, -1); }

    void setRows(const QList<Row> &incoming)
    {
        QHash<Key, qsizetype> wanted;
        wanted.reserve(incoming.size());
        for (qsizetype i = 0; i < incoming.size(); ++i)
            wanted.insert(keyOf(incoming[i]), i); // a duplicate key: the last one wins

        removeMissing(wanted);
        updateChanged(incoming, wanted);
        appendNew(incoming, wanted);
    }

protected:
    virtual Key keyOf(const Row &row) const = 0;

    // For subclasses whose rows change by other means (a refresh of ages).
    void emitAllChanged(int firstColumn, int lastColumn, const QList<int> &roles = {})
    {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, firstColumn), index(int(m_rows.size()) - 1, lastColumn), roles);
    }

private:
    void removeMissing(const QHash<Key, qsizetype> &wanted)
    {
        qsizetype removed = 0;
        for (const Row &row : std::as_const(m_rows))
            removed += wanted.contains(keyOf(row)) ? 0 : 1;
        if (removed == 0)
            return;
        // Contiguous runs, last first, so earlier indexes stay valid.
        qsizetype end = m_rows.size();
        while (end > 0) {
            if (wanted.contains(keyOf(m_rows[end - 1]))) {
                --end;
                continue;
            }
            qsizetype begin = end - 1;
            while (begin > 0 && !wanted.contains(keyOf(m_rows[begin - 1])))
                --begin;
            beginRemoveRows({}, int(begin), int(end - 1));
            m_rows.remove(begin, end - begin);
            endRemoveRows();
            end = begin;
        }
        reindex();
    }

    void updateChanged(const QList<Row> &incoming, const QHash<Key, qsizetype> &wanted)
    {
        const int lastColumn = columnCount() - 1;
        qsizetype runStart = -1;
        auto flush = [&](qsizetype end) {
            if (runStart >= 0)
                Q_EMIT dataChanged(index(int(runStart), 0), index(int(end - 1), lastColumn));
            runStart = -1;
        };
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            const Row &fresh = incoming[wanted.value(keyOf(m_rows[i]))];
            if (fresh == m_rows[i]) {
                flush(i);
                continue;
            }
            m_rows[i] = fresh;
            if (runStart < 0)
                runStart = i;
        }
        flush(m_rows.size());
    }

    void appendNew(const QList<Row> &incoming, const QHash<Key, qsizetype> &wanted)
    {
        QList<Row> added;
        for (qsizetype i = 0; i < incoming.size(); ++i) {
            const Key key = keyOf(incoming[i]);
            if (!m_index.contains(key) && wanted.value(key) == i)
                added.append(incoming[i]);
        }
        if (added.isEmpty())
            return;
        const qsizetype first = m_rows.size();
        beginInsertRows({}, int(first), int(first + added.size() - 1));
        m_rows.append(added);
        for (qsizetype i = first; i < m_rows.size(); ++i)
            m_index.insert(keyOf(m_rows[i]), int(i));
        endInsertRows();
    }

    void reindex()
    {
        m_index.clear();
        m_index.reserve(m_rows.size());
        for (qsizetype i = 0; i < m_rows.size(); ++i)
            m_index.insert(keyOf(m_rows[i]), int(i));
    }

    QList<Row> m_rows;
    QHash<Key, int> m_index;
};

} // namespace fvpn
