#include "DirectoryModel.h"

#include "AdminRoles.h"
#include "TunnelStatus.h"

#include <QColor>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <limits>

namespace fvpn {

namespace {

QIcon stateDot(DirectoryDevice::State state)
{
    static const QColor colours[]
        = { QColor(0x2e, 0x9e, 0x4f), QColor(0xe0, 0x8a, 0x00), QColor(0x9a, 0x9a, 0x9a) };
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colours[int(state)]);
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    return QIcon(pixmap);
}

} // namespace

DirectoryModel::DirectoryModel(QObject *parent)
    : KeyedRowsModel(parent)
{ }

int DirectoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DirectoryModel::stateText(DirectoryDevice::State state)
{
    switch (state) {
    case DirectoryDevice::State::Online:
        return tr("Online");
    case DirectoryDevice::State::Stale:
        return tr("Stale");
    case DirectoryDevice::State::Offline:
        return tr("Offline");
    }
    return {};
}

QVariant DirectoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DirectoryDevice &device = rowAt(index.row());
    const qint64 age
        = device.lastHandshake.isValid() ? device.lastHandshake.secsTo(QDateTime::currentDateTimeUtc()) : -1;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return device.name;
        case AddressColumn:
            return device.address.toString();
        case StateColumn:
            return stateText(device.state);
        case HandshakeColumn:
            return age < 0 ? tr("never") : formatHandshakeAge(std::max<qint64>(age, 0));
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StateColumn:
        case HandshakeColumn:
            return device.lastHandshake.isValid()
                ? tr("Last handshake with the hub: %1 (UTC)")
                      .arg(device.lastHandshake.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                : tr("No handshake with the hub since it started");
        default:
            return {};
        }
    case Qt::DecorationRole:
        return index.column() == StateColumn ? stateDot(device.state) : QVariant();
    case SortRole:
        switch (index.column()) {
        case StateColumn:
            return int(device.state);
        case HandshakeColumn:
            return age < 0 ? std::numeric_limits<qint64>::max() : age;
        default:
            return data(index, Qt::DisplayRole);
        }
    case FilterRole:
        return QString(device.name + u' ' + device.address.toString() + u' ' + stateText(device.state));
    case KeyRole:
    case CopyRole:
        return device.address.toString();
    }
    return {};
}

QVariant DirectoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Device");
    case AddressColumn:
        return tr("VPN address");
    case StateColumn:
        return tr("State");
    case HandshakeColumn:
        return tr("Last seen");
    }
    return {};
}

std::optional<bool> DirectoryModel::lessThan(int leftRow, int rightRow, int column) const
{
    const DirectoryDevice &left = rowAt(leftRow);
    const DirectoryDevice &right = rowAt(rightRow);
    switch (column) {
    case NameColumn:
        return QString::compare(left.name, right.name, Qt::CaseInsensitive) < 0;
    case AddressColumn:
        return left.address < right.address;
    default:
        return std::nullopt;
    }
}

} // namespace fvpn
