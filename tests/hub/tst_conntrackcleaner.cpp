#include "ConntrackCleaner.h"

#include <QtTest>

#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netlink.h>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

// Netlink attributes as the kernel lays them out: header, payload, padding to 4.
QByteArray attr(quint16 type, const QByteArray &payload, bool nested = false)
{
    QByteArray bytes;
    const quint16 length = quint16(4 + payload.size());
    bytes.append(reinterpret_cast<const char *>(&length), 2);
    const quint16 t = nested ? quint16(type | NLA_F_NESTED) : type;
    bytes.append(reinterpret_cast<const char *>(&t), 2);
    bytes.append(payload);
    while (bytes.size() % 4)
        bytes.append('\0');
    return bytes;
}

QByteArray be32(quint32 value)
{
    QByteArray bytes(4, '\0');
    qToBigEndian(value, bytes.data());
    return bytes;
}

quint32 ip(const char *text)
{
    return IpAddress::parse(QString::fromLatin1(text))->toIPv4();
}

QByteArray tuple(quint16 type, const char *source, const char *destination, quint8 protocol)
{
    const QByteArray ips = attr(CTA_IP_V4_SRC, be32(ip(source))) + attr(CTA_IP_V4_DST, be32(ip(destination)));
    const QByteArray proto = attr(CTA_PROTO_NUM, QByteArray(1, char(protocol)))
        + attr(CTA_PROTO_ICMP_ID, QByteArray("\x12\x34", 2)) + attr(CTA_PROTO_ICMP_TYPE, QByteArray(1, 8))
        + attr(CTA_PROTO_ICMP_CODE, QByteArray(1, 0));
    return attr(type, attr(CTA_TUPLE_IP, ips, true) + attr(CTA_TUPLE_PROTO, proto, true), true);
}

} // namespace

class TestConntrackCleaner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAnEntry()
    {
        const QByteArray original = tuple(CTA_TUPLE_ORIG, "10.42.42.10", "10.42.42.2", 1);
        // Not NATed: the reply goes back to the engineer itself.
        const QByteArray message = original + tuple(CTA_TUPLE_REPLY, "10.42.42.2", "10.42.42.10", 1)
            + attr(CTA_STATUS, be32(IPS_CONFIRMED | IPS_SEEN_REPLY)) + attr(CTA_ID, be32(0xdeadbeef))
            + attr(CTA_TIMEOUT, be32(29));
        const auto flow = ConntrackCleaner::parseFlow(message);
        QVERIFY(flow);
        QCOMPARE(flow->protocol, quint8(1));
        QCOMPARE(flow->source, ip("10.42.42.10"));
        QCOMPARE(flow->destination, ip("10.42.42.2"));
        QVERIFY(!flow->sourceNat);
        QCOMPARE(flow->id, 0xdeadbeefU);
        QCOMPARE(flow->originalTuple, original); // sent back as is to delete it
        QVERIFY(flow->zone.isEmpty());

        const QByteArray natted = original + tuple(CTA_TUPLE_REPLY, "10.42.42.2", "10.42.42.1", 1)
            + attr(CTA_STATUS, be32(IPS_CONFIRMED | IPS_SRC_NAT | IPS_SRC_NAT_DONE))
            + attr(CTA_ZONE, QByteArray(2, 0));
        const auto nat = ConntrackCleaner::parseFlow(natted);
        QVERIFY(nat);
        QVERIFY(nat->sourceNat);
        QCOMPARE(nat->zone.size(), 8);
    }

    void rejectsWhatIsNotAnIpv4Entry()
    {
        QVERIFY(!ConntrackCleaner::parseFlow({}));
        QVERIFY(!ConntrackCleaner::parseFlow(tuple(CTA_TUPLE_ORIG, "10.0.0.1", "10.0.0.2", 6))); // no reply
        QByteArray truncated = tuple(CTA_TUPLE_ORIG, "10.0.0.1", "10.0.0.2", 6)
            + tuple(CTA_TUPLE_REPLY, "10.0.0.2", "10.0.0.1", 6);
        truncated.chop(9);
        QVERIFY(!ConntrackCleaner::parseFlow(truncated));
    }

    void onlyUnNatedClientToDeviceFlowsAreStale()
    {
        const QSet<quint32> clients { ip("10.42.42.10") };
        const QSet<quint32> devices { ip("10.42.42.2"), ip("10.42.42.3") };
        ConntrackCleaner::Flow flow;
        flow.source = ip("10.42.42.10");
        flow.destination = ip("10.42.42.2");
        QVERIFY(ConntrackCleaner::isStale(flow, clients, devices));
        flow.sourceNat = true;
        QVERIFY(!ConntrackCleaner::isStale(flow, clients, devices)); // already NATed
        flow.sourceNat = false;
        flow.destination = ip("10.42.42.1");
        QVERIFY(!ConntrackCleaner::isStale(flow, clients, devices)); // the hub's own
        flow.source = ip("10.42.42.3");
        flow.destination = ip("10.42.42.2");
        QVERIFY(!ConntrackCleaner::isStale(flow, clients, devices)); // device to device
        flow.source = ip("10.42.42.2");
        flow.destination = ip("10.42.42.10");
        QVERIFY(!ConntrackCleaner::isStale(flow, clients, devices)); // started by a device
    }

    void actsOnceBothSetsAreKnown()
    {
        ConntrackCleaner cleaner;
        const QList<IpAddress> clients { *IpAddress::parse(u"10.42.42.10"_s) };
        cleaner.firewallApplied(true, clients, {}); // inventory not there yet
        QVERIFY(!cleaner.done());
        cleaner.firewallApplied(false, clients, clients); // firewall failed
        QVERIFY(!cleaner.done());
        // The real deletion changes the conntrack table of the network namespace it
        // runs in: lab_hub_migration shows it there, never on this machine's own.
    }
};

QTEST_GUILESS_MAIN(TestConntrackCleaner)
#include "tst_conntrackcleaner.moc"
