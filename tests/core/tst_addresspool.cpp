#include "AddressPool.h"

#include <QRandomGenerator>
#include <QSet>
#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

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

// Allocates until the pool is exhausted, reserving each address; returns them in order.
QStringList drain(AddressPool &pool, const QString &ownerPrefix)
{
    QStringList handed;
    for (int i = 0; i < 100000; ++i) {
        const Result<IpAddress> next = pool.allocate();
        if (!next)
            break;
        const Result<void> reserved = pool.reserve(*next, ownerPrefix + QString::number(i));
        if (!reserved)
            qFatal("allocate() returned an address reserve() refuses: %s",
                   qPrintable(reserved.error().message));
        handed << next->toString();
    }
    return handed;
}

} // namespace

class TestAddressPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capacity_data()
    {
        QTest::addColumn<QString>("subnet");
        QTest::addColumn<QString>("hub");
        QTest::addColumn<quint64>("capacity");
        QTest::newRow("/24 hub inside") << u"10.42.42.0/24"_s << u"10.42.42.1"_s << quint64(253);
        QTest::newRow("/24 hub outside") << u"10.42.42.0/24"_s << u"10.42.43.1"_s << quint64(254);
        QTest::newRow("/24 hub is v6") << u"10.42.42.0/24"_s << u"fd00::1"_s << quint64(254);
        QTest::newRow("/24 no hub") << u"10.42.42.0/24"_s << QString() << quint64(254);
        QTest::newRow("/30") << u"10.0.0.0/30"_s << u"10.0.0.1"_s << quint64(1);
        QTest::newRow("/29") << u"10.0.0.0/29"_s << u"10.0.0.1"_s << quint64(5);
        QTest::newRow("/16") << u"10.42.0.0/16"_s << u"10.42.0.1"_s << quint64(65533);
        QTest::newRow("/31 (RFC 3021)") << u"10.0.0.0/31"_s << u"10.0.0.0"_s << quint64(1);
        QTest::newRow("/32") << u"10.0.0.5/32"_s << u"10.0.0.5"_s << quint64(0);
        QTest::newRow("v6 /120") << u"fd00::/120"_s << u"fd00::1"_s << quint64(254); // only the anycast goes
        QTest::newRow("v6 /126") << u"fd00::/126"_s << u"fd00::1"_s << quint64(2);
        QTest::newRow("v6 /127 (RFC 6164)") << u"fd00::/127"_s << u"fd00::"_s << quint64(1);
        QTest::newRow("v6 /64") << u"fd00::/64"_s << u"fd00::1"_s << (quint64(1) << 63) - 2;
    }
    void capacity()
    {
        QFETCH(QString, subnet);
        QFETCH(QString, hub);
        QFETCH(quint64, capacity);
        const AddressPool pool(net(subnet), hub.isEmpty() ? IpAddress() : addr(hub));
        QCOMPARE(pool.capacity(), capacity);
        QCOMPARE(pool.usedCount(), quint64(0));
        QCOMPARE(pool.subnet(), net(subnet));
    }

    void exhaustsSlash30()
    {
        AddressPool pool(net(u"10.0.0.0/30"_s), addr(u"10.0.0.1"_s));
        const QStringList handed = drain(pool, u"device dev-"_s);
        QCOMPARE(handed, QStringList { u"10.0.0.2"_s });
        const Result<IpAddress> none = pool.allocate();
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, ErrorCode::Exhausted);
        QCOMPARE(none.error().message, u"no free address left in 10.0.0.0/30 (1 of 1 in use)"_s);
    }

    void exhaustsSlash29()
    {
        AddressPool pool(net(u"10.42.42.8/29"_s), addr(u"10.42.42.12"_s));
        const QStringList handed = drain(pool, u"peer "_s);
        // Never .8 (network), .15 (broadcast) or .12 (hub); lowest first.
        QCOMPARE(handed,
                 (QStringList { u"10.42.42.9"_s, u"10.42.42.10"_s, u"10.42.42.11"_s, u"10.42.42.13"_s,
                                u"10.42.42.14"_s }));
        QCOMPARE(pool.usedCount(), pool.capacity());
        const Result<IpAddress> none = pool.allocate();
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, ErrorCode::Exhausted);
        QCOMPARE(none.error().message, u"no free address left in 10.42.42.8/29 (5 of 5 in use)"_s);
    }

    void exhaustsSlash24WithMessage()
    {
        AddressPool pool(net(u"10.42.42.0/24"_s), addr(u"10.42.42.1"_s));
        const QStringList handed = drain(pool, u"device dev-"_s);
        QCOMPARE(handed.size(), 253);
        QCOMPARE(handed.first(), u"10.42.42.2"_s);
        QCOMPARE(handed.last(), u"10.42.42.254"_s);
        QVERIFY(!handed.contains(u"10.42.42.0"_s));
        QVERIFY(!handed.contains(u"10.42.42.1"_s));
        QVERIFY(!handed.contains(u"10.42.42.255"_s));
        QCOMPARE(QSet<QString>(handed.begin(), handed.end()).size(), handed.size());
        QCOMPARE(pool.allocate().error().message,
                 u"no free address left in 10.42.42.0/24 (253 of 253 in use)"_s);
    }

    void hubInMiddleIsSkipped()
    {
        AddressPool pool(net(u"10.0.0.0/29"_s), addr(u"10.0.0.2"_s));
        QCOMPARE(pool.allocate()->toString(), u"10.0.0.1"_s);
        QVERIFY(pool.reserve(addr(u"10.0.0.1"_s), u"a"_s).ok());
        QCOMPARE(pool.allocate()->toString(), u"10.0.0.3"_s);
    }

    void hubAtFirstAddress()
    {
        const AddressPool pool(net(u"10.42.42.0/24"_s), addr(u"10.42.42.1"_s));
        QCOMPARE(pool.allocate()->toString(), u"10.42.42.2"_s);
    }

    void allocateDoesNotReserve()
    {
        AddressPool pool(net(u"10.42.42.0/24"_s), addr(u"10.42.42.1"_s));
        QCOMPARE(pool.allocate()->toString(), u"10.42.42.2"_s);
        QCOMPARE(pool.allocate()->toString(), u"10.42.42.2"_s);
        QCOMPARE(pool.usedCount(), quint64(0));
        QVERIFY(!pool.isUsed(addr(u"10.42.42.2"_s)));
    }

    void reuseAfterRelease()
    {
        AddressPool pool(net(u"10.0.0.0/29"_s), addr(u"10.0.0.1"_s));
        drain(pool, u"d"_s);
        QVERIFY(!pool.allocate().ok());
        pool.release(addr(u"10.0.0.4"_s));
        QCOMPARE(pool.usedCount(), quint64(4));
        QVERIFY(!pool.isUsed(addr(u"10.0.0.4"_s)));
        QCOMPARE(pool.allocate()->toString(), u"10.0.0.4"_s);
        pool.release(addr(u"10.0.0.6"_s));
        QCOMPARE(pool.allocate()->toString(), u"10.0.0.4"_s); // still the lowest
        pool.release(addr(u"10.0.0.2"_s));
        QCOMPARE(pool.allocate()->toString(), u"10.0.0.2"_s);
        QVERIFY(pool.reserve(addr(u"10.0.0.2"_s), u"x"_s).ok());
        QCOMPARE(pool.allocate()->toString(), u"10.0.0.4"_s);
        QVERIFY(pool.reserve(addr(u"10.0.0.4"_s), u"y"_s).ok());
        QCOMPARE(pool.allocate()->toString(), u"10.0.0.6"_s);
        QVERIFY(pool.reserve(addr(u"10.0.0.6"_s), u"z"_s).ok());
        QVERIFY(!pool.allocate().ok());
    }

    void releaseOfUnknownChangesNothing()
    {
        AddressPool pool(net(u"10.0.0.0/29"_s), addr(u"10.0.0.1"_s));
        QVERIFY(pool.reserve(addr(u"10.0.0.2"_s), u"a"_s).ok());
        pool.release(addr(u"10.0.0.5"_s)); // never reserved
        pool.release(addr(u"10.0.0.1"_s)); // the hub: not releasable
        pool.release(addr(u"192.168.0.1"_s)); // outside
        pool.release(IpAddress());
        QCOMPARE(pool.usedCount(), quint64(1));
        QCOMPARE(pool.allocate()->toString(), u"10.0.0.3"_s);
        QVERIFY(!pool.check(addr(u"10.0.0.1"_s)).ok());
    }

    void reserveOutOfOrder()
    {
        AddressPool pool(net(u"10.0.0.0/29"_s), addr(u"10.0.0.1"_s));
        QVERIFY(pool.reserve(addr(u"10.0.0.3"_s), u"a"_s).ok());
        QVERIFY(pool.reserve(addr(u"10.0.0.4"_s), u"b"_s).ok());
        QCOMPARE(pool.allocate()->toString(), u"10.0.0.2"_s);
        QVERIFY(pool.reserve(addr(u"10.0.0.2"_s), u"c"_s).ok());
        // Jumps over the run of reserved addresses at once.
        QCOMPARE(pool.allocate()->toString(), u"10.0.0.5"_s);
        QVERIFY(pool.reserve(addr(u"10.0.0.6"_s), u"d"_s).ok());
        QCOMPARE(pool.allocate()->toString(), u"10.0.0.5"_s);
    }

    void checkMessages_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("network")
            << u"10.42.42.0"_s << int(ErrorCode::InvalidInput)
            << u"10.42.42.0 is the network address of 10.42.42.0/24 and cannot be given to a "
               "peer"_s;
        QTest::newRow("broadcast")
            << u"10.42.42.255"_s << int(ErrorCode::InvalidInput)
            << u"10.42.42.255 is the broadcast address of 10.42.42.0/24 and cannot be given "
               "to a peer"_s;
        QTest::newRow("hub") << u"10.42.42.1"_s << int(ErrorCode::Conflict)
                             << u"10.42.42.1 is the hub's own address"_s;
        QTest::newRow("used") << u"10.42.42.7"_s << int(ErrorCode::Conflict)
                              << u"10.42.42.7 is already used by device dev-07"_s;
        QTest::newRow("used, no owner")
            << u"10.42.42.8"_s << int(ErrorCode::Conflict) << u"10.42.42.8 is already in use"_s;
        QTest::newRow("outside") << u"10.42.43.7"_s << int(ErrorCode::InvalidInput)
                                 << u"10.42.43.7 is outside the VPN subnet 10.42.42.0/24"_s;
        QTest::newRow("other family") << u"fd00::7"_s << int(ErrorCode::InvalidInput)
                                      << u"fd00::7 is outside the VPN subnet 10.42.42.0/24"_s;
        QTest::newRow("null") << QString() << int(ErrorCode::InvalidInput) << u"no address given"_s;
    }
    void checkMessages()
    {
        QFETCH(QString, address);
        QFETCH(int, code);
        QFETCH(QString, message);
        AddressPool pool(net(u"10.42.42.0/24"_s), addr(u"10.42.42.1"_s));
        QVERIFY(pool.reserve(addr(u"10.42.42.7"_s), u"device dev-07"_s).ok());
        QVERIFY(pool.reserve(addr(u"10.42.42.8"_s), QString()).ok());
        const IpAddress a = address.isEmpty() ? IpAddress() : addr(address);

        const Result<void> checked = pool.check(a);
        QVERIFY(!checked.ok());
        QCOMPARE(int(checked.error().code), code);
        QCOMPARE(checked.error().message, message);

        // reserve() fails the same way and changes nothing.
        const Result<void> reserved = pool.reserve(a, u"someone else"_s);
        QVERIFY(!reserved.ok());
        QCOMPARE(reserved.error().message, message);
        QCOMPARE(pool.usedCount(), quint64(2));
        QCOMPARE(pool.ownerOf(addr(u"10.42.42.7"_s)), u"device dev-07"_s);
        QCOMPARE(pool.allocate()->toString(), u"10.42.42.2"_s);
    }

    void reserveAndOwners()
    {
        AddressPool pool(net(u"10.42.42.0/24"_s), addr(u"10.42.42.1"_s));
        QVERIFY(pool.check(addr(u"10.42.42.200"_s)).ok());
        QVERIFY(pool.reserve(addr(u"10.42.42.200"_s), u"client alice"_s).ok());
        QVERIFY(pool.isUsed(addr(u"10.42.42.200"_s)));
        QCOMPARE(pool.ownerOf(addr(u"10.42.42.200"_s)), u"client alice"_s);
        QVERIFY(pool.ownerOf(addr(u"10.42.42.201"_s)).isEmpty());
        QVERIFY(!pool.isUsed(addr(u"10.42.42.1"_s))); // the hub is not a reservation
        QCOMPARE(pool.usedCount(), quint64(1));
        // The same owner cannot take it twice either.
        QCOMPARE(pool.reserve(addr(u"10.42.42.200"_s), u"client alice"_s).error().code, ErrorCode::Conflict);
        pool.release(addr(u"10.42.42.200"_s));
        QVERIFY(!pool.isUsed(addr(u"10.42.42.200"_s)));
        QVERIFY(pool.ownerOf(addr(u"10.42.42.200"_s)).isEmpty());
        QCOMPARE(pool.usedCount(), quint64(0));
        QVERIFY(pool.reserve(addr(u"10.42.42.200"_s), u"client bob"_s).ok());
        QCOMPARE(pool.ownerOf(addr(u"10.42.42.200"_s)), u"client bob"_s);
    }

    void ipv6Pool()
    {
        AddressPool pool(net(u"fd42:42::/64"_s), addr(u"fd42:42::1"_s));
        QCOMPARE(pool.allocate()->toString(), u"fd42:42::2"_s);
        const Result<void> anycast = pool.check(addr(u"fd42:42::"_s));
        QVERIFY(!anycast.ok());
        QCOMPARE(anycast.error().code, ErrorCode::InvalidInput);
        QVERIFY2(anycast.error().message.contains(u"fd42:42:: is the network address of fd42:42::/64"_s),
                 qPrintable(anycast.error().message));
        // No broadcast in IPv6: the last address is usable.
        QVERIFY(pool.check(addr(u"fd42:42::ffff:ffff:ffff:ffff"_s)).ok());
        QCOMPARE(pool.check(addr(u"fd42:42::1"_s)).error().code, ErrorCode::Conflict);
        QVERIFY(!pool.check(addr(u"10.42.42.2"_s)).ok());
    }

    void ipv6SmallPoolExhausts()
    {
        AddressPool pool(net(u"fd00::/126"_s), addr(u"fd00::1"_s));
        QCOMPARE(drain(pool, u"p"_s), (QStringList { u"fd00::2"_s, u"fd00::3"_s }));
        QCOMPARE(pool.allocate().error().message, u"no free address left in fd00::/126 (2 of 2 in use)"_s);
    }

    void topOfAddressSpace()
    {
        // The last block of each family: advancing past its end must not wrap.
        AddressPool v4(net(u"255.255.255.248/29"_s), addr(u"255.255.255.249"_s));
        QCOMPARE(drain(v4, u"p"_s).size(), 5);
        QCOMPARE(v4.allocate().error().code, ErrorCode::Exhausted);
        QVERIFY(!v4.check(addr(u"255.255.255.255"_s)).ok());
        AddressPool v6(net(u"ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff8/125"_s),
                       addr(u"ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff9"_s));
        const QStringList handed = drain(v6, u"p"_s);
        QCOMPARE(handed.size(), 6);
        QCOMPARE(handed.last(), u"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_s);
        QCOMPARE(v6.allocate().error().code, ErrorCode::Exhausted);
    }

    void slash31And32()
    {
        AddressPool p31(net(u"10.0.0.0/31"_s), addr(u"10.0.0.0"_s));
        QCOMPARE(drain(p31, u"p"_s), QStringList { u"10.0.0.1"_s });
        AddressPool p32(net(u"10.0.0.5/32"_s), addr(u"10.0.0.5"_s));
        QVERIFY(drain(p32, u"p"_s).isEmpty());
        QCOMPARE(p32.allocate().error().message, u"no free address left in 10.0.0.5/32 (0 of 0 in use)"_s);
    }

    void nullSubnet()
    {
        AddressPool pool { IpNetwork(), IpAddress() };
        QCOMPARE(pool.capacity(), quint64(0));
        QVERIFY(!pool.allocate().ok());
        QVERIFY(!pool.check(addr(u"10.0.0.1"_s)).ok());
        QVERIFY(!pool.reserve(addr(u"10.0.0.1"_s), u"x"_s).ok());
        QCOMPARE(pool.usedCount(), quint64(0));
    }

    // 5000 reservations in a /19 (8189 usable): filled lowest first and then with
    // holes punched in, the pool still answers with the lowest free address.
    void manyReservationsInSlash19()
    {
        AddressPool pool(net(u"10.42.32.0/19"_s), addr(u"10.42.32.1"_s));
        QCOMPARE(pool.capacity(), quint64(8189));
        for (int i = 0; i < 5000; ++i) {
            const Result<IpAddress> next = pool.allocate();
            QVERIFY(next.ok());
            QCOMPARE(*next, addr(u"10.42.32.0"_s).advanced(quint64(i) + 2));
            QVERIFY(pool.reserve(*next, u"device dev-%1"_s.arg(i)).ok());
        }
        QCOMPARE(pool.usedCount(), quint64(5000));
        QCOMPARE(pool.allocate()->toString(), u"10.42.51.138"_s); // 10.42.32.0 + 5002
        QCOMPARE(pool.ownerOf(addr(u"10.42.51.137"_s)), u"device dev-4999"_s);

        // Free a random tenth of them and refill: always the lowest hole next.
        QRandomGenerator rng(42);
        QSet<quint32> freed;
        while (freed.size() < 500) {
            const quint32 offset = 2 + rng.bounded(5000u);
            const IpAddress a = addr(u"10.42.32.0"_s).advanced(offset);
            pool.release(a);
            freed.insert(a.toIPv4());
        }
        QCOMPARE(pool.usedCount(), quint64(4500));
        QList<quint32> expected(freed.begin(), freed.end());
        std::sort(expected.begin(), expected.end());
        for (const quint32 want : expected) {
            const Result<IpAddress> next = pool.allocate();
            QVERIFY(next.ok());
            QCOMPARE(next->toIPv4(), want);
            QVERIFY(pool.reserve(*next, u"refill"_s).ok());
        }
        QCOMPARE(pool.usedCount(), quint64(5000));
        QCOMPARE(pool.allocate()->toString(), u"10.42.51.138"_s);

        // Fill the rest and run dry with the right count.
        while (pool.allocate().ok())
            QVERIFY(pool.reserve(*pool.allocate(), u"rest"_s).ok());
        QCOMPARE(pool.usedCount(), quint64(8189));
        QCOMPARE(pool.allocate().error().message,
                 u"no free address left in 10.42.32.0/19 (8189 of 8189 in use)"_s);
    }

    // Random reserve/release/allocate against a plain model that scans every
    // address: the lowest-free bookkeeping must never drift from the truth.
    void matchesNaiveModel_data()
    {
        QTest::addColumn<QString>("subnet");
        QTest::addColumn<QString>("hub");
        QTest::newRow("/27 hub in the middle") << u"10.9.8.32/27"_s << u"10.9.8.45"_s;
        QTest::newRow("/28 hub first") << u"10.9.8.16/28"_s << u"10.9.8.17"_s;
        QTest::newRow("/28 hub last") << u"10.9.8.16/28"_s << u"10.9.8.30"_s;
        QTest::newRow("/28 hub outside") << u"10.9.8.16/28"_s << u"10.9.9.1"_s;
        QTest::newRow("v6 /123") << u"fd00::/123"_s << u"fd00::7"_s;
    }
    void matchesNaiveModel()
    {
        QFETCH(QString, subnet);
        QFETCH(QString, hub);
        const IpNetwork network = net(subnet);
        const IpAddress hubAddress = addr(hub);
        AddressPool pool(network, hubAddress);

        QList<IpAddress> all; // every address of the block, in order
        for (IpAddress a = network.networkAddress(); !a.isNull() && network.contains(a); a = a.advanced(1))
            all << a;
        const bool v4 = network.family() == IpAddress::Family::IPv4;
        QSet<IpAddress> model;
        const auto usable = [&](const IpAddress &a) {
            return a != all.first() && !(v4 && a == all.last()) && a != hubAddress;
        };
        const auto lowestFree = [&]() -> IpAddress {
            for (const IpAddress &a : all) {
                if (usable(a) && !model.contains(a))
                    return a;
            }
            return {};
        };

        QRandomGenerator rng(99);
        for (int step = 0; step < 20000; ++step) {
            const IpAddress pick = all.at(rng.bounded(quint32(all.size())));
            switch (rng.bounded(3u)) {
            case 0: {
                const bool expectOk = usable(pick) && !model.contains(pick);
                QCOMPARE(pool.reserve(pick, u"owner"_s).ok(), expectOk);
                if (expectOk)
                    model.insert(pick);
                break;
            }
            case 1:
                pool.release(pick);
                model.remove(pick);
                break;
            default: {
                const IpAddress expected = lowestFree();
                const Result<IpAddress> got = pool.allocate();
                QCOMPARE(got.ok(), !expected.isNull());
                if (got.ok()) {
                    QCOMPARE(*got, expected);
                    QVERIFY(pool.reserve(*got, u"allocated"_s).ok());
                    model.insert(*got);
                } else {
                    QCOMPARE(got.error().code, ErrorCode::Exhausted);
                }
                break;
            }
            }
            QCOMPARE(pool.usedCount(), quint64(model.size()));
        }
    }

    // The hub's typical size: a /16 with 6000 peers reserved at scattered places
    // (as when loading existing peers), then new ones allocated lowest first.
    void scatteredReservationsInSlash16()
    {
        const IpNetwork network = net(u"10.42.0.0/16"_s);
        AddressPool pool(network, addr(u"10.42.0.1"_s));
        QRandomGenerator rng(5);
        QSet<quint32> taken;
        while (taken.size() < 6000) {
            const quint32 offset = 2 + rng.bounded(2000u) * 4 + rng.bounded(3u); // dense low, with gaps
            const IpAddress a = network.networkAddress().advanced(offset);
            if (taken.contains(a.toIPv4()))
                continue;
            QVERIFY(pool.reserve(a, u"device"_s).ok());
            taken.insert(a.toIPv4());
        }
        QCOMPARE(pool.usedCount(), quint64(6000));
        quint32 candidate = network.networkAddress().toIPv4() + 2;
        for (int i = 0; i < 3000; ++i) {
            while (taken.contains(candidate))
                ++candidate;
            const Result<IpAddress> next = pool.allocate();
            QVERIFY(next.ok());
            QCOMPARE(next->toIPv4(), candidate);
            QVERIFY(pool.reserve(*next, u"new"_s).ok());
            taken.insert(candidate);
        }
        QCOMPARE(pool.usedCount(), quint64(9000));
    }

    // A large IPv6 subnet with sparse reservations answers immediately; a scan
    // over 2^64 addresses would never finish.
    void sparseIPv6Reservations()
    {
        AddressPool pool(net(u"fd00::/64"_s), addr(u"fd00::1"_s));
        QVERIFY(pool.reserve(addr(u"fd00::ffff:ffff:ffff:fffe"_s), u"far"_s).ok());
        QVERIFY(pool.reserve(addr(u"fd00::2"_s), u"near"_s).ok());
        QCOMPARE(pool.allocate()->toString(), u"fd00::3"_s);
    }
};

QTEST_GUILESS_MAIN(TestAddressPool)
#include "tst_addresspool.moc"
