#pragma once

#include "HubSnapshot.h"
#include "KeyedRowsModel.h"
#include "RowComparator.h"

#include <QDateTime>

namespace fvpn {

// The approved engineers (client peers of factory-clients.conf), keyed by public key.
class ClientsModel : public KeyedRowsModel<ClientInfo, PublicKey>, public RowComparator
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
        ApprovedColumn,
        ColumnCount
    };

    explicit ClientsModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setNow(const QDateTime &now) { m_now = now; }
    void refreshAges();

    std::optional<bool> lessThan(int leftRow, int rightRow, int column) const override;

protected:
    PublicKey keyOf(const ClientInfo &row) const override { return row.publicKey; }

private:
    QDateTime now() const { return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc(); }

    QDateTime m_now;
};

} // namespace fvpn
