// factory-vpn-ctl as an admin or a script runs it: the real binary against the
// real factory-vpn-hub process (static inventory, stand-ins for wg/ip/nft through
// the FVPN_* overrides, tests/hubapi/HubProcess). What the command says must be
// what the hub did — on disk, on the interface, and in the engineer's poll.
#include "CtlRunner.h"
#include "HubProcess.h"
#include "TestKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestCtl : public QObject
{
    Q_OBJECT

    std::unique_ptr<HubProcess> m_hub;
    QTemporaryDir m_files;
    PublicKey m_deviceKey;

    // Runs factory-vpn-ctl; `token` goes in $FACTORY_VPN_TOKEN unless null.
    CtlRun ctl(const QStringList &arguments, const QString &token, const QString &url = {},
               const QByteArray &input = {})
    {
        return CtlRunner(m_hub.get()).run(arguments, token, url, input);
    }
    CtlRun ctl(const QStringList &arguments) { return ctl(arguments, m_hub->token()); }

    using Registration = HubProcess::Registration;
    Registration registerEngineer(const QString &name) { return m_hub->registerEngineer(name); }
    QJsonObject poll(const Registration &r) { return m_hub->poll(r); }
    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_files.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return {};
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        m_hub = std::make_unique<HubProcess>();
        m_deviceKey = randomPublicKey();
        m_hub->setDevice(u"press-07"_s, m_deviceKey.toBase64(), u"10.42.42.7"_s);
        QVERIFY2(m_hub->start(), qPrintable(m_hub->log()));
    }

    void cleanupTestCase() { m_hub.reset(); }

    void helpListsTheCommands()
    {
        const CtlRun run = ctl({ u"--help"_s }, QString());
        QCOMPARE(run.exitCode, 0);
        for (const char *command :
             { "devices",
               "clients",
               "requests",
               "approve REQUEST_ID",
               "reject REQUEST_ID",
               "revoke PUBLIC_KEY",
               "settings",
               "device-to-device on|off",
               "pool",
               "audit",
               "clients-file get",
               "clients-file put FILE",
               "enrollment",
               "invites",
               "invite create [--uses N] [--valid-hours H] [--pre-approved] [--note TEXT]",
               "invite revoke INVITE_ID",
               "tokens",
               "token revoke TOKEN_ID",
               "--token-file",
               "--json",
               "--pin",
               "FACTORY_VPN_TOKEN",
               "ps" })
            QVERIFY2(run.out.contains(command), command);
        QVERIFY(!run.out.contains("--token <"));
    }

    void devicesAsTableAndJson()
    {
        // The hub reads its inventory shortly after start.
        CtlRun json;
        for (int attempt = 0; attempt < 40; ++attempt) {
            json = ctl({ u"devices"_s, u"--json"_s });
            QVERIFY2(json.exitCode == 0, json.describe().constData());
            if (!json.json().value(u"devices").toArray().isEmpty())
                break;
            QTest::qWait(250);
        }
        const QJsonArray devices = json.json().value(u"devices").toArray();
        QCOMPARE(devices.size(), 1);
        const QJsonObject device = devices.first().toObject();
        QCOMPARE(device.value(u"name").toString(), u"press-07"_s);
        QCOMPARE(device.value(u"public_key").toString(), m_deviceKey.toBase64());
        QCOMPARE(device.value(u"address").toString(), u"10.42.42.7"_s);
        QVERIFY(device.contains(u"state"));

        const CtlRun table = ctl({ u"devices"_s });
        QVERIFY2(table.exitCode == 0, table.describe().constData());
        const QList<QByteArray> lines = table.out.split('\n');
        QVERIFY2(lines.size() >= 2 && lines[0].startsWith("NAME"), table.out.constData());
        QVERIFY(lines[0].contains("ADDRESS") && lines[0].contains("HANDSHAKE"));
        QVERIFY(lines[1].startsWith("press-07"));
        QVERIFY(lines[1].contains("10.42.42.7") && lines[1].contains(m_deviceKey.fingerprint().toLatin1()));
        // Columns line up: the address starts where its header does.
        QCOMPARE(lines[1].indexOf("10.42.42.7"), lines[0].indexOf("ADDRESS"));
    }

    void poolAndSettings()
    {
        const CtlRun pool = ctl({ u"pool"_s, u"--json"_s });
        QVERIFY2(pool.exitCode == 0, pool.describe().constData());
        QCOMPARE(pool.json().value(u"subnet").toString(), u"10.42.42.0/24"_s);
        QCOMPARE(pool.json().value(u"hub_address").toString(), u"10.42.42.1"_s);
        const CtlRun table = ctl({ u"pool"_s });
        QVERIFY(table.out.contains("10.42.42.0/24"));
    }

    void approveReachesDiskInterfaceAndPoll()
    {
        const Registration erin = registerEngineer(u"Erin Engineer"_s);
        QVERIFY(!erin.id.isEmpty());
        const CtlRun listed = ctl({ u"requests"_s });
        QVERIFY2(listed.exitCode == 0, listed.describe().constData());
        QVERIFY2(listed.out.contains(erin.id.toLatin1()) && listed.out.contains("erin-engineer-laptop"),
                 listed.out.constData());
        const CtlRun json = ctl({ u"requests"_s, u"--json"_s });
        bool found = false;
        const QJsonArray requests = json.json().value(u"requests").toArray();
        for (const QJsonValue &r : requests) {
            if (r.toObject().value(u"id").toString() == erin.id) {
                found = true;
                QCOMPARE(r.toObject().value(u"status").toString(), u"pending"_s);
                QCOMPARE(r.toObject().value(u"public_key").toString(), erin.key.toBase64());
            }
        }
        QVERIFY(found);

        // The device's address: the hub refuses, nothing changes.
        const CtlRun taken = ctl({ u"approve"_s, erin.id, u"--address"_s, u"10.42.42.7"_s });
        QCOMPARE(taken.exitCode, 1);
        QVERIFY2(taken.err.contains("press-07"), taken.err.constData());
        QVERIFY(!m_hub->clientsFileBytes().contains(erin.key.toBase64().toLatin1()));

        const CtlRun approved = ctl({ u"approve"_s, erin.id, u"--address"_s, u"10.42.42.60"_s });
        QVERIFY2(approved.exitCode == 0, approved.describe().constData());
        QVERIFY(approved.out.contains("10.42.42.60"));
        QVERIFY2(
            m_hub->clientsFileBytes().contains(QByteArray(erin.key.toBase64().toLatin1() + " 10.42.42.60")),
            m_hub->clientsFileBytes().constData());
        QVERIFY(m_hub->interfacePeers().contains(erin.key.toBase64() + u" 10.42.42.60/32"_s));
        const QJsonObject polled = poll(erin);
        QCOMPARE(polled.value(u"status").toString(), u"approved"_s);
        QCOMPARE(polled.value(u"config").toObject().value(u"address").toString(), u"10.42.42.60"_s);

        // Listed as a client; no longer pending.
        const CtlRun clients = ctl({ u"clients"_s, u"--json"_s });
        QVERIFY(QJsonDocument(clients.json()).toJson().contains(erin.key.toBase64().toLatin1()));
        QVERIFY(!ctl({ u"requests"_s }).out.contains(erin.id.toLatin1()));
        const CtlRun table = ctl({ u"clients"_s });
        QVERIFY2(table.out.contains(erin.key.fingerprint().toLatin1()) && table.out.contains("10.42.42.60")
                     && table.out.contains("token:process-test"),
                 table.out.constData());

        const CtlRun audit = ctl({ u"audit"_s, u"--action"_s, u"request.approve"_s, u"--json"_s });
        QVERIFY2(audit.exitCode == 0, audit.describe().constData());
        const QJsonArray entries = audit.json().value(u"entries").toArray();
        QVERIFY(!entries.isEmpty());
        for (const QJsonValue &e : entries)
            QCOMPARE(e.toObject().value(u"action").toString(), u"request.approve"_s);
        QCOMPARE(entries.first().toObject().value(u"target").toString(), erin.id);
        QVERIFY(ctl({ u"audit"_s, u"--limit"_s, u"5"_s }).out.contains("request.approve"));
    }

    void rejectShowsOnTheEngineersPoll()
    {
        const Registration mal = registerEngineer(u"Mal Lory"_s);
        const CtlRun rejected
            = ctl({ u"reject"_s, mal.id, u"--reason"_s, u"please register from your work laptop"_s });
        QVERIFY2(rejected.exitCode == 0, rejected.describe().constData());
        const QJsonObject polled = poll(mal);
        QCOMPARE(polled.value(u"status").toString(), u"rejected"_s);
        QCOMPARE(polled.value(u"reason").toString(), u"please register from your work laptop"_s);
        // Deciding twice is the hub's refusal, not a usage error.
        QCOMPARE(ctl({ u"reject"_s, mal.id, u"--reason"_s, u"again"_s }).exitCode, 1);
    }

    void revokeTakesThePeerOff()
    {
        const Registration rob = registerEngineer(u"Rob Revoked"_s);
        QCOMPARE(ctl({ u"approve"_s, rob.id }).exitCode, 0);
        QVERIFY(m_hub->clientsFileBytes().contains(rob.key.toBase64().toLatin1()));
        const CtlRun revoked = ctl({ u"revoke"_s, rob.key.toBase64(), u"--reason"_s, u"lost laptop"_s });
        QVERIFY2(revoked.exitCode == 0, revoked.describe().constData());
        QVERIFY(!m_hub->clientsFileBytes().contains(rob.key.toBase64().toLatin1()));
        for (const QString &peer : m_hub->interfacePeers())
            QVERIFY(!peer.startsWith(rob.key.toBase64()));
        QCOMPARE(poll(rob).value(u"status").toString(), u"revoked"_s);
        // Again: no such client any more.
        const CtlRun again = ctl({ u"revoke"_s, rob.key.toBase64() });
        QCOMPARE(again.exitCode, 1);
        QVERIFY(!again.err.isEmpty());
    }

    void deviceToDeviceToggles()
    {
        const HeaderList auth { { "Authorization", "Bearer " + m_hub->token().toLatin1() } };
        for (const QString &mode : { u"on"_s, u"off"_s, u"on"_s, u"off"_s }) {
            const CtlRun set = ctl({ u"device-to-device"_s, mode });
            QVERIFY2(set.exitCode == 0, set.describe().constData());
            QVERIFY(set.out.contains(mode.toLatin1()));
            const bool on = mode == u"on";
            QCOMPARE(m_hub->send(true, "GET", u"/api/v1/settings"_s, {}, auth)
                         .json()
                         .value(u"device_to_device")
                         .toBool(),
                     on);
            // Through a token file this time.
            const QString tokenFile = writeFile(u"token"_s, m_hub->token().toLatin1() + '\n');
            const CtlRun read = ctl({ u"settings"_s, u"--json"_s, u"--token-file"_s, tokenFile }, QString());
            QVERIFY2(read.exitCode == 0, read.describe().constData());
            QCOMPARE(read.json().value(u"device_to_device").toBool(), on);
        }
    }

    void clientsFileRoundTrip()
    {
        const CtlRun got = ctl({ u"clients-file"_s, u"get"_s });
        QVERIFY2(got.exitCode == 0, got.describe().constData());
        QCOMPARE(got.out, m_hub->clientsFileBytes());
        QVERIFY2(got.err.startsWith("ETag: \""), got.err.constData());
        const CtlRun json = ctl({ u"clients-file"_s, u"get"_s, u"--json"_s });
        const QString etag = json.json().value(u"etag").toString();
        QVERIFY(etag.startsWith(u'"'));
        QCOMPARE(json.json().value(u"content").toString().toUtf8(), m_hub->clientsFileBytes());

        const PublicKey added = randomPublicKey();
        const QByteArray edited = got.out + added.toBase64().toLatin1() + " 10.42.42.70 hand-added\n";
        const CtlRun put = ctl(
            { u"clients-file"_s, u"put"_s, writeFile(u"edited.conf"_s, edited), u"--if-match"_s, etag });
        QVERIFY2(put.exitCode == 0, put.describe().constData());
        QCOMPARE(m_hub->clientsFileBytes(), edited);
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->interfacePeers().contains(added.toBase64() + u" 10.42.42.70/32"_s),
                                 15000);

        // The same ETag again is stale now: refused, file unchanged.
        const QByteArray other = got.out + randomPublicKey().toBase64().toLatin1() + " 10.42.42.71 late\n";
        const CtlRun stale
            = ctl({ u"clients-file"_s, u"put"_s, writeFile(u"stale.conf"_s, other), u"--if-match"_s, etag });
        QCOMPARE(stale.exitCode, 1);
        QVERIFY2(stale.err.contains("conflict") && stale.err.contains("nothing was written"),
                 stale.err.constData());
        QCOMPARE(m_hub->clientsFileBytes(), edited);

        // A bad line: the hub's line errors, file unchanged.
        const QString current
            = ctl({ u"clients-file"_s, u"get"_s, u"--json"_s }).json().value(u"etag").toString();
        const QByteArray bad = "# engineers\nnot-a-key 10.42.42.72 broken\n";
        const CtlRun refused
            = ctl({ u"clients-file"_s, u"put"_s, writeFile(u"bad.conf"_s, bad), u"--if-match"_s, current });
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("line 2: "), refused.err.constData());
        QCOMPARE(m_hub->clientsFileBytes(), edited);

        // From stdin, with the ETag pasted without its quotes.
        const QByteArray piped = edited + "# piped\n";
        const QString unquoted = current.mid(1, current.size() - 2);
        const CtlRun fromStdin
            = ctl({ u"clients-file"_s, u"put"_s, u"-"_s, u"--if-match"_s, unquoted, u"--json"_s },
                  m_hub->token(), {}, piped);
        QVERIFY2(fromStdin.exitCode == 0, fromStdin.describe().constData());
        QVERIFY(fromStdin.json().value(u"etag").toString().startsWith(u'"'));
        QCOMPARE(m_hub->clientsFileBytes(), piped);
    }

    void oversizedFileIsNotSent()
    {
        QTcpServer sink;
        QVERIFY(sink.listen(QHostAddress::LocalHost));
        const QString big = writeFile(u"big.conf"_s, QByteArray(1024 * 1024 + 1, '#'));
        const CtlRun run = ctl({ u"clients-file"_s, u"put"_s, big }, m_hub->token(),
                               u"http://127.0.0.1:%1"_s.arg(sink.serverPort()));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("larger than 1 MiB"), run.err.constData());
        QVERIFY(!sink.waitForNewConnection(0));
    }

    void wrongTokenIsRefusedWithoutEchoingIt()
    {
        const QString wrong = u"fvpn-wrong-token-5f1e2d3c4b5a"_s;
        const CtlRun viaEnv = ctl({ u"devices"_s }, wrong);
        QCOMPARE(viaEnv.exitCode, 1);
        QVERIFY2(viaEnv.err.contains("did not accept the admin token"), viaEnv.err.constData());
        QVERIFY(!viaEnv.err.contains(wrong.toLatin1()) && !viaEnv.out.contains(wrong.toLatin1()));

        const CtlRun viaFile
            = ctl({ u"settings"_s, u"--token-file"_s, writeFile(u"wrong"_s, wrong.toLatin1()) }, QString());
        QCOMPARE(viaFile.exitCode, 1);
        QVERIFY(!viaFile.err.contains(wrong.toLatin1()));
        // The real token never shows either, even on a failure.
        const CtlRun failed = ctl({ u"revoke"_s, randomPublicKey().toBase64() });
        QCOMPARE(failed.exitCode, 1);
        QVERIFY(!failed.err.contains(m_hub->token().toLatin1()));
    }

    void pinnedHttps()
    {
        // The public listener speaks TLS (and refuses admin paths with 404): enough to
        // tell "the pin let us through" from "the pin cut us off".
        const QString url = u"https://127.0.0.1:%1"_s.arg(m_hub->publicPort());
        const CtlRun pinned = ctl({ u"devices"_s, u"--pin"_s, m_hub->fingerprintHex() }, m_hub->token(), url);
        QCOMPARE(pinned.exitCode, 1);
        QVERIFY2(!pinned.err.contains("pinned") && !pinned.err.contains("certificate"),
                 pinned.err.constData());
        QString wrongPin = m_hub->fingerprintHex();
        wrongPin[0] = wrongPin[0] == u'0' ? u'1' : u'0';
        const CtlRun cutOff = ctl({ u"devices"_s, u"--pin"_s, wrongPin }, m_hub->token(), url);
        QCOMPARE(cutOff.exitCode, 1);
        QVERIFY2(cutOff.err.contains("certificate") && cutOff.err.contains("--pin"), cutOff.err.constData());
    }

    void usageErrorsSendNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("withToken");
        QTest::addColumn<QString>("says");
        const QString id = u"0123456789abcdef0123456789abcdef"_s;
        const QString key = randomPublicKey().toBase64();
        QTest::newRow("no command") << QStringList {} << true << u"no command"_s;
        QTest::newRow("unknown command") << QStringList { u"frobnicate"_s } << true << u"unknown command"_s;
        QTest::newRow("unknown option") << QStringList { u"devices"_s, u"--frob"_s } << true << u"frob"_s;
        QTest::newRow("--token is not an option")
            << QStringList { u"devices"_s, u"--token"_s, u"abcdefgh12345"_s } << true
            << u"no --token option"_s;
        QTest::newRow("--token=") << QStringList { u"devices"_s, u"--token=abcdefgh12345"_s } << true
                                  << u"--token-file"_s;
        QTest::newRow("missing token") << QStringList { u"devices"_s } << false << u"--token-file"_s;
        QTest::newRow("token file missing")
            << QStringList { u"devices"_s, u"--token-file"_s, u"/nonexistent/token"_s } << false
            << u"cannot read"_s;
        QTest::newRow("revoke malformed key")
            << QStringList { u"revoke"_s, u"not-a-key"_s } << true << u"public key"_s;
        QTest::newRow("revoke url-safe key")
            << QStringList { u"revoke"_s,
                             QString(key).replace(u'+', u'-').replace(u'/', u'_').replace(0, 1, u"_"_s) }
            << true << u"public key"_s;
        QTest::newRow("revoke without key") << QStringList { u"revoke"_s } << true << u"usage"_s;
        QTest::newRow("revoke reason with newline")
            << QStringList { u"revoke"_s, key, u"--reason"_s, u"a\nb"_s } << true << u"control"_s;
        QTest::newRow("approve bad id")
            << QStringList { u"approve"_s, u"../settings"_s } << true << u"request id"_s;
        QTest::newRow("approve bad address")
            << QStringList { u"approve"_s, id, u"--address"_s, u"10.42.42.300"_s } << true << u"--address"_s;
        QTest::newRow("approve two ids") << QStringList { u"approve"_s, id, id } << true << u"usage"_s;
        QTest::newRow("reject without reason") << QStringList { u"reject"_s, id } << true << u"--reason"_s;
        QTest::newRow("option of another command")
            << QStringList { u"devices"_s, u"--address"_s, u"10.42.42.9"_s } << true << u"does not apply"_s;
        QTest::newRow("device-to-device maybe")
            << QStringList { u"device-to-device"_s, u"maybe"_s } << true << u"'on' or 'off'"_s;
        QTest::newRow("audit limit 0")
            << QStringList { u"audit"_s, u"--limit"_s, u"0"_s } << true << u"--limit"_s;
        QTest::newRow("requests bad status")
            << QStringList { u"requests"_s, u"--status"_s, u"old"_s } << true << u"--status"_s;
        QTest::newRow("clients-file alone") << QStringList { u"clients-file"_s } << true << u"get"_s;
        QTest::newRow("clients-file put no file")
            << QStringList { u"clients-file"_s, u"put"_s } << true << u"usage"_s;
        QTest::newRow("bad pin") << QStringList { u"devices"_s, u"--pin"_s, u"abc"_s } << true << u"pin"_s;
    }

    void usageErrorsSendNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, withToken);
        QFETCH(QString, says);
        // A listener standing in for the hub: any connection to it means something was sent.
        QTcpServer sink;
        QVERIFY(sink.listen(QHostAddress::LocalHost));
        const QString url = u"http://127.0.0.1:%1"_s.arg(sink.serverPort());
        const CtlRun run = ctl(arguments, withToken ? m_hub->token() : QString(), url);
        QVERIFY2(run.exitCode == 2, run.describe().constData());
        QVERIFY2(run.err.contains(says.toUtf8()), run.err.constData());
        QVERIFY(run.out.isEmpty());
        QVERIFY(!sink.waitForNewConnection(0));
        QVERIFY(!run.err.contains(m_hub->token().toLatin1()) && !run.err.contains("abcdefgh12345"));
    }

    void theSinkSeesAValidCommand()
    {
        // The control for the test above: a valid command does reach the stand-in,
        // which never answers, so it ends as "not reachable" (exit 1), not usage.
        QTcpServer sink;
        QVERIFY(sink.listen(QHostAddress::LocalHost));
        const CtlRun run = ctl({ u"devices"_s, u"--timeout"_s, u"1"_s }, m_hub->token(),
                               u"http://127.0.0.1:%1"_s.arg(sink.serverPort()));
        QVERIFY2(run.exitCode == 1, run.describe().constData());
        QVERIFY2(run.err.contains("no answer"), run.err.constData());
        QVERIFY(sink.waitForNewConnection(0));
    }
};

QTEST_GUILESS_MAIN(TestCtl)
#include "tst_ctl.moc"
