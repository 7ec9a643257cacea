#pragma once

#include "HubSnapshot.h"
#include "KeyedRowsModel.h"
#include "RowComparator.h"

#include <QDateTime>

namespace fvpn {

// The factory's devices as the hub serves them, one row each, keyed by public key.
class DevicesModel : public KeyedRowsModel<DeviceInfo, PublicKey>, public RowComparator
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        AddressColumn,
        KeyColumn,
        StateColumn,
        HandshakeColumn,
        TransferColumn,
        EndpointColumn,
        ColumnCount
    };

    explicit DevicesModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The clock the ages and online states are judged by; invalid means "now" at
    // each call (tests fix it). refreshAges() re-evaluates them as time passes.
    void setNow(const QDateTime &now) { m_now = now; }
    void refreshAges();

    std::optional<bool> lessThan(int leftRow, int rightRow, int column) const override;

protected:
    PublicKey keyOf(const DeviceInfo &row) const override { return row.publicKey; }

private:
    QDateTime now() const { return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc(); }

    QDateTime m_now;
};

} // namespace fvpn
