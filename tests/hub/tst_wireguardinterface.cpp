#include "FakeTools.h"
#include "SecureBuffer.h"
#include "TestKeys.h"
#include "WireGuardInterface.h"

#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

// A hub key pair (wg genkey | wg pubkey) and another one, as if the interface held
// a different key.
QByteArray hubPrivate()
{
    return QByteArrayLiteral("IK36XS4nGer+25UwkK0aE5mhIeHR0RritEK79/NSKE8=");
}
QByteArray hubPublic()
{
    return QByteArrayLiteral("q5XExAr1bwsUeosWrTLNJeYWN/1L/5mIRwWDVCTjQEM=");
}
QByteArray otherPrivate()
{
    return QByteArrayLiteral("CFpvGieu8MqxxMMYUH8Rc2bMtjqfws+p0rMpsC7JeXg=");
}
QByteArray otherPublic()
{
    return QByteArrayLiteral("S2j9GEHzAmEgE9MVcpdeP7w/OHAcqrJ0UFPfjwRDRAw=");
}

QByteArray dumpText(const QByteArray &priv, const QByteArray &pub, int port)
{
    return priv + '\t' + pub + '\t' + QByteArray::number(port) + "\toff\n" + testkeys::A.toLatin1()
        + "\t(none)\t192.0.2.10:51820\t10.42.42.2/32\t1700000000\t100\t200\t25\n";
}

} // namespace

class TestWireGuardInterface : public QObject
{
    Q_OBJECT

private:
    static PeerSpec peer(const QString &key, const QString &address)
    {
        return { testkeys::key(key), IpAddress::parse(address).value(), u"p"_s, PeerSpec::Kind::Device };
    }

    static PrivateKey hubKey() { return PrivateKey::fromBase64(hubPrivate()).value(); }
    static InterfaceAddress hubAddress() { return InterfaceAddress::parse(u"10.42.42.1/24").value(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(initSodium()); }

    void setArgumentsRemovalsFirst()
    {
        PeerDiff diff;
        diff.additions = { peer(testkeys::A, u"10.42.42.2"_s) };
        diff.changes = { peer(testkeys::B, u"10.42.42.3"_s) };
        diff.removals = { testkeys::key(testkeys::C) };
        const QList<QStringList> calls = WireGuardInterface::setArguments(u"fioacme"_s, diff);
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.first(),
                 (QStringList { u"set"_s, u"fioacme"_s, u"peer"_s, testkeys::C, u"remove"_s, u"peer"_s,
                                testkeys::B, u"allowed-ips"_s, u"10.42.42.3/32"_s, u"peer"_s, testkeys::A,
                                u"allowed-ips"_s, u"10.42.42.2/32"_s }));
    }

    void setArgumentsChunks()
    {
        PeerDiff diff;
        diff.removals
            = { testkeys::key(testkeys::C), testkeys::key(testkeys::D), testkeys::key(testkeys::E) };
        diff.additions = { peer(testkeys::A, u"10.42.42.2"_s), peer(testkeys::B, u"10.42.42.3"_s) };
        const QList<QStringList> calls = WireGuardInterface::setArguments(u"wg0"_s, diff, 2);
        QCOMPARE(calls.size(), 3);
        QCOMPARE(calls.at(0),
                 (QStringList { u"set"_s, u"wg0"_s, u"peer"_s, testkeys::C, u"remove"_s, u"peer"_s,
                                testkeys::D, u"remove"_s }));
        QCOMPARE(calls.at(1),
                 (QStringList { u"set"_s, u"wg0"_s, u"peer"_s, testkeys::E, u"remove"_s, u"peer"_s,
                                testkeys::A, u"allowed-ips"_s, u"10.42.42.2/32"_s }));
        QCOMPARE(calls.at(2),
                 (QStringList { u"set"_s, u"wg0"_s, u"peer"_s, testkeys::B, u"allowed-ips"_s,
                                u"10.42.42.3/32"_s }));
        QVERIFY(WireGuardInterface::setArguments(u"wg0"_s, PeerDiff {}).isEmpty());
    }

    void existingInterfaceIsKept()
    {
        FakeTools tools;
        const auto origin = WireGuardInterface(u"fioacme"_s).ensureExists();
        QVERIFY(origin.ok());
        QCOMPARE(*origin, WireGuardInterface::Origin::Existing);
        QCOMPARE(tools.calls(u"ip"_s), QStringList { u"ARGS: link show dev fioacme"_s });
        QVERIFY(tools.calls(u"wireguard-go"_s).isEmpty());
    }

    void kernelInterfaceCreated()
    {
        FakeTools tools;
        tools.answer(u"ip"_s, u"link show"_s, "", 1);
        const auto origin = WireGuardInterface(u"fioacme"_s).ensureExists();
        QVERIFY(origin.ok());
        QCOMPARE(*origin, WireGuardInterface::Origin::Kernel);
        QCOMPARE(tools.calls(u"ip"_s).constLast(), u"ARGS: link add dev fioacme type wireguard"_s);
    }

    void fallsBackToWireguardGo()
    {
        FakeTools tools;
        tools.answer(u"ip"_s, u"link show"_s, "", 1);
        tools.answer(u"ip"_s, u"link add"_s, "Error: Unknown device type.\n", 2);
        const auto origin = WireGuardInterface(u"fioacme"_s).ensureExists();
        QVERIFY2(origin.ok(), qPrintable(origin.ok() ? QString() : origin.error().message));
        QCOMPARE(*origin, WireGuardInterface::Origin::WireguardGo);
        QCOMPARE(tools.calls(u"wireguard-go"_s), QStringList { u"ARGS: fioacme"_s });
    }

    void creationFailureSaysWhy()
    {
        FakeTools tools;
        tools.answer(u"ip"_s, u"link show"_s, "", 1);
        tools.answer(u"ip"_s, u"link add"_s, "", 2);
        tools.answer(u"wireguard-go"_s, u"fioacme"_s, "", 1);
        const auto origin = WireGuardInterface(u"fioacme"_s).ensureExists();
        QVERIFY(!origin.ok());
        QVERIFY2(origin.error().message.contains(u"cannot create WireGuard interface fioacme"_s),
                 qPrintable(origin.error().message));
        QVERIFY(origin.error().message.contains(u"wireguard-go"_s));
    }

    void configureSetsKeyOverStdinOnly()
    {
        FakeTools tools;
        tools.answer(u"wg"_s, u"dump"_s, dumpText(otherPrivate(), otherPublic(), 0));
        tools.answer(u"ip"_s, u"address show"_s, "");
        const auto done = WireGuardInterface(u"fioacme"_s).configure(hubKey(), 5555, hubAddress());
        QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().message));
        const QStringList wg = tools.calls(u"wg"_s);
        QCOMPARE(wg.size(), 2);
        QCOMPARE(wg.at(1),
                 u"ARGS: set fioacme listen-port 5555 private-key /dev/stdin\nSTDIN: "_s
                     + QString::fromLatin1(hubPrivate()));
        // The missing address and the link in one run of ip.
        const QStringList ip = tools.calls(u"ip"_s);
        QCOMPARE(
            ip,
            (QStringList {
                u"ARGS: -o -4 address show dev fioacme"_s,
                u"ARGS: -batch -\nSTDIN: address add 10.42.42.1/24 dev fioacme\nlink set dev fioacme up"_s }));
        // The key is never on a command line.
        for (const QString &call : wg + ip) {
            const QString args = call.section(u'\n', 0, 0);
            QVERIFY(!args.contains(QString::fromLatin1(hubPrivate())));
        }
    }

    void configureLeavesAMatchingInterfaceAlone()
    {
        FakeTools tools;
        tools.answer(u"wg"_s, u"dump"_s, dumpText(hubPrivate(), hubPublic(), 5555));
        tools.answer(u"ip"_s, u"address show"_s, "7: fioacme    inet 10.42.42.1/24 scope global fioacme\n");
        const auto done = WireGuardInterface(u"fioacme"_s).configure(hubKey(), 5555, hubAddress());
        QVERIFY(done.ok());
        QCOMPARE(tools.calls(u"wg"_s), QStringList { u"ARGS: show fioacme dump"_s });
        QCOMPARE(
            tools.calls(u"ip"_s),
            (QStringList { u"ARGS: -o -4 address show dev fioacme"_s, u"ARGS: link set dev fioacme up"_s }));
    }

    void configureChangesOnlyThePort()
    {
        FakeTools tools;
        tools.answer(u"wg"_s, u"dump"_s, dumpText(hubPrivate(), hubPublic(), 6000));
        tools.answer(u"ip"_s, u"address show"_s, "7: fioacme    inet 10.42.42.1/24 scope global fioacme\n");
        QVERIFY(WireGuardInterface(u"fioacme"_s).configure(hubKey(), 5555, hubAddress()).ok());
        QCOMPARE(tools.calls(u"wg"_s).at(1), u"ARGS: set fioacme listen-port 5555"_s);
    }

    void dumpParsesAndReportsFailures()
    {
        FakeTools tools;
        tools.answer(u"wg"_s, u"dump"_s, dumpText(hubPrivate(), hubPublic(), 5555));
        const auto dump = WireGuardInterface(u"fioacme"_s).dump();
        QVERIFY(dump.ok());
        QCOMPARE(dump->listenPort, quint16(5555));
        QCOMPARE(dump->peers.size(), 1);
        QCOMPARE(dump->peers.first().publicKey, testkeys::key(testkeys::A));

        tools.clearAnswers(u"wg"_s);
        tools.answer(u"wg"_s, u"dump"_s, "Unable to access interface: No such device\n", 1);
        const auto failed = WireGuardInterface(u"fioacme"_s).dump();
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.contains(u"exit code 1"_s), qPrintable(failed.error().message));
    }

    void applyRunsWgSet()
    {
        FakeTools tools;
        PeerDiff diff;
        diff.additions = { peer(testkeys::A, u"10.42.42.2"_s) };
        QVERIFY(WireGuardInterface(u"fioacme"_s).apply(diff).ok());
        QCOMPARE(tools.calls(u"wg"_s),
                 QStringList { u"ARGS: set fioacme peer %1 allowed-ips 10.42.42.2/32"_s.arg(testkeys::A) });
        tools.answer(u"wg"_s, u"set"_s, "", 1);
        QVERIFY(!WireGuardInterface(u"fioacme"_s).apply(diff).ok());
    }
};

QTEST_GUILESS_MAIN(TestWireGuardInterface)
#include "tst_wireguardinterface.moc"
