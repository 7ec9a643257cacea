#include "ScratchWireGuard.h"
#include "TestKeys.h"
#include "WgUapi.h"
#include "WireGuardInterface.h"

#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

// A private key and its public half, as `wg genkey | wg pubkey` gives them.
QByteArray privateHex()
{
    return QByteArrayLiteral("58f2ed74eaa493c426b0ac6d015491fbcf583d6389c3ad8feafd0203a6de5f45");
}

PrivateKey privateKey()
{
    return PrivateKey::fromBase64(QByteArray::fromHex(privateHex()).toBase64()).value();
}

QByteArray hexOf(const QString &base64)
{
    return testkeys::key(base64).raw().toHex();
}

// What wireguard-go answers to get=1 (its order, its spelling).
QByteArray sampleAnswer()
{
    return "private_key=" + privateHex()
        + "\n"
          "listen_port=5555\n"
          "fwmark=51820\n"
          "public_key="
        + hexOf(testkeys::A)
        + "\n"
          "preshared_key=0000000000000000000000000000000000000000000000000000000000000000\n"
          "protocol_version=1\n"
          "endpoint=192.0.2.10:51820\n"
          "last_handshake_time_sec=1700000000\n"
          "last_handshake_time_nsec=12345\n"
          "tx_bytes=1000\n"
          "rx_bytes=2000\n"
          "persistent_keepalive_interval=25\n"
          "allowed_ip=10.42.0.2/32\n"
          "public_key="
        + hexOf(testkeys::B)
        + "\n"
          "preshared_key=0000000000000000000000000000000000000000000000000000000000000000\n"
          "protocol_version=1\n"
          "endpoint=[2001:db8::1%eth0]:4242\n"
          "last_handshake_time_sec=0\n"
          "last_handshake_time_nsec=0\n"
          "tx_bytes=0\n"
          "rx_bytes=0\n"
          "persistent_keepalive_interval=0\n"
          "allowed_ip=10.42.0.3/32\n"
          "allowed_ip=10.42.7.0/24\n"
          "public_key="
        + hexOf(testkeys::C)
        + "\n"
          "last_handshake_time_sec=0\n"
          "errno=0\n"
          "\n";
}

IpAddress ip(const QString &text)
{
    return IpAddress::parse(text).value();
}

PeerSpec spec(const QString &key, const QString &address)
{
    return { testkeys::key(key), ip(address), u"peer"_s, PeerSpec::Kind::Device };
}

} // namespace

class TestWgUapi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(initSodium()); }

    void parsesAnAnswerSplitAnywhere()
    {
        const QByteArray answer = sampleAnswer();
        // Every split point: a line cut between two reads must not matter.
        for (qsizetype cut = 0; cut <= answer.size(); ++cut) {
            WgUapi::GetParser parser;
            parser.feed(QByteArrayView(answer).first(cut));
            parser.feed(QByteArrayView(answer).sliced(cut));
            QVERIFY(parser.done());
            const Result<LiveState> live = parser.finish();
            QVERIFY2(live.ok(), qPrintable(live.ok() ? QString() : live.error().message));
            QCOMPARE(live->listenPort, quint16(5555));
            QCOMPARE(live->peers.size(), size_t(3));
            if (cut != 0)
                continue;
            // The public half of the private key, which itself is never kept.
            QCOMPARE(live->publicKey->toBase64(), u"Izj+6XCHBRLBy4AZeTu8Kz07tm8MoQ000Tvbj9kr800="_s);
            const LivePeer &a = live->peers[0];
            QCOMPARE(a.key.toBase64(), testkeys::A);
            QVERIFY(a.hasOnlyHostRoute(ip(u"10.42.0.2"_s)));
            QCOMPARE(a.endpoint()->toString(), u"192.0.2.10:51820"_s);
            QCOMPARE(a.lastHandshake, 1700000000);
            QCOMPARE(a.txBytes, 1000u);
            QCOMPARE(a.rxBytes, 2000u);
            QCOMPARE(a.persistentKeepalive, 25);
            const LivePeer &b = live->peers[1];
            QCOMPARE(b.allowedCount, 2);
            QVERIFY(!b.hasOnlyHostRoute(ip(u"10.42.0.3"_s)));
            QCOMPARE(b.endpoint()->toString(), u"[2001:db8::1]:4242"_s);
            QCOMPARE(b.lastHandshake, 0);
            const LivePeer &c = live->peers[2];
            QCOMPARE(c.allowedCount, 0);
            QVERIFY(!c.endpoint());
        }
    }

    void refusesBrokenAnswers_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("expected");
        QTest::newRow("errno") << QByteArray("errno=-22\n\n") << u"errno -22"_s;
        QTest::newRow("no errno") << QByteArray("listen_port=1\n\n") << u"without an errno"_s;
        QTest::newRow("short key") << QByteArray("public_key=abcd\nerrno=0\n\n") << u"not a public key"_s;
        QTest::newRow("zero key") << QByteArray("public_key=" + QByteArray(64, '0') + "\nerrno=0\n\n")
                                  << u"line 1"_s;
        QTest::newRow("bad ip") << QByteArray("public_key=" + hexOf(testkeys::A)
                                              + "\nallowed_ip=10.42.0.256/32\nerrno=0\n\n")
                                << u"not an allowed IP"_s;
        for (const char *address : { "10.42.0.02/32", "10.42.0.1234/32", "10.42.0/32", "10.42.0.1./32",
                                     "10..0.1/32", "10.42.0.1x/32", "/32", "10.42.0.1/33" }) {
            QTest::newRow(address) << QByteArray("public_key=" + hexOf(testkeys::A)
                                                 + "\nallowed_ip=" + address + "\nerrno=0\n\n")
                                   << u"not an allowed IP"_s;
        }
        QTest::newRow("bad endpoint")
            << QByteArray("public_key=" + hexOf(testkeys::A) + "\nendpoint=192.0.2.300:51820\nerrno=0\n\n")
            << u"not an endpoint"_s;
        QTest::newRow("bad hex digit")
            << QByteArray("public_key=" + hexOf(testkeys::A).replace(10, 1, "g") + "\nerrno=0\n\n")
            << u"not a public key"_s;
        QTest::newRow("host bits") << QByteArray("public_key=" + hexOf(testkeys::A)
                                                 + "\nallowed_ip=10.42.0.3/24\nerrno=0\n\n")
                                   << u"not an allowed IP"_s;
        QTest::newRow("bad number") << QByteArray("public_key=" + hexOf(testkeys::A)
                                                  + "\nrx_bytes=12x\nerrno=0\n\n")
                                    << u"not a number"_s;
        QTest::newRow("no equals") << QByteArray("garbage\n\n") << u"not key=value"_s;
        QTest::newRow("private key") << QByteArray("private_key=zz\nerrno=0\n\n") << u"malformed"_s;
    }
    void refusesBrokenAnswers()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, expected);
        WgUapi::GetParser parser;
        parser.feed(answer);
        const Result<LiveState> live = parser.finish();
        QVERIFY(!live.ok());
        QVERIFY2(live.error().message.contains(expected), qPrintable(live.error().message));
        // A secret is never quoted.
        QVERIFY(!live.error().message.contains(u"zz"_s) || expected != u"malformed"_s);
    }

    void incompleteAnswerIsAnError()
    {
        WgUapi::GetParser parser;
        parser.feed("listen_port=1\nerrno=0\n");
        QVERIFY(!parser.done());
        QVERIFY(!parser.finish().ok());
    }

    void setRequestRemovesFirstAndReplacesAllowedIps()
    {
        PeerDiff diff;
        diff.removals = { testkeys::key(testkeys::C) };
        diff.changes = { spec(testkeys::A, u"10.42.0.9"_s) };
        diff.additions = { spec(testkeys::B, u"10.42.1.4"_s) };
        QCOMPARE(WgUapi::setRequest(diff),
                 QByteArray(
                     "set=1\npublic_key=" + hexOf(testkeys::C) + "\nremove=true\npublic_key="
                     + hexOf(testkeys::A) + "\nreplace_allowed_ips=true\nallowed_ip=10.42.0.9/32\npublic_key="
                     + hexOf(testkeys::B) + "\nreplace_allowed_ips=true\nallowed_ip=10.42.1.4/32\n\n"));
        // Every width of a part, and zeros, written as IpAddress would.
        for (const QString &address :
             { u"0.0.0.0"_s, u"100.64.10.255"_s, u"192.168.199.9"_s, u"255.255.255.255"_s }) {
            PeerDiff one;
            one.additions = { spec(testkeys::A, address) };
            QVERIFY(
                WgUapi::setRequest(one).contains(QByteArray("\nallowed_ip=" + address.toLatin1() + "/32\n")));
        }
    }

    void interfaceRequestCarriesKeyAndPort()
    {
        const PrivateKey key = privateKey();
        QCOMPARE(WgUapi::setInterfaceRequest(&key, 45821).view().toByteArray(),
                 "set=1\nprivate_key=" + privateHex() + "\nlisten_port=45821\n\n");
        QCOMPARE(WgUapi::setInterfaceRequest(nullptr, 5555).view().toByteArray(),
                 QByteArray("set=1\nlisten_port=5555\n\n"));
        QCOMPARE(WgUapi::setInterfaceRequest(nullptr, 65535).view().toByteArray(),
                 QByteArray("set=1\nlisten_port=65535\n\n"));
    }

    void socketPathFollowsTheRunDir()
    {
        qputenv("FVPN_WG_RUN_DIR", "/tmp/somewhere");
        QCOMPARE(WgUapi::socketPath(u"fiolab"_s), u"/tmp/somewhere/fiolab.sock"_s);
        QVERIFY(!WgUapi::hasSocket(u"fiolab"_s));
        qunsetenv("FVPN_WG_RUN_DIR");
        QCOMPARE(WgUapi::socketPath(u"fiolab"_s), u"/run/wireguard/fiolab.sock"_s);
        const Result<LiveState> missing = WgUapi::get(u"/nonexistent/fiolab.sock"_s);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    // The same requests against a real wireguard-go.
    void realWireguardGo()
    {
        ScratchWireGuard wg(u"wgtest0"_s);
        if (!wg.usable())
            QSKIP("needs root, unshare, /dev/net/tun and wireguard-go");
        const QString socket = wg.socketPath();

        Result<LiveState> live = WgUapi::get(socket);
        QVERIFY2(live.ok(), qPrintable(live.ok() ? QString() : live.error().message));
        QVERIFY(live->peers.empty());
        QVERIFY(!live->publicKey);

        // Key and port as the hub sets them (what `wg set` would send).
        const PrivateKey key = privateKey();
        const SecureBuffer keyAndPort = WgUapi::setInterfaceRequest(&key, 45821);
        QVERIFY(WgUapi::set(socket, keyAndPort.view()).ok());
        PeerDiff add;
        add.additions = { spec(testkeys::A, u"10.42.0.2"_s), spec(testkeys::B, u"10.42.0.3"_s),
                          spec(testkeys::C, u"10.42.0.4"_s) };
        QVERIFY(WgUapi::set(socket, WgUapi::setRequest(add)).ok());
        live = WgUapi::get(socket);
        QVERIFY(live.ok());
        QCOMPARE(live->publicKey->toBase64(), u"Izj+6XCHBRLBy4AZeTu8Kz07tm8MoQ000Tvbj9kr800="_s);
        QCOMPARE(live->listenPort, quint16(45821));
        QCOMPARE(live->peers.size(), size_t(3));
        const LiveRoutes routes = liveRoutes(*live);
        QCOMPARE(routes.value(testkeys::key(testkeys::B)), IpNetwork::hostRoute(ip(u"10.42.0.3"_s)));

        // One request: C goes, A moves to the address C had, B is untouched.
        PeerDiff change;
        change.removals = { testkeys::key(testkeys::C) };
        change.changes = { spec(testkeys::A, u"10.42.0.4"_s) };
        QVERIFY(WgUapi::set(socket, WgUapi::setRequest(change)).ok());
        live = WgUapi::get(socket);
        QVERIFY(live.ok());
        const LiveRoutes after = liveRoutes(*live);
        QCOMPARE(after.size(), 2);
        QCOMPARE(after.value(testkeys::key(testkeys::A)), IpNetwork::hostRoute(ip(u"10.42.0.4"_s)));
        QCOMPARE(after.value(testkeys::key(testkeys::B)), IpNetwork::hostRoute(ip(u"10.42.0.3"_s)));

        // A request wireguard-go refuses is reported with its errno.
        const Result<void> refused = WgUapi::set(socket, "set=1\nno_such_key=1\n\n");
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(u"errno"_s), qPrintable(refused.error().message));

        // Through WireGuardInterface, as the hub uses it.
        qputenv("FVPN_WG_RUN_DIR", wg.runDir().toLocal8Bit());
        const WireGuardInterface interface(u"wgtest0"_s);
        QVERIFY(interface.usesUapi());
        PeerDiff again;
        again.additions = { spec(testkeys::C, u"10.42.0.5"_s) };
        QVERIFY(interface.apply(again).ok());
        const Result<LiveState> viaInterface = interface.readLive();
        qunsetenv("FVPN_WG_RUN_DIR");
        QVERIFY(viaInterface.ok());
        QCOMPARE(viaInterface->peers.size(), size_t(3));
    }

    void manyPeersInOneRequest()
    {
        ScratchWireGuard wg(u"wgtest1"_s);
        if (!wg.usable())
            QSKIP("needs root, unshare, /dev/net/tun and wireguard-go");
        // 2,000 generated keys: the request is ~250 KB, the answer larger still,
        // so both cross many socket reads and writes.
        PeerDiff add;
        for (int i = 0; i < 2000; ++i) {
            QByteArray raw(32, '\0');
            raw[0] = char(1 + (i & 0x7f));
            raw[1] = char(i >> 7);
            raw[31] = 0x42;
            add.additions.append({ PublicKey::fromRaw(raw).value(),
                                   IpAddress::fromIPv4(0x0a2a0002u + quint32(i)), u"d"_s,
                                   PeerSpec::Kind::Device });
        }
        QVERIFY(WgUapi::set(wg.socketPath(), WgUapi::setRequest(add)).ok());
        const Result<LiveState> live = WgUapi::get(wg.socketPath());
        QVERIFY(live.ok());
        QCOMPARE(live->peers.size(), size_t(2000));
        const PeerDiff none = computePeerDiff(add.additions, liveRoutes(*live));
        QVERIFY(none.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWgUapi)
#include "tst_wguapi.moc"
