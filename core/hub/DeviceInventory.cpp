#include "DeviceInventory.h"

#include "StrictJson.h"
#include "TextRules.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

constexpr int MaxNameLength = 128;

// A name as shown in messages, or empty: a broken one is described by the entry's
// number rather than echoed, so a control character never reaches a log line.
QString usableName(bool isString, const QString &name)
{
    if (!isString || name.isEmpty() || name.size() > MaxNameLength
        || TextRules::containsControlCharacters(name))
        return {};
    return name;
}

} // namespace

QString SkippedPeer::toString() const
{
    return u"%1: %2"_s.arg(name, reason);
}

Result<DeviceInventory> DeviceInventory::parse(const QByteArray &json, const Rules &rules)
{
    // Strict: an entry with a key twice ("pubkey" given two values, say) is
    // ambiguous, so the whole answer is refused and the last known list kept.
    const Result<QJsonValue> document = StrictJson::parse(json);
    if (!document)
        return makeError(ErrorCode::InvalidInput,
                         u"the device list is not valid JSON (%1)"_s.arg(document.error().message));
    if (!document->isArray())
        return makeError(ErrorCode::InvalidInput,
                         u"the device list is not a JSON array of {name, pubkey, ip, enabled} entries"_s);

    DeviceInventory inventory;
    Seen seen;
    const QJsonArray entries = document->toArray();
    for (qsizetype i = 0; i < entries.size(); ++i)
        inventory.add(evaluate(entryFrom(entries.at(i)), rules), i, seen);
    return inventory;
}

DeviceInventory::Entry DeviceInventory::entryFrom(const QJsonValue &value)
{
    Entry entry;
    if (!value.isObject())
        return entry;
    const QJsonObject object = value.toObject();
    entry.isObject = true;
    const QJsonValue name = object.value(u"name");
    entry.nameIsString = name.isString();
    entry.name = name.toString();
    entry.enabled = object.value(u"enabled") == QJsonValue(true);
    entry.publicKey = object.value(u"pubkey").toString();
    entry.ip = object.value(u"ip").toString();
    return entry;
}

DeviceInventory::Verdict DeviceInventory::evaluate(const Entry &entry, const Rules &rules)
{
    Verdict verdict;
    if (!entry.isObject)
        return verdict;
    verdict.usableName = usableName(entry.nameIsString, entry.name);
    const auto skip = [&verdict](const QString &reason) {
        verdict.kind = Verdict::Kind::Skipped;
        verdict.reason = reason;
        return verdict;
    };

    // Upstream keeps only entries whose "enabled" is truthy; anything but true
    // counts as disabled rather than as an error.
    if (!entry.enabled) {
        verdict.kind = Verdict::Kind::Disabled;
        return verdict;
    }

    const QString &name = entry.name;
    if (!entry.nameIsString || name.isEmpty())
        return skip(u"the device has no name"_s);
    if (name.size() > MaxNameLength || TextRules::containsControlCharacters(name))
        return skip(
            u"the name contains control characters or is longer than %1 characters"_s.arg(MaxNameLength));

    const Result<PublicKey> key = PublicKey::fromBase64(entry.publicKey);
    if (!key)
        return skip(u"bad public key: %1"_s.arg(key.error().message));

    const QString &ipText = entry.ip;
    if (ipText.isEmpty())
        return skip(u"no VPN address assigned"_s);
    const Result<IpAddress> address = IpAddress::parse(ipText);
    if (!address)
        return skip(u"bad VPN address: %1"_s.arg(address.error().message));
    if (!address->isIPv4() || !rules.subnet.contains(*address))
        return skip(
            u"address %1 is outside the VPN subnet %2"_s.arg(address->toString(), rules.subnet.toString()));
    if (*address == rules.subnet.networkAddress() || *address == rules.subnet.broadcastAddress())
        return skip(u"address %1 is the network or broadcast address of %2"_s.arg(address->toString(),
                                                                                  rules.subnet.toString()));
    if (*address == rules.hubAddress)
        return skip(u"address %1 is the hub's own address"_s.arg(address->toString()));

    verdict.kind = Verdict::Kind::Device;
    verdict.device = { name, *key, *address };
    return verdict;
}

void DeviceInventory::add(const Verdict &verdict, qsizetype index, Seen &seen)
{
    const QString label = verdict.usableName.isEmpty() ? u"entry %1"_s.arg(index + 1) : verdict.usableName;
    switch (verdict.kind) {
    case Verdict::Kind::NotObject:
        m_skipped.append({ u"entry %1"_s.arg(index + 1), u"not a JSON object"_s });
        return;
    case Verdict::Kind::Disabled:
        ++m_disabled;
        return;
    case Verdict::Kind::Skipped:
        m_skipped.append({ label, verdict.reason });
        return;
    case Verdict::Kind::Device:
        break;
    }
    const InventoryDevice &device = verdict.device;
    if (const auto holder = seen.byAddress.constFind(device.address); holder != seen.byAddress.constEnd()) {
        m_skipped.append(
            { label,
              u"address %1 is already used by device %2"_s.arg(device.address.toString(), holder.value()) });
        return;
    }
    if (const auto holder = seen.byKey.constFind(device.publicKey); holder != seen.byKey.constEnd()) {
        m_skipped.append({ label,
                           u"public key %1... is already used by device %2"_s.arg(
                               device.publicKey.fingerprint(), holder.value()) });
        return;
    }
    seen.byAddress.insert(device.address, device.name);
    seen.byKey.insert(device.publicKey, device.name);
    m_devices.append(device);
}

} // namespace fvpn
