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

// A name as shown in messages: a broken one is described rather than echoed, so a
// control character never reaches a log line.
QString describeName(const QJsonValue &value, qsizetype index)
{
    const QString name = value.toString();
    if (!value.isString() || name.isEmpty() || name.size() > MaxNameLength
        || TextRules::containsControlCharacters(name))
        return u"entry %1"_s.arg(index + 1);
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
    QHash<IpAddress, QString> byAddress;
    QHash<PublicKey, QString> byKey;
    const QJsonArray entries = document->toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonValue entryValue = entries.at(i);
        if (!entryValue.isObject()) {
            inventory.m_skipped.append({ u"entry %1"_s.arg(i + 1), u"not a JSON object"_s });
            continue;
        }
        const QJsonObject entry = entryValue.toObject();
        const QString label = describeName(entry.value(u"name"), i);
        const auto skip = [&inventory, &label](const QString &reason) {
            inventory.m_skipped.append({ label, reason });
        };

        // Upstream keeps only entries whose "enabled" is truthy; anything but true
        // counts as disabled rather than as an error.
        if (entry.value(u"enabled") != QJsonValue(true)) {
            ++inventory.m_disabled;
            continue;
        }

        const QJsonValue nameValue = entry.value(u"name");
        const QString name = nameValue.toString();
        if (!nameValue.isString() || name.isEmpty()) {
            skip(u"the device has no name"_s);
            continue;
        }
        if (name.size() > MaxNameLength || TextRules::containsControlCharacters(name)) {
            skip(
                u"the name contains control characters or is longer than %1 characters"_s.arg(MaxNameLength));
            continue;
        }

        const Result<PublicKey> key = PublicKey::fromBase64(entry.value(u"pubkey").toString());
        if (!key) {
            skip(u"bad public key: %1"_s.arg(key.error().message));
            continue;
        }

        const QString ipText = entry.value(u"ip").toString();
        if (ipText.isEmpty()) {
            skip(u"no VPN address assigned"_s);
            continue;
        }
        const Result<IpAddress> address = IpAddress::parse(ipText);
        if (!address) {
            skip(u"bad VPN address: %1"_s.arg(address.error().message));
            continue;
        }
        if (!address->isIPv4() || !rules.subnet.contains(*address)) {
            skip(u"address %1 is outside the VPN subnet %2"_s.arg(address->toString(),
                                                                  rules.subnet.toString()));
            continue;
        }
        if (*address == rules.subnet.networkAddress() || *address == rules.subnet.broadcastAddress()) {
            skip(u"address %1 is the network or broadcast address of %2"_s.arg(address->toString(),
                                                                               rules.subnet.toString()));
            continue;
        }
        if (*address == rules.hubAddress) {
            skip(u"address %1 is the hub's own address"_s.arg(address->toString()));
            continue;
        }
        if (const auto holder = byAddress.constFind(*address); holder != byAddress.constEnd()) {
            skip(u"address %1 is already used by device %2"_s.arg(address->toString(), holder.value()));
            continue;
        }
        if (const auto holder = byKey.constFind(*key); holder != byKey.constEnd()) {
            skip(u"public key %1... is already used by device %2"_s.arg(key->fingerprint(), holder.value()));
            continue;
        }

        byAddress.insert(*address, name);
        byKey.insert(*key, name);
        inventory.m_devices.append({ name, *key, *address });
    }
    return inventory;
}

} // namespace fvpn
