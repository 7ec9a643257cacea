#include "WgDump.h"
#include "WgTestTools.h"

#include <QtTest>

#include <algorithm>

using namespace fvpn;

namespace {

bool isWiped(const QByteArray &bytes)
{
    return std::all_of(bytes.cbegin(), bytes.cend(), [](char c) { return c == 0; });
}

QString describe(const Error &error)
{
    return error.toString();
}

// A network namespace of its own with wireguard-go interfaces in it, and a private
// /run/wireguard so that `wg` only ever sees this test's interfaces. Everything
// is undone in the destructor, also when a check fails halfway.
class WgLab
{
public:
    WgLab()
        : m_namespace(QStringLiteral("fvpn-tst-dump-%1").arg(QCoreApplication::applicationPid()))
    { }

    ~WgLab()
    {
        for (QProcess *process : std::as_const(m_daemons)) {
            process->terminate();
            if (!process->waitForFinished(5000)) {
                process->kill();
                process->waitForFinished(5000);
            }
            delete process;
        }
        if (m_created)
            QProcess::execute(QStringLiteral("ip"),
                              { QStringLiteral("netns"), QStringLiteral("del"), m_namespace });
    }

    WgLab(const WgLab &) = delete;
    WgLab &operator=(const WgLab &) = delete;

    // Why the lab cannot run here, or an empty string.
    QString setUp()
    {
        if (!m_dir.isValid())
            return QStringLiteral("no temporary directory");
        for (const QString &tool :
             { QStringLiteral("ip"), QStringLiteral("wireguard-go"), QStringLiteral("wg") }) {
            if (QStandardPaths::findExecutable(tool).isEmpty())
                return tool + QStringLiteral(" is not installed");
        }
        if (QProcess::execute(QStringLiteral("ip"),
                              { QStringLiteral("netns"), QStringLiteral("add"), m_namespace })
            != 0)
            return QStringLiteral("cannot create a network namespace (not root?)");
        m_created = true;
        QDir().mkpath(runDir());
        if (run({ QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                  QStringLiteral("up") })
                .isNull())
            return QStringLiteral("cannot bring up loopback in the namespace");
        return {};
    }

    bool startInterface(const QString &name)
    {
        auto *process = new QProcess;
        m_daemons.append(process);
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->start(QStringLiteral("ip"),
                       wrapped({ QStringLiteral("wireguard-go"), QStringLiteral("-f"), name }));
        if (!process->waitForStarted())
            return false;
        // wireguard-go is ready once its control socket exists.
        const QString socket = runDir() + u'/' + name + QStringLiteral(".sock");
        for (int i = 0; i < 100 && !QFileInfo::exists(socket); ++i)
            QTest::qWait(50);
        return QFileInfo::exists(socket)
            && !run({ QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), name,
                      QStringLiteral("up") })
                    .isNull();
    }

    // Runs a command inside the namespace; its stdout, or a null QByteArray on failure.
    QByteArray run(const QStringList &command)
    {
        QProcess process;
        process.start(QStringLiteral("ip"), wrapped(command));
        if (!process.waitForFinished(15000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            qWarning("%s failed: %s", qPrintable(command.join(u' ')),
                     process.readAllStandardError().constData());
            return {};
        }
        QByteArray out = process.readAllStandardOutput();
        if (out.isNull())
            out = QByteArray("");
        return out;
    }

    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QString runDir() const { return m_dir.filePath(QStringLiteral("run")); }

    QStringList wrapped(const QStringList &command) const
    {
        return QStringList { QStringLiteral("netns"),
                             QStringLiteral("exec"),
                             m_namespace,
                             QStringLiteral("sh"),
                             QStringLiteral("-c"),
                             QStringLiteral("mount --bind \"$0\" /run/wireguard && exec \"$@\""),
                             runDir() }
        + command;
    }

    QString m_namespace;
    QTemporaryDir m_dir;
    bool m_created = false;
    QList<QProcess *> m_daemons;
};

} // namespace

class TestWgDump : public QObject
{
    Q_OBJECT

private:
    test::WgKeyPair m_self;
    QStringList m_peers;

    QByteArray expand(QString text) const
    {
        text.replace(QStringLiteral("%PRIV"), QString::fromLatin1(m_self.privateKey));
        text.replace(QStringLiteral("%PUB"), m_self.publicKey);
        for (int i = int(m_peers.size()) - 1; i >= 0; --i)
            text.replace(QStringLiteral("%K%1").arg(i), m_peers.at(i));
        return text.toUtf8();
    }

    PublicKey peerKey(int index) const { return PublicKey::fromBase64(m_peers.at(index)).value(); }

private Q_SLOTS:
    void initTestCase()
    {
        if (!test::hasWgTool())
            QSKIP("the wg tool (wireguard-tools) is needed to make real keys");
        m_self = test::generateKeyPair();
        m_peers = test::generatePublicKeys(4);
    }

    void parsesDumpText()
    {
        QByteArray output = expand(
            QStringLiteral("%PRIV\t%PUB\t51820\toff\n"
                           "%K0\t(none)\t203.0.113.9:40001\t10.42.42.2/32\t1700000000\t1024\t2048\t25\n"
                           "%K1\t%K3\t[2001:db8::5]:5555\t10.42.42.3/32,fd00:42::3/128\t0\t0\t0\toff\n"
                           "%K2\t(none)\t(none)\t(none)\t0\t0\t0\toff\n"));
        const Result<WgDump> dump = WgDump::parse(output);
        QVERIFY2(dump.ok(), dump.ok() ? "" : qPrintable(describe(dump.error())));
        QVERIFY(isWiped(output));

        QCOMPARE(dump->publicKey.toBase64(), m_self.publicKey);
        QCOMPARE(dump->listenPort, quint16(51820));
        QCOMPARE(dump->fwmark, quint32(0));
        QCOMPARE(dump->peers.size(), 3);

        const WgDumpPeer &device = dump->peers[0];
        QCOMPARE(device.publicKey, peerKey(0));
        QVERIFY(!device.hasPresharedKey);
        QCOMPARE(device.endpoint->toString(), QStringLiteral("203.0.113.9:40001"));
        QCOMPARE(device.allowedIps.size(), 1);
        QCOMPARE(device.allowedIps[0].toString(), QStringLiteral("10.42.42.2/32"));
        QCOMPARE(device.latestHandshake, qint64(1700000000));
        QCOMPARE(device.rxBytes, quint64(1024));
        QCOMPARE(device.txBytes, quint64(2048));
        QCOMPARE(device.persistentKeepalive, 25);
        QCOMPARE(device.handshakeAge(1700000120), qint64(120));
        QCOMPARE(device.handshakeAge(1699999990), qint64(0)); // clock went back

        const WgDumpPeer &withPsk = dump->peers[1];
        QVERIFY(withPsk.hasPresharedKey);
        QCOMPARE(withPsk.endpoint->host(), QStringLiteral("2001:db8::5"));
        QCOMPARE(withPsk.allowedIps.size(), 2);
        QCOMPARE(withPsk.allowedIps[1].toString(), QStringLiteral("fd00:42::3/128"));
        QCOMPARE(withPsk.persistentKeepalive, 0);
        QCOMPARE(withPsk.handshakeAge(1700000000), qint64(-1));

        const WgDumpPeer &bare = dump->peers[2];
        QVERIFY(!bare.endpoint);
        QVERIFY(bare.allowedIps.isEmpty());

        QCOMPARE(dump->findPeer(peerKey(1))->txBytes, quint64(0));
        QVERIFY(!dump->findPeer(peerKey(3)));
    }

    void interfaceVariants_data()
    {
        QTest::addColumn<QString>("firstLine");
        QTest::addColumn<int>("port");
        QTest::addColumn<quint32>("fwmark");
        QTest::addColumn<bool>("hasPublicKey");

        QTest::newRow("hex fwmark") << QStringLiteral("%PRIV\t%PUB\t5555\t0x1234") << 5555 << quint32(0x1234)
                                    << true;
        QTest::newRow("max fwmark") << QStringLiteral("%PRIV\t%PUB\t5555\t0xffffffff") << 5555
                                    << quint32(0xffffffff) << true;
        QTest::newRow("decimal fwmark") << QStringLiteral("%PRIV\t%PUB\t1\t51") << 1 << quint32(51) << true;
        QTest::newRow("no key yet") << QStringLiteral("(none)\t(none)\t0\toff") << 0 << quint32(0) << false;
        QTest::newRow("only interface, no newline")
            << QStringLiteral("%PRIV\t%PUB\t65535\toff") << 65535 << quint32(0) << true;
    }

    void interfaceVariants()
    {
        QFETCH(QString, firstLine);
        QFETCH(int, port);
        QFETCH(quint32, fwmark);
        QFETCH(bool, hasPublicKey);
        QByteArray output = expand(firstLine);
        const Result<WgDump> dump = WgDump::parse(output);
        QVERIFY2(dump.ok(), dump.ok() ? "" : qPrintable(describe(dump.error())));
        QCOMPARE(int(dump->listenPort), port);
        QCOMPARE(dump->fwmark, fwmark);
        QCOMPARE(!dump->publicKey.isNull(), hasPublicKey);
        QVERIFY(dump->peers.isEmpty());
    }

    void scopedEndpoint()
    {
        QByteArray output
            = expand(QStringLiteral("%PRIV\t%PUB\t51820\toff\n"
                                    "%K0\t(none)\t[fe80::1%eth0]:51820\t10.42.42.2/32\t0\t0\t0\toff\n"));
        const Result<WgDump> dump = WgDump::parse(output);
        QVERIFY2(dump.ok(), dump.ok() ? "" : qPrintable(describe(dump.error())));
        QCOMPARE(dump->peers[0].endpoint->toString(), QStringLiteral("[fe80::1]:51820"));
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("messagePart");

        const QString head = QStringLiteral("%PRIV\t%PUB\t51820\toff\n");
        const QString good = QStringLiteral("%K0\t(none)\t(none)\t10.42.42.2/32\t0\t0\t0\toff\n");

        QTest::newRow("all dump") << QStringLiteral("wg0\t%PRIV\t%PUB\t51820\toff\n") << 1
                                  << QStringLiteral("'wg show all dump'");
        QTest::newRow("interface fields")
            << QStringLiteral("%PRIV\t%PUB\t51820\n") << 1 << QStringLiteral("has 3 fields; expected 4");
        QTest::newRow("spaces not tabs")
            << QStringLiteral("%PRIV %PUB 51820 off\n") << 1 << QStringLiteral("has 1 fields");
        QTest::newRow("bad public key") << QStringLiteral("%PRIV\tnot-a-key\t51820\toff\n") << 1
                                        << QStringLiteral("'not-a-key' is not a valid WireGuard public key");
        QTest::newRow("port too big") << QStringLiteral("%PRIV\t%PUB\t65536\toff\n") << 1
                                      << QStringLiteral("'65536' is not a port number");
        QTest::newRow("port negative")
            << QStringLiteral("%PRIV\t%PUB\t-1\toff\n") << 1 << QStringLiteral("not a port number");
        QTest::newRow("fwmark words")
            << QStringLiteral("%PRIV\t%PUB\t1\ton\n") << 1 << QStringLiteral("fwmark");
        QTest::newRow("fwmark too big")
            << QStringLiteral("%PRIV\t%PUB\t1\t0x100000000\n") << 1 << QStringLiteral("fwmark");
        QTest::newRow("fwmark bad hex")
            << QStringLiteral("%PRIV\t%PUB\t1\t0xzz\n") << 1 << QStringLiteral("fwmark");
        QTest::newRow("peer fields") << head + QStringLiteral("%K0\t(none)\t(none)\n") << 2
                                     << QStringLiteral("the peer line has 3 fields; expected 8");
        QTest::newRow("empty peer line")
            << head + QStringLiteral("\n") + good << 2 << QStringLiteral("has 1 fields");
        QTest::newRow("bad peer key")
            << head + good + QStringLiteral("abc\t(none)\t(none)\t(none)\t0\t0\t0\toff\n") << 3
            << QStringLiteral("'abc' is not a valid WireGuard public key");
        QTest::newRow("duplicate peer")
            << head + good + good << 3 << QStringLiteral("is already listed on line 2");
        QTest::newRow("empty psk field") << head + QStringLiteral("%K0\t\t(none)\t(none)\t0\t0\t0\toff\n")
                                         << 2 << QStringLiteral("preshared key field is empty");
        QTest::newRow("bad endpoint") << head + QStringLiteral("%K0\t(none)\tnowhere\t(none)\t0\t0\t0\toff\n")
                                      << 2 << QStringLiteral("endpoint: ");
        QTest::newRow("bad allowed ip")
            << head + QStringLiteral("%K0\t(none)\t(none)\t10.0.0.0/33\t0\t0\t0\toff\n") << 2
            << QStringLiteral("allowed IPs: ");
        QTest::newRow("allowed ips with space")
            << head + QStringLiteral("%K0\t(none)\t(none)\t10.0.0.1/32, 10.0.0.2/32\t0\t0\t0\toff\n") << 2
            << QStringLiteral("allowed IPs: ");
        QTest::newRow("handshake negative")
            << head + QStringLiteral("%K0\t(none)\t(none)\t(none)\t-1\t0\t0\toff\n") << 2
            << QStringLiteral("'-1' is not a handshake time");
        QTest::newRow("handshake overflow")
            << head + QStringLiteral("%K0\t(none)\t(none)\t(none)\t99999999999999999999\t0\t0\toff\n") << 2
            << QStringLiteral("handshake time");
        QTest::newRow("rx words") << head + QStringLiteral("%K0\t(none)\t(none)\t(none)\t0\tlots\t0\toff\n")
                                  << 2 << QStringLiteral("byte counts");
        QTest::newRow("tx overflow") << head
                + QStringLiteral("%K0\t(none)\t(none)\t(none)\t0\t0\t18446744073709551616\toff\n")
                                     << 2 << QStringLiteral("byte counts");
        QTest::newRow("keepalive words")
            << head + QStringLiteral("%K0\t(none)\t(none)\t(none)\t0\t0\t0\tsometimes\n") << 2
            << QStringLiteral("keepalive");
        QTest::newRow("keepalive too big")
            << head + QStringLiteral("%K0\t(none)\t(none)\t(none)\t0\t0\t0\t65536\n") << 2
            << QStringLiteral("keepalive");
    }

    void badInput()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, messagePart);
        QByteArray output = expand(text);
        const Result<WgDump> dump = WgDump::parse(output);
        QVERIFY(!dump.ok());
        QCOMPARE(dump.error().code, ErrorCode::InvalidInput);
        QCOMPARE(dump.error().message, QStringLiteral("the output of 'wg show dump' has 1 error"));
        QVERIFY2(dump.error().lineErrors.size() == 1, qPrintable(describe(dump.error())));
        QCOMPARE(dump.error().lineErrors[0].line, line);
        QVERIFY2(dump.error().lineErrors[0].message.contains(messagePart),
                 qPrintable(dump.error().lineErrors[0].message));
        // Wiped on failure too, and the private key is never part of a message.
        QVERIFY(isWiped(output));
        QVERIFY(!describe(dump.error()).contains(QString::fromLatin1(m_self.privateKey)));
        QVERIFY(!describe(dump.error()).contains(QString::fromLatin1(m_self.privateKey.left(16))));
    }

    void emptyOutput()
    {
        QByteArray output;
        QVERIFY(!WgDump::parse(output).ok());
        QByteArray newline("\n");
        QVERIFY(!WgDump::parse(newline).ok());
    }

    void handshakeAge()
    {
        WgDumpPeer peer;
        QCOMPARE(peer.handshakeAge(1700000000), qint64(-1));
        peer.latestHandshake = 1700000000;
        QCOMPARE(peer.handshakeAge(1700000000), qint64(0));
        QCOMPARE(peer.handshakeAge(1700000181), qint64(181));
    }

    // The real thing: two wireguard-go interfaces in a namespace of our own shake
    // hands over loopback, and `wg show dump` is read while they do.
    void realWireguardDump()
    {
        WgLab lab;
        if (const QString why = lab.setUp(); !why.isEmpty())
            QSKIP(qPrintable(QStringLiteral("no WireGuard lab here: ") + why));

        const test::WgKeyPair other = test::generateKeyPair();
        QFile ownKey(lab.filePath(QStringLiteral("wg0.key")));
        QFile otherKey(lab.filePath(QStringLiteral("wg1.key")));
        QFile psk(lab.filePath(QStringLiteral("psk")));
        for (const auto &[file, content] :
             { std::pair { &ownKey, m_self.privateKey }, std::pair { &otherKey, other.privateKey },
               std::pair { &psk, test::runWg({ QStringLiteral("genpsk") }) } }) {
            QVERIFY(file->open(QIODevice::WriteOnly));
            file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            file->write(content + '\n');
            file->close();
        }

        QVERIFY(lab.startInterface(QStringLiteral("wg0")));
        QVERIFY(lab.startInterface(QStringLiteral("wg1")));
        QVERIFY(!lab.run({ QStringLiteral("wg"),
                           QStringLiteral("set"),
                           QStringLiteral("wg0"),
                           QStringLiteral("private-key"),
                           ownKey.fileName(),
                           QStringLiteral("listen-port"),
                           QStringLiteral("51820"),
                           QStringLiteral("fwmark"),
                           QStringLiteral("0x2a"),
                           QStringLiteral("peer"),
                           other.publicKey,
                           QStringLiteral("endpoint"),
                           QStringLiteral("127.0.0.1:51821"),
                           QStringLiteral("allowed-ips"),
                           QStringLiteral("10.99.0.2/32"),
                           QStringLiteral("persistent-keepalive"),
                           QStringLiteral("1"),
                           QStringLiteral("peer"),
                           m_peers[0],
                           QStringLiteral("preshared-key"),
                           psk.fileName(),
                           QStringLiteral("endpoint"),
                           QStringLiteral("[2001:db8::9]:5555"),
                           QStringLiteral("allowed-ips"),
                           QStringLiteral("10.99.1.0/24,fd00:99::/64"),
                           QStringLiteral("peer"),
                           m_peers[1] })
                     .isNull());
        QVERIFY(!lab.run({ QStringLiteral("wg"), QStringLiteral("set"), QStringLiteral("wg1"),
                           QStringLiteral("private-key"), otherKey.fileName(), QStringLiteral("listen-port"),
                           QStringLiteral("51821"), QStringLiteral("peer"), m_self.publicKey,
                           QStringLiteral("endpoint"), QStringLiteral("127.0.0.1:51820"),
                           QStringLiteral("allowed-ips"), QStringLiteral("10.99.0.1/32") })
                     .isNull());

        // The keepalive makes wg0 start a handshake; wait (bounded) until it is done.
        const QByteArray otherKeyText = other.publicKey.toLatin1();
        const auto handshakeDone = [&lab, &otherKeyText] {
            const QByteArray out = lab.run({ QStringLiteral("wg"), QStringLiteral("show"),
                                             QStringLiteral("wg0"), QStringLiteral("latest-handshakes") });
            for (const QByteArray &line : out.split('\n')) {
                if (line.startsWith(otherKeyText))
                    return line.contains('\t') && !line.endsWith("\t0");
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(handshakeDone(), 20000);

        QByteArray output = lab.run(
            { QStringLiteral("wg"), QStringLiteral("show"), QStringLiteral("wg0"), QStringLiteral("dump") });
        QVERIFY(!output.isEmpty());
        QVERIFY(output.contains(m_self.privateKey)); // what wg prints really holds it
        const QByteArray copyForChecks
            = QByteArray(output.constData(), output.size()).replace(m_self.privateKey, "");

        const Result<WgDump> dump = WgDump::parse(output);
        QVERIFY2(dump.ok(),
                 dump.ok() ? ""
                           : qPrintable(describe(dump.error()) + u'\n' + QString::fromUtf8(copyForChecks)));
        QVERIFY(isWiped(output));

        QCOMPARE(dump->publicKey.toBase64(), m_self.publicKey);
        QCOMPARE(dump->listenPort, quint16(51820));
        QCOMPARE(dump->fwmark, quint32(0x2a));
        QCOMPARE(dump->peers.size(), 3);

        const std::optional<WgDumpPeer> live = dump->findPeer(PublicKey::fromBase64(other.publicKey).value());
        QVERIFY(live);
        QVERIFY(!live->hasPresharedKey);
        QCOMPARE(live->endpoint->toString(), QStringLiteral("127.0.0.1:51821"));
        QCOMPARE(live->allowedIps.size(), 1);
        QCOMPARE(live->allowedIps[0].toString(), QStringLiteral("10.99.0.2/32"));
        QVERIFY(live->latestHandshake > 0);
        QVERIFY(live->rxBytes > 0);
        QVERIFY(live->txBytes > 0);
        QCOMPARE(live->persistentKeepalive, 1);
        QVERIFY(live->handshakeAge(QDateTime::currentSecsSinceEpoch()) >= 0);

        const std::optional<WgDumpPeer> configured = dump->findPeer(peerKey(0));
        QVERIFY(configured);
        QVERIFY(configured->hasPresharedKey);
        QCOMPARE(configured->endpoint->toString(), QStringLiteral("[2001:db8::9]:5555"));
        QCOMPARE(configured->allowedIps.size(), 2);
        QCOMPARE(configured->allowedIps[0].toString(), QStringLiteral("10.99.1.0/24"));
        QCOMPARE(configured->allowedIps[1].toString(), QStringLiteral("fd00:99::/64"));
        QCOMPARE(configured->latestHandshake, qint64(0));
        QCOMPARE(configured->handshakeAge(QDateTime::currentSecsSinceEpoch()), qint64(-1));
        QCOMPARE(configured->persistentKeepalive, 0);

        const std::optional<WgDumpPeer> bare = dump->findPeer(peerKey(1));
        QVERIFY(bare);
        QVERIFY(!bare->endpoint);
        QVERIFY(bare->allowedIps.isEmpty());
        QVERIFY(!bare->hasPresharedKey);
    }
};

QTEST_GUILESS_MAIN(TestWgDump)
#include "tst_wgdump.moc"
