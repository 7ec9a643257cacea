#pragma once

#include "IpAddress.h"
#include "IpNetwork.h"
#include "PublicKey.h"
#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace fvpn {

struct InventoryDevice
{
    QString name;
    PublicKey publicKey;
    IpAddress address;

    friend bool operator==(const InventoryDevice &, const InventoryDevice &) = default;
};

// An entry that was not applied, and why, in words an admin can act on.
struct SkippedPeer
{
    QString name;
    QString reason;

    QString toString() const;
    friend bool operator==(const SkippedPeer &, const SkippedPeer &) = default;
};

// The factory's device list in the shape of GET /ota/factories/{f}/wireguard-ips/
// (a bare JSON array of {name, pubkey, ip, enabled}), reduced to the enabled devices
// that can safely become peers. One bad entry never spoils the others: it is skipped
// with a reason naming the device. Only a document that is not such an array at all
// is an error, so a broken API answer can never be mistaken for "no devices".
class DeviceInventory
{
public:
    struct Rules
    {
        IpNetwork subnet; // device addresses must lie in it
        IpAddress hubAddress; // and may not be the hub's own
    };

    DeviceInventory() = default;
    static Result<DeviceInventory> parse(const QByteArray &json, const Rules &rules);

    const QList<InventoryDevice> &devices() const { return m_devices; }
    const QList<SkippedPeer> &skipped() const { return m_skipped; }
    int disabledCount() const { return m_disabled; }

private:
    friend class InventoryParser;

    // What one entry is, on its own (without its position and its neighbours).
    struct Verdict
    {
        enum class Kind
        {
            NotObject,
            Disabled,
            Skipped,
            Device
        };
        Kind kind = Kind::NotObject;
        QString usableName; // the name when it may be shown; else the entry's number is
        QString reason; // for Skipped
        InventoryDevice device; // for Device
    };
    // An entry's fields as evaluate() reads them, however the entry was parsed.
    struct Entry
    {
        bool isObject = false;
        bool nameIsString = false;
        QString name; // when nameIsString
        bool enabled = false; // "enabled" is exactly true
        QString publicKey; // empty unless a string
        QString ip; // empty unless a string
    };
    static Entry entryFrom(const QJsonValue &value);
    static Verdict evaluate(const Entry &entry, const Rules &rules);

    // Adds entry `index` (0-based): duplicates of earlier devices are skipped.
    struct Seen
    {
        QHash<IpAddress, QString> byAddress;
        QHash<PublicKey, QString> byKey;
    };
    void add(const Verdict &verdict, qsizetype index, Seen &seen);

    QList<InventoryDevice> m_devices;
    QList<SkippedPeer> m_skipped;
    int m_disabled = 0;
};

} // namespace fvpn
