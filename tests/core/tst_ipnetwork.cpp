#include "InterfaceAddress.h"
#include "IpNetwork.h"

#include <QSet>
#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

// QVERIFY2 builds its message even when the check passes, so it must not touch
// error() of a Result that holds a value.
template<typename T> QString failure(const Result<T> &r)
{
    return r.ok() ? QString() : r.error().message;
}

IpAddress addr(const QString &text)
{
    const Result<IpAddress> r = IpAddress::parse(text);
    if (!r)
        qFatal("test setup: %s", qPrintable(r.error().message));
    return *r;
}

IpNetwork net(const QString &text)
{
    const Result<IpNetwork> r = IpNetwork::parse(text);
    if (!r)
        qFatal("test setup: %s", qPrintable(r.error().message));
    return *r;
}

} // namespace

class TestIpNetwork : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("prefix");
        QTest::addColumn<QString>("last");
        QTest::addColumn<quint64>("count");
        QTest::newRow("/24") << u"10.42.42.0/24"_s << u"10.42.42.0"_s << 24 << u"10.42.42.255"_s
                             << quint64(256);
        QTest::newRow("/16") << u"10.42.0.0/16"_s << u"10.42.0.0"_s << 16 << u"10.42.255.255"_s
                             << quint64(65536);
        QTest::newRow("/19") << u"10.42.32.0/19"_s << u"10.42.32.0"_s << 19 << u"10.42.63.255"_s
                             << quint64(8192);
        QTest::newRow("/30") << u"10.0.0.4/30"_s << u"10.0.0.4"_s << 30 << u"10.0.0.7"_s << quint64(4);
        QTest::newRow("/32") << u"10.42.42.7/32"_s << u"10.42.42.7"_s << 32 << u"10.42.42.7"_s << quint64(1);
        QTest::newRow("/0") << u"0.0.0.0/0"_s << u"0.0.0.0"_s << 0 << u"255.255.255.255"_s
                            << (quint64(1) << 32);
        QTest::newRow("/1") << u"128.0.0.0/1"_s << u"128.0.0.0"_s << 1 << u"255.255.255.255"_s
                            << (quint64(1) << 31);
        QTest::newRow("/25 upper") << u"10.0.0.128/25"_s << u"10.0.0.128"_s << 25 << u"10.0.0.255"_s
                                   << quint64(128);
        QTest::newRow("v6 /64") << u"fd42:42::/64"_s << u"fd42:42::"_s << 64
                                << u"fd42:42::ffff:ffff:ffff:ffff"_s << (quint64(1) << 63);
        QTest::newRow("v6 /120") << u"fd00::100/120"_s << u"fd00::100"_s << 120 << u"fd00::1ff"_s
                                 << quint64(256);
        QTest::newRow("v6 /65") << u"fd00::/65"_s << u"fd00::"_s << 65 << u"fd00::7fff:ffff:ffff:ffff"_s
                                << (quint64(1) << 63);
        QTest::newRow("v6 /66") << u"fd00::/66"_s << u"fd00::"_s << 66 << u"fd00::3fff:ffff:ffff:ffff"_s
                                << (quint64(1) << 62);
        QTest::newRow("v6 /128") << u"::1/128"_s << u"::1"_s << 128 << u"::1"_s << quint64(1);
        QTest::newRow("v6 /0") << u"::/0"_s << u"::"_s << 0 << u"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_s
                               << (quint64(1) << 63);
        QTest::newRow("v6 uppercase") << u"FD00:AB::/32"_s << u"fd00:ab::"_s << 32
                                      << u"fd00:ab:ffff:ffff:ffff:ffff:ffff:ffff"_s << (quint64(1) << 63);
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(QString, address);
        QFETCH(int, prefix);
        QFETCH(QString, last);
        QFETCH(quint64, count);
        const Result<IpNetwork> r = IpNetwork::parse(text);
        QVERIFY2(r.ok(), qPrintable(failure(r)));
        QCOMPARE(r->networkAddress().toString(), address);
        QCOMPARE(r->prefixLength(), prefix);
        QCOMPARE(r->broadcastAddress().toString(), last);
        QCOMPARE(r->addressCount(), count);
        QCOMPARE(r->toString(), address + u'/' + QString::number(prefix));
        QCOMPARE(r->isHostRoute(), prefix == r->networkAddress().bitLength());
        QVERIFY(r->contains(r->networkAddress()));
        QVERIFY(r->contains(r->broadcastAddress()));
        QVERIFY(r->contains(*r));
        // Parsing the printed form gives the same network.
        QCOMPARE(*IpNetwork::parse(r->toString()), *r);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("hostRouteIfBare");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QString() << false << u"empty"_s;
        QTest::newRow("empty bare ok") << QString() << true << u"empty"_s;
        QTest::newRow("host bits") << u"10.42.42.1/24"_s << false
                                   << u"10.42.42.1/24 has host bits set; did you mean 10.42.42.0/24?"_s;
        QTest::newRow("host bits /16") << u"10.42.42.0/16"_s << false << u"did you mean 10.42.0.0/16?"_s;
        QTest::newRow("host bits /0") << u"1.0.0.0/0"_s << false << u"did you mean 0.0.0.0/0?"_s;
        QTest::newRow("host bits v6")
            << u"fd00::1/64"_s << false << u"fd00::1/64 has host bits set; did you mean fd00::/64?"_s;
        QTest::newRow("host bits v6 canonical")
            << u"FD00:0::1/64"_s << false << u"fd00::1/64 has host bits"_s;
        QTest::newRow("no prefix") << u"10.42.42.0"_s << false << u"no prefix length"_s;
        QTest::newRow("no prefix v6")
            << u"fd00::"_s << false << u"no prefix length (write it like fd00::/64)"_s;
        QTest::newRow("empty prefix") << u"10.42.42.0/"_s << false << u"prefix length"_s;
        QTest::newRow("empty prefix bare ok") << u"10.42.42.0/"_s << true << u"prefix length"_s;
        QTest::newRow("prefix 33") << u"10.0.0.0/33"_s << false << u"expected /0 to /32"_s;
        QTest::newRow("prefix 129") << u"fd00::/129"_s << false << u"expected /0 to /128"_s;
        QTest::newRow("prefix 1000") << u"10.0.0.0/1000"_s << false << u"prefix length"_s;
        QTest::newRow("prefix huge") << u"10.0.0.0/99999999999999999999"_s << false << u"prefix length"_s;
        QTest::newRow("prefix leading zero") << u"10.0.0.0/024"_s << false << u"leading zeros"_s;
        QTest::newRow("prefix 00") << u"0.0.0.0/00"_s << false << u"leading zeros"_s;
        QTest::newRow("prefix plus") << u"10.0.0.0/+24"_s << false << u"prefix length"_s;
        QTest::newRow("prefix minus") << u"10.0.0.0/-1"_s << false << u"prefix length"_s;
        QTest::newRow("prefix hex") << u"10.0.0.0/0x18"_s << false << u"prefix length"_s;
        QTest::newRow("prefix letters") << u"10.0.0.0/abc"_s << false << u"prefix length"_s;
        QTest::newRow("prefix netmask") << u"10.0.0.0/255.255.255.0"_s << false << u"prefix length"_s;
        QTest::newRow("prefix space") << u"10.0.0.0/ 24"_s << false << u"prefix length"_s;
        QTest::newRow("space around slash") << u"10.0.0.0 /24"_s << false << u"spaces"_s;
        QTest::newRow("trailing newline") << u"10.0.0.0/24\n"_s << false << u"prefix length"_s;
        QTest::newRow("two slashes") << u"10.0.0.0/24/24"_s << false << u"more than one '/'"_s;
        QTest::newRow("no address") << u"/24"_s << false << u"empty"_s;
        QTest::newRow("bad address") << u"10.0.0.256/24"_s << false << u"0–255"_s;
        QTest::newRow("short address") << u"10.0/16"_s << false << u"four numbers"_s;
        QTest::newRow("leading zero address") << u"010.0.0.0/8"_s << false << u"leading zeros"_s;
        QTest::newRow("zone") << u"fe80::%eth0/64"_s << false << u"zone ids"_s;
        QTest::newRow("brackets") << u"[fd00::]/64"_s << false << u"brackets"_s;
        QTest::newRow("bare bad address") << u"10.0.0.256"_s << true << u"0–255"_s;
        QTest::newRow("bare junk") << u"hello"_s << true << u"not a valid IP address"_s;
    }
    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(bool, hostRouteIfBare);
        QFETCH(QString, expected);
        const Result<IpNetwork> r = IpNetwork::parse(text, hostRouteIfBare);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
        QVERIFY2(!r.error().message.contains(u'\n'), qPrintable(r.error().message));
    }

    void hostRouteIfBare()
    {
        const Result<IpNetwork> v4 = IpNetwork::parse(u"10.42.42.7", true);
        QVERIFY(v4.ok());
        QCOMPARE(v4->toString(), u"10.42.42.7/32"_s);
        QVERIFY(v4->isHostRoute());
        QCOMPARE(v4->addressCount(), quint64(1));
        const Result<IpNetwork> v6 = IpNetwork::parse(u"fd00::7", true);
        QVERIFY(v6.ok());
        QCOMPARE(v6->toString(), u"fd00::7/128"_s);
        QVERIFY(v6->isHostRoute());
        // An explicit prefix is still checked normally.
        QVERIFY(!IpNetwork::parse(u"10.42.42.7/24", true).ok());
        QCOMPARE(IpNetwork::parse(u"10.42.42.0/24", true)->prefixLength(), 24);
    }

    void hostRouteFactory()
    {
        QCOMPARE(IpNetwork::hostRoute(addr(u"10.1.2.3"_s)).toString(), u"10.1.2.3/32"_s);
        QCOMPARE(IpNetwork::hostRoute(addr(u"fd00::3"_s)).toString(), u"fd00::3/128"_s);
        QVERIFY(IpNetwork::hostRoute(IpAddress()).isNull());
    }

    void fromAddressMasks_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("prefix");
        QTest::addColumn<QString>("expected");
        QTest::newRow("/24") << u"10.42.42.77"_s << 24 << u"10.42.42.0/24"_s;
        QTest::newRow("/23") << u"10.42.43.77"_s << 23 << u"10.42.42.0/23"_s;
        QTest::newRow("/29") << u"10.42.42.77"_s << 29 << u"10.42.42.72/29"_s;
        QTest::newRow("/0") << u"10.42.42.77"_s << 0 << u"0.0.0.0/0"_s;
        QTest::newRow("/32") << u"10.42.42.77"_s << 32 << u"10.42.42.77/32"_s;
        QTest::newRow("/31") << u"10.42.42.77"_s << 31 << u"10.42.42.76/31"_s;
        QTest::newRow("v6 /64") << u"fd00:1:2:3:4:5:6:7"_s << 64 << u"fd00:1:2:3::/64"_s;
        QTest::newRow("v6 /60") << u"fd00:1:2:3f:4:5:6:7"_s << 60 << u"fd00:1:2:30::/60"_s;
        QTest::newRow("v6 /127") << u"fd00::ff"_s << 127 << u"fd00::fe/127"_s;
    }
    void fromAddressMasks()
    {
        QFETCH(QString, address);
        QFETCH(int, prefix);
        QFETCH(QString, expected);
        const Result<IpNetwork> r = IpNetwork::fromAddress(addr(address), prefix);
        QVERIFY2(r.ok(), qPrintable(failure(r)));
        QCOMPARE(r->toString(), expected);
        QVERIFY(r->contains(addr(address)));
    }

    void fromAddressRejects()
    {
        QVERIFY(!IpNetwork::fromAddress(IpAddress(), 24).ok());
        const Result<IpNetwork> tooLong = IpNetwork::fromAddress(addr(u"10.0.0.0"_s), 33);
        QVERIFY(!tooLong.ok());
        QCOMPARE(tooLong.error().code, ErrorCode::InvalidInput);
        QVERIFY2(tooLong.error().message.contains(u"/33"_s), qPrintable(tooLong.error().message));
        QVERIFY(!IpNetwork::fromAddress(addr(u"10.0.0.0"_s), -1).ok());
        QVERIFY(!IpNetwork::fromAddress(addr(u"fd00::"_s), 129).ok());
        QVERIFY(IpNetwork::fromAddress(addr(u"fd00::"_s), 128).ok());
    }

    void containsAddress_data()
    {
        QTest::addColumn<QString>("network");
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("inside");
        QTest::newRow("inside") << u"10.42.42.0/24"_s << u"10.42.42.77"_s << true;
        QTest::newRow("first") << u"10.42.42.0/24"_s << u"10.42.42.0"_s << true;
        QTest::newRow("last") << u"10.42.42.0/24"_s << u"10.42.42.255"_s << true;
        QTest::newRow("below") << u"10.42.42.0/24"_s << u"10.42.41.255"_s << false;
        QTest::newRow("above") << u"10.42.42.0/24"_s << u"10.42.43.0"_s << false;
        QTest::newRow("/0 holds all v4") << u"0.0.0.0/0"_s << u"203.0.113.9"_s << true;
        QTest::newRow("/0 v4 not v6") << u"0.0.0.0/0"_s << u"::1"_s << false;
        QTest::newRow("v6 /0 not v4") << u"::/0"_s << u"10.0.0.1"_s << false;
        QTest::newRow("v6 inside") << u"fd00::/64"_s << u"fd00::dead:beef"_s << true;
        QTest::newRow("v6 outside") << u"fd00::/64"_s << u"fd00:0:0:1::"_s << false;
        QTest::newRow("mapped is not v4") << u"10.0.0.0/8"_s << u"::ffff:10.0.0.1"_s << false;
        QTest::newRow("host route self") << u"10.0.0.1/32"_s << u"10.0.0.1"_s << true;
        QTest::newRow("host route other") << u"10.0.0.1/32"_s << u"10.0.0.2"_s << false;
    }
    void containsAddress()
    {
        QFETCH(QString, network);
        QFETCH(QString, address);
        QFETCH(bool, inside);
        QCOMPARE(net(network).contains(addr(address)), inside);
    }

    void containsAndOverlaps_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("aContainsB");
        QTest::addColumn<bool>("bContainsA");
        QTest::newRow("same") << u"10.42.42.0/24"_s << u"10.42.42.0/24"_s << true << true;
        QTest::newRow("nested") << u"10.42.0.0/16"_s << u"10.42.42.0/24"_s << true << false;
        QTest::newRow("host in net") << u"10.42.42.0/24"_s << u"10.42.42.9/32"_s << true << false;
        QTest::newRow("siblings") << u"10.42.42.0/24"_s << u"10.42.43.0/24"_s << false << false;
        QTest::newRow("adjacent halves") << u"10.0.0.0/25"_s << u"10.0.0.128/25"_s << false << false;
        QTest::newRow("default route") << u"0.0.0.0/0"_s << u"10.42.42.0/24"_s << true << false;
        QTest::newRow("families differ") << u"0.0.0.0/0"_s << u"::/0"_s << false << false;
        QTest::newRow("v6 nested") << u"fd00::/48"_s << u"fd00:0:0:42::/64"_s << true << false;
        QTest::newRow("v6 apart") << u"fd00::/64"_s << u"fd01::/64"_s << false << false;
    }
    void containsAndOverlaps()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, aContainsB);
        QFETCH(bool, bContainsA);
        const IpNetwork na = net(a);
        const IpNetwork nb = net(b);
        QCOMPARE(na.contains(nb), aContainsB);
        QCOMPARE(nb.contains(na), bContainsA);
        QCOMPARE(na.overlaps(nb), aContainsB || bContainsA);
        QCOMPARE(nb.overlaps(na), aContainsB || bContainsA);
    }

    void nullNetwork()
    {
        const IpNetwork n;
        QVERIFY(n.isNull());
        QVERIFY(n.toString().isEmpty());
        QCOMPARE(n.addressCount(), quint64(0));
        QVERIFY(n.broadcastAddress().isNull());
        QVERIFY(!n.contains(addr(u"10.0.0.1"_s)));
        QVERIFY(!n.contains(IpAddress()));
        QVERIFY(!n.overlaps(net(u"0.0.0.0/0"_s)));
        QVERIFY(!net(u"0.0.0.0/0"_s).contains(n));
        QVERIFY(!net(u"0.0.0.0/0"_s).overlaps(n));
    }

    void orderingAndHash()
    {
        const IpNetwork a = net(u"10.0.0.0/8"_s);
        const IpNetwork b = net(u"10.0.0.0/16"_s);
        const IpNetwork c = net(u"10.1.0.0/16"_s);
        const IpNetwork d = net(u"fd00::/64"_s);
        QVERIFY(a < b); // same address, shorter prefix first
        QVERIFY(b < c);
        QVERIFY(c < d); // IPv4 before IPv6
        QSet<IpNetwork> set { a, b, c, d, net(u"10.0.0.0/8"_s) };
        QCOMPARE(set.size(), 4);
        QVERIFY(set.contains(*IpNetwork::fromAddress(addr(u"10.1.2.3"_s), 16)));
        QCOMPARE(qHash(a), qHash(*IpNetwork::fromAddress(addr(u"10.9.9.9"_s), 8)));
    }

    // --- InterfaceAddress

    void interfaceAddressParses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("defaultPrefix");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("network");
        QTest::addColumn<QString>("printed");
        QTest::newRow("hub") << u"10.42.42.1/24"_s << -1 << u"10.42.42.1"_s << u"10.42.42.0/24"_s
                             << u"10.42.42.1/24"_s;
        QTest::newRow("client /32") << u"10.42.42.7/32"_s << -1 << u"10.42.42.7"_s << u"10.42.42.7/32"_s
                                    << u"10.42.42.7/32"_s;
        QTest::newRow("bare with default")
            << u"10.42.42.7"_s << 32 << u"10.42.42.7"_s << u"10.42.42.7/32"_s << u"10.42.42.7/32"_s;
        QTest::newRow("bare default 24")
            << u"10.42.42.7"_s << 24 << u"10.42.42.7"_s << u"10.42.42.0/24"_s << u"10.42.42.7/24"_s;
        QTest::newRow("explicit beats default")
            << u"10.42.42.7/16"_s << 32 << u"10.42.42.7"_s << u"10.42.0.0/16"_s << u"10.42.42.7/16"_s;
        QTest::newRow("network address itself")
            << u"10.42.42.0/24"_s << -1 << u"10.42.42.0"_s << u"10.42.42.0/24"_s << u"10.42.42.0/24"_s;
        QTest::newRow("v6") << u"fd42:42::1/64"_s << -1 << u"fd42:42::1"_s << u"fd42:42::/64"_s
                            << u"fd42:42::1/64"_s;
        QTest::newRow("v6 canonicalised")
            << u"FD42:0042:0::0001/64"_s << -1 << u"fd42:42::1"_s << u"fd42:42::/64"_s << u"fd42:42::1/64"_s;
        QTest::newRow("v6 bare default")
            << u"fd00::9"_s << 128 << u"fd00::9"_s << u"fd00::9/128"_s << u"fd00::9/128"_s;
        QTest::newRow("prefix 0") << u"10.1.1.1/0"_s << -1 << u"10.1.1.1"_s << u"0.0.0.0/0"_s
                                  << u"10.1.1.1/0"_s;
    }
    void interfaceAddressParses()
    {
        QFETCH(QString, text);
        QFETCH(int, defaultPrefix);
        QFETCH(QString, address);
        QFETCH(QString, network);
        QFETCH(QString, printed);
        const Result<InterfaceAddress> r = InterfaceAddress::parse(text, defaultPrefix);
        QVERIFY2(r.ok(), qPrintable(failure(r)));
        QVERIFY(!r->isNull());
        QCOMPARE(r->address().toString(), address);
        QCOMPARE(r->network().toString(), network);
        QCOMPARE(r->toString(), printed);
        QVERIFY(r->network().contains(r->address()));
        QCOMPARE(*InterfaceAddress::parse(printed), *r);
    }

    void interfaceAddressRejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("defaultPrefix");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QString() << 24 << u"empty"_s;
        QTest::newRow("bare without default")
            << u"10.42.42.1"_s << -1 << u"'10.42.42.1' has no prefix length (write it like 10.42.42.1/24)"_s;
        QTest::newRow("v6 bare without default") << u"fd00::1"_s << -1 << u"fd00::1/64"_s;
        QTest::newRow("default too long") << u"10.42.42.1"_s << 33 << u"/33"_s;
        QTest::newRow("v4 default 128") << u"10.42.42.1"_s << 128 << u"/128"_s;
        QTest::newRow("prefix 33") << u"10.42.42.1/33"_s << -1 << u"expected /0 to /32"_s;
        QTest::newRow("prefix empty") << u"10.42.42.1/"_s << 24 << u"prefix length"_s;
        QTest::newRow("prefix leading zero") << u"10.42.42.1/08"_s << -1 << u"leading zeros"_s;
        QTest::newRow("prefix word") << u"10.42.42.1/twenty"_s << -1 << u"prefix length"_s;
        QTest::newRow("two slashes") << u"10.42.42.1/24/24"_s << -1 << u"more than one '/'"_s;
        QTest::newRow("bad address") << u"10.42.42.300/24"_s << -1 << u"0–255"_s;
        QTest::newRow("leading zero address") << u"10.42.042.1/24"_s << -1 << u"leading zeros"_s;
        QTest::newRow("spaces") << u"10.42.42.1 / 24"_s << -1 << u"spaces"_s;
        QTest::newRow("trailing space") << u"10.42.42.1/24 "_s << -1 << u"prefix length"_s;
        QTest::newRow("list") << u"10.42.42.1/24,fd00::1/64"_s << -1 << u"more than one '/'"_s;
        QTest::newRow("zone") << u"fe80::1%wg0/64"_s << -1 << u"zone ids"_s;
        QTest::newRow("hostname") << u"hub/24"_s << -1 << u"not a valid IP address"_s;
    }
    void interfaceAddressRejects()
    {
        QFETCH(QString, text);
        QFETCH(int, defaultPrefix);
        QFETCH(QString, expected);
        const Result<InterfaceAddress> r = InterfaceAddress::parse(text, defaultPrefix);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
    }

    void interfaceAddressMake()
    {
        const Result<InterfaceAddress> r = InterfaceAddress::make(addr(u"10.42.42.1"_s), 24);
        QVERIFY(r.ok());
        QCOMPARE(r->toString(), u"10.42.42.1/24"_s);
        QCOMPARE(r->network(), net(u"10.42.42.0/24"_s));
        QVERIFY(!InterfaceAddress::make(IpAddress(), 24).ok());
        QVERIFY(!InterfaceAddress::make(addr(u"10.42.42.1"_s), 40).ok());
        QVERIFY(!InterfaceAddress::make(addr(u"10.42.42.1"_s), -1).ok());
        QVERIFY(InterfaceAddress::make(addr(u"fd00::1"_s), 128).ok());
        const InterfaceAddress empty;
        QVERIFY(empty.isNull());
        QVERIFY(empty.toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestIpNetwork)
#include "tst_ipnetwork.moc"
