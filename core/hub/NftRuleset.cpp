#include "NftRuleset.h"

#include <QStringList>

#include <algorithm>
#include <iterator>

using namespace Qt::StringLiterals;

namespace fvpn {

NftRuleset::NftRuleset(QString interfaceName, IpAddress hubAddress)
    : m_interface(std::move(interfaceName))
    , m_hub(hubAddress)
{ }

QString NftRuleset::tableName() const
{
    QString name = u"fvpn_"_s + m_interface;
    for (QChar &c : name) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_')
            c = u'_';
    }
    return name;
}

QString NftRuleset::peerMatch() const
{
    return u"iifname \"%1\" oifname \"%1\""_s.arg(m_interface);
}

QList<IpAddress> NftRuleset::normalized(const QList<IpAddress> &addresses)
{
    if (std::is_sorted(addresses.cbegin(), addresses.cend())
        && std::adjacent_find(addresses.cbegin(), addresses.cend()) == addresses.cend())
        return addresses;
    QList<IpAddress> sorted = addresses;
    std::sort(sorted.begin(), sorted.end());
    sorted.resize(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
    return sorted;
}

QString NftRuleset::joined(const QList<IpAddress> &sorted)
{
    QString text;
    text.reserve(sorted.size() * 13);
    for (const IpAddress &address : sorted) {
        if (!text.isEmpty())
            text += u", "_s;
        text += address.toString();
    }
    return text;
}

QString NftRuleset::elements(const QList<IpAddress> &addresses) const
{
    return joined(normalized(addresses));
}

QString NftRuleset::setBlock(QStringView name, const QList<IpAddress> &addresses) const
{
    QString block = u"\tset %1 {\n\t\ttype ipv4_addr\n"_s.arg(name);
    if (!addresses.isEmpty())
        block += u"\t\telements = { "_s + elements(addresses) + u" }\n"_s;
    return block + u"\t}\n"_s;
}

QString NftRuleset::deviceToDeviceRule() const
{
    return u"%1 ip saddr @%2 ip daddr @%2 accept"_s.arg(peerMatch(), DeviceSet);
}

QString NftRuleset::replaceTable(const FirewallState &state) const
{
    const QString table = tableName();
    const QString match = peerMatch();
    QString text = u"add table ip %1\ndelete table ip %1\ntable ip %1 {\n"_s.arg(table);
    text += setBlock(ClientSet, state.clients);
    text += setBlock(DeviceSet, state.devices);
    text += u"\tchain %1 {\n"_s.arg(DeviceToDeviceChain);
    if (state.deviceToDevice)
        text += u"\t\t"_s + deviceToDeviceRule() + u"\n"_s;
    text += u"\t}\n"_s;
    text += u"\tchain forward {\n"_s
            u"\t\ttype filter hook forward priority filter; policy accept;\n"_s;
    text += u"\t\t%1 ip saddr @%2 ip daddr @%3 accept\n"_s.arg(match, ClientSet, DeviceSet);
    // Only replies to engineers ride on conntrack. A blanket "established" accept would keep a
    // device-to-device flow alive after the mode is switched off.
    text += u"\t\t%1 ip saddr @%3 ip daddr @%2 ct state established,related accept\n"_s.arg(match, ClientSet,
                                                                                            DeviceSet);
    text += u"\t\t%1 jump %2\n"_s.arg(match, DeviceToDeviceChain);
    text += u"\t\t%1 drop\n"_s.arg(match);
    text += u"\t}\n"_s;
    text += u"\tchain postrouting {\n"_s
            u"\t\ttype nat hook postrouting priority srcnat; policy accept;\n"_s;
    text += u"\t\toifname \"%1\" ip saddr @%2 ip daddr @%3 snat to %4\n"_s.arg(m_interface, ClientSet,
                                                                               DeviceSet, m_hub.toString());
    text += u"\t}\n}\n"_s;
    return text;
}

QString NftRuleset::update(const FirewallState &from, const FirewallState &to) const
{
    const QString table = tableName();
    QString text;
    const auto updateSet = [&](QStringView name, const QList<IpAddress> &before,
                               const QList<IpAddress> &after) {
        const QList<IpAddress> old = normalized(before);
        const QList<IpAddress> now = normalized(after);
        QList<IpAddress> removed;
        QList<IpAddress> added;
        std::set_difference(old.cbegin(), old.cend(), now.cbegin(), now.cend(), std::back_inserter(removed));
        std::set_difference(now.cbegin(), now.cend(), old.cbegin(), old.cend(), std::back_inserter(added));
        // Element by element, in one transaction with the rest: the addresses that
        // stay are never touched. Deleting an element that is not there fails the
        // whole transaction, which is how drift shows up here (Firewall then
        // replaces the table).
        if (!removed.isEmpty())
            text += u"delete element ip %1 %2 { %3 }\n"_s.arg(table, name, joined(removed));
        if (!added.isEmpty())
            text += u"add element ip %1 %2 { %3 }\n"_s.arg(table, name, joined(added));
    };
    updateSet(ClientSet, from.clients, to.clients);
    updateSet(DeviceSet, from.devices, to.devices);
    if (from.deviceToDevice != to.deviceToDevice) {
        text += u"flush chain ip %1 %2\n"_s.arg(table, DeviceToDeviceChain);
        if (to.deviceToDevice)
            text += u"add rule ip %1 %2 %3\n"_s.arg(table, DeviceToDeviceChain, deviceToDeviceRule());
    }
    return text;
}

QString NftRuleset::deleteTable() const
{
    return u"delete table ip %1\n"_s.arg(tableName());
}

} // namespace fvpn
