#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

namespace fvpn {

// Where the device list comes from. A source only fetches: it hands over the raw
// document (a JSON array in the wireguard-ips shape) and the daemon validates it.
// A failed fetch changes nothing on the hub; the source retries on its own.
class InventorySource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QString description() const = 0; // for logs and the status: "api", "file"
    virtual void start() = 0; // first fetch now, then keep current
    virtual void refresh() = 0; // fetch now (the periodic sync)

Q_SIGNALS:
    void inventoryFetched(const QByteArray &json);
    void fetchFailed(const QString &error);
};

} // namespace fvpn
