#pragma once

#include "KeyedRowsModel.h"
#include "PeerColumns.h"
#include "RowComparator.h"

namespace fvpn {

// A table of peers keyed by public key (DevicesModel, ClientsModel). The
// shared columns come from PeerColumns; a subclass adds its own columns after
// them and may answer for any cell first (ownData).
template<typename Row> class PeerRowsModel : public KeyedRowsModel<Row, PublicKey>, public RowComparator
{
public:
    PeerRowsModel(int columnCount, QObject *parent)
        : KeyedRowsModel<Row, PublicKey>(parent)
        , m_columnCount(columnCount)
    { }

    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : m_columnCount;
    }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        using Check = QAbstractItemModel::CheckIndexOption;
        if (!this->checkIndex(index, Check::IndexIsValid | Check::ParentIsInvalid))
            return {};
        const Row &row = this->rowAt(index.row());
        if (QVariant own = ownData(row, index.column(), role); own.isValid())
            return own;
        switch (role) {
        case FilterRole:
            return filterText(row);
        case KeyRole:
            return row.publicKey.toBase64();
        case CopyRole:
            return index.column() == PeerColumns::KeyColumn ? QVariant(row.publicKey.toBase64())
                                                            : data(index, Qt::DisplayRole);
        case SortRole:
            if (QVariant shared = PeerColumns::data(peerOf(row), index.column(), role, now());
                shared.isValid())
                return shared;
            return data(index, Qt::DisplayRole);
        }
        return PeerColumns::data(peerOf(row), index.column(), role, now());
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QAbstractTableModel::headerData(section, orientation, role);
        return section < PeerColumns::SharedColumnCount ? PeerColumns::header(section) : ownHeader(section);
    }

    std::optional<bool> lessThan(int leftRow, int rightRow, int column) const override
    {
        const Row &l = this->rowAt(leftRow);
        const Row &r = this->rowAt(rightRow);
        if (column >= PeerColumns::SharedColumnCount)
            return ownLessThan(l, r, column);
        return PeerColumns::lessThan(peerOf(l), peerOf(r), column, now());
    }

    // The clock the ages and online states are judged by; invalid means "now" at
    // each call (tests fix it). refreshAges() re-evaluates them as time passes.
    void setNow(const QDateTime &now) { m_now = now; }
    void refreshAges() { this->emitAllChanged(PeerColumns::StateColumn, PeerColumns::HandshakeColumn); }

protected:
    PublicKey keyOf(const Row &row) const override { return row.publicKey; }

    // A subclass's answer for a cell, before the shared one; invalid: no answer.
    virtual QVariant ownData(const Row &row, int column, int role) const = 0;
    virtual QVariant ownHeader(int section) const = 0;
    virtual std::optional<bool> ownLessThan(const Row &left, const Row &right, int column) const = 0;
    // What the filter box matches against.
    virtual QString filterText(const Row &row) const = 0;

    QDateTime now() const { return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc(); }

private:
    static PeerColumns::Peer peerOf(const Row &row)
    {
        return { row.name, row.address, row.publicKey, row.live };
    }

    int m_columnCount;
    QDateTime m_now;
};

} // namespace fvpn
