#include "NftRuleset.h"

#include <QStringList>

#include <algorithm>

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

QString NftRuleset::elements(const QList<IpAddress> &addresses) const
{
    QList<IpAddress> sorted = addresses;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    QStringList texts;
    texts.reserve(sorted.size());
    for (const IpAddress &address : sorted)
        texts.append(address.toString());
    return texts.join(u", "_s);
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
    const auto updateSet
        = [&](QStringView name, const QList<IpAddress> &before, const QList<IpAddress> &after) {
              if (elements(before) == elements(after))
                  return;
              // Flush and refill inside one transaction: no packet ever sees the set empty.
              text += u"flush set ip %1 %2\n"_s.arg(table, name);
              if (!after.isEmpty())
                  text += u"add element ip %1 %2 { %3 }\n"_s.arg(table, name, elements(after));
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
