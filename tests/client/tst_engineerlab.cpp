#include "AsyncWait.h"
#include "Diagnostics.h"
#include "EngineerSession.h"
#include "FakeHub.h"
#include "HubLink.h"
#include "KeyManager.h"
#include "RegistrationTracker.h"
#include "SecretStore.h"
#include "TunnelBackend.h"
#include "WgQuickBackend.h"

#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QUuid>
#include <QtTest>

#include <sys/stat.h>

using namespace fvpn;
using namespace fvpn::test;
using namespace std::chrono_literals;

// The engineer's whole journey over a real WireGuard tunnel: a key in a real
// keyring, registration with a (fake, TLS) hub, approval, `wg-quick up` in a
// network namespace, handshakes with a wireguard-go hub, ping through the
// tunnel, staleness and disconnection. Run through tests/client/wg-lab.sh and
// tests/keyring-session.sh.
namespace {

constexpr auto Interface = "fvtest0";

QString labVariable(const char *name)
{
    return qEnvironmentVariable(name);
}

// Runs a command through one of the lab's namespace wrappers and waits.
int runIn(const QString &wrapper, const QStringList &command, QByteArray *output = nullptr)
{
    QProcess process;
    process.start(wrapper, command);
    if (!process.waitForFinished(60000))
        return -1;
    if (output)
        *output = process.readAllStandardOutput();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

QJsonObject labTunnel()
{
    return QJsonObject {
        { QStringLiteral("address"), QStringLiteral("10.42.42.7/32") },
        { QStringLiteral("hub_address"), labVariable("FVPN_LAB_HUB_ADDRESS") },
        { QStringLiteral("hub_public_key"), labVariable("FVPN_LAB_HUB_PUBLIC_KEY") },
        { QStringLiteral("endpoint"), labVariable("FVPN_LAB_HUB_ENDPOINT") },
        { QStringLiteral("allowed_ips"), QJsonArray { QStringLiteral("10.42.42.0/24") } },
        { QStringLiteral("persistent_keepalive"), 1 },
    };
}

bool interfaceExistsInEngineerNamespace()
{
    return runIn(labVariable("FVPN_LAB_ENGINEER_EXEC"),
                 { QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("show"),
                   QString::fromLatin1(Interface) })
        == 0;
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System);
}

} // namespace

class TestEngineerLab : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_scratch;
    QString m_runtimeDir;

    ToolRunner engineerTools() const
    {
        return ToolRunner::withPrefix({ labVariable("FVPN_LAB_ENGINEER_EXEC") });
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (labVariable("FVPN_LAB_ENGINEER_EXEC").isEmpty())
            QFAIL("run this test through tests/client/wg-lab.sh (ctest does)");
        QVERIFY(m_scratch.isValid());
        m_runtimeDir = m_scratch.filePath(QStringLiteral("run"));
        QVERIFY(::mkdir(QFile::encodeName(m_runtimeDir).constData(), 0700) == 0);
    }

    void wholeJourneyOverARealTunnel()
    {
        const TlsIdentity identity = makeTlsIdentity();
        FakeHub hub(identity);
        QVERIFY(hub.port);

        SecretStore secrets(QStringLiteral("factory-vpn-lab-")
                            + QUuid::createUuid().toString(QUuid::WithoutBraces));
        QSettings settings(m_scratch.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        EngineerSession::Dependencies dependencies;
        dependencies.secrets = &secrets;
        dependencies.settings = &settings;
        const QString runtimeDir = m_runtimeDir;
        const ToolRunner tools = engineerTools();
        dependencies.backendFactory = [tools, runtimeDir](BackendKind, QObject *parent) -> TunnelBackend * {
            return new WgQuickBackend(tools, QString::fromLatin1(Interface), runtimeDir, parent);
        };
        dependencies.identity = SystemIdentity { QStringLiteral("Lab Engineer"), QStringLiteral("lab-laptop"),
                                                 QStringLiteral("Lab OS 1") };
        EngineerSession session(dependencies);
        session.setConnectWhenApproved(false); // this test connects by hand, step by step
        RegistrationTracker::Backoff fast;
        fast.first = 20ms;
        fast.max = 100ms;
        fast.approvedInterval = 1h;
        session.tracker()->setBackoff(fast);
        TunnelMonitor *monitor = session.tunnel()->monitor();
        monitor->setPollInterval(200ms);
        QSignalSpy states(&session, &EngineerSession::stateChanged);
        QSignalSpy errors(&session, &EngineerSession::errorOccurred);
        QSignalSpy approvals(&session, &EngineerSession::approved);
        QCOMPARE(session.state(), AppState::NotRegistered);

        // Enrollment link with the hub's pin, then a key, then the request.
        const HubLink link(hub.url(), hub.fingerprint(), QStringLiteral("inv.code"));
        const Result<void> enrolled = session.setEnrollment(link.toString());
        QVERIFY2(enrolled, qPrintable(failure(enrolled)));
        session.generateKey();
        QTRY_VERIFY_WITH_TIMEOUT(!session.profile().publicKey.isNull() || !errors.isEmpty(), 60000);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));
        const PublicKey ourKey = session.profile().publicKey;

        session.submitRegistration(QStringLiteral("Lab Engineer"));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), AppState::Pending, 60000);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));
        const QString id = hub.onlyRequestId();
        QCOMPARE(hub.requests().value(id).body.value(QStringLiteral("public_key")).toString(),
                 ourKey.toBase64());
        QCOMPARE(hub.requests().value(id).body.value(QStringLiteral("invite")).toString(),
                 QStringLiteral("inv.code"));

        // The admin approves; the hub gets the peer (as the real hub would).
        QCOMPARE(runIn(labVariable("FVPN_LAB_HUB_EXEC"),
                       { QStringLiteral("wg"), QStringLiteral("set"), QStringLiteral("wg0"),
                         QStringLiteral("peer"), ourKey.toBase64(), QStringLiteral("allowed-ips"),
                         QStringLiteral("10.42.42.7/32") }),
                 0);
        hub.approve(id, labTunnel());
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), AppState::Disconnected, 60000);
        QCOMPARE(approvals.size(), 1);
        QVERIFY(!interfaceExistsInEngineerNamespace());

        // Connect: Connecting at once, Connected on a real handshake.
        session.tunnel()->connectTunnel();
        QCOMPARE(session.state(), AppState::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), AppState::Connected, 60000);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));
        QVERIFY(interfaceExistsInEngineerNamespace());
        // The configuration with the key lived only for the `up` call.
        QTRY_COMPARE_WITH_TIMEOUT(session.tunnel()->isBusy(), false, 60000);
        QCOMPARE(filesIn(m_runtimeDir), QStringList());
        const TunnelStatus connected = monitor->status();
        QVERIFY(connected.handshakeAgeSecs >= 0 && connected.handshakeAgeSecs <= 180);
        QCOMPARE(connected.endpoint->toString(), labVariable("FVPN_LAB_HUB_ENDPOINT"));

        // Diagnostics: everything real passes, and the report holds no secret.
        Diagnostics diagnostics(&session, engineerTools());
        QSignalSpy finished(&diagnostics, &Diagnostics::finished);
        diagnostics.run();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        for (const DiagnosticCheck &check : diagnostics.checks())
            QVERIFY2(check.verdict == DiagnosticCheck::Verdict::Pass,
                     qPrintable(check.title + u": " + check.words));
        QVERIFY(diagnostics.checks()[Diagnostics::HubAnswers].words.contains(
            labVariable("FVPN_LAB_HUB_ADDRESS")));
        QVERIFY(monitor->status().rxBytes > 0);
        const QString report = diagnostics.report();
        const Result<PrivateKey> privateKey
            = waitFor<PrivateKey>([&](QObject *context, auto done) { session.keys()->load(context, done); });
        QVERIFY(privateKey);
        const QString privateText = QString::fromLatin1(privateKey->toBase64().view());
        QVERIFY(!report.contains(privateText));
        QVERIFY(!report.contains(hub.requests().value(id).secret));
        QVERIFY(report.contains(ourKey.toBase64()));

        // Stale: the hub forgets the peer, the last handshake ages past the limit
        // (shortened from 180 s so the test does not wait minutes).
        monitor->setStaleAfter(3);
        QCOMPARE(runIn(labVariable("FVPN_LAB_HUB_EXEC"),
                       { QStringLiteral("wg"), QStringLiteral("set"), QStringLiteral("wg0"),
                         QStringLiteral("peer"), ourKey.toBase64(), QStringLiteral("remove") }),
                 0);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), AppState::Stale, 60000);
        QVERIFY(monitor->status().detail.contains(QStringLiteral("UDP to 192.0.2.1:5555")));
        QCOMPARE(
            runIn(labVariable("FVPN_LAB_ENGINEER_EXEC"),
                  { QStringLiteral("ping"), QStringLiteral("-n"), QStringLiteral("-c"), QStringLiteral("1"),
                    QStringLiteral("-W"), QStringLiteral("1"), labVariable("FVPN_LAB_HUB_ADDRESS") }),
            1);

        // The hub knows the peer again: WireGuard's own retry brings a fresh
        // handshake (the keepalive runs every second), and with it Connected.
        monitor->setStaleAfter(TunnelMonitor::DefaultStaleAfterSecs);
        QCOMPARE(runIn(labVariable("FVPN_LAB_HUB_EXEC"),
                       { QStringLiteral("wg"), QStringLiteral("set"), QStringLiteral("wg0"),
                         QStringLiteral("peer"), ourKey.toBase64(), QStringLiteral("allowed-ips"),
                         QStringLiteral("10.42.42.7/32") }),
                 0);
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        QTRY_VERIFY_WITH_TIMEOUT(monitor->status().handshakeAgeSecs >= 0
                                     && monitor->status().handshakeAgeSecs
                                         <= QDateTime::currentSecsSinceEpoch() - before,
                                 90000);
        QCOMPARE(session.state(), AppState::Connected);

        // Disconnect: the interface goes away, and so does the state.
        session.tunnel()->disconnectTunnel();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), AppState::Disconnected, 60000);
        QVERIFY(!interfaceExistsInEngineerNamespace());
        // Nothing left once the `down` call is over (the interface may be gone,
        // and the state with it, a moment before that call returns).
        QTRY_COMPARE_WITH_TIMEOUT(session.tunnel()->isBusy(), false, 60000);
        QCOMPARE(filesIn(m_runtimeDir), QStringList());
        QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));

        QList<AppState> seen;
        for (const QList<QVariant> &change : states) {
            const AppState state = change.first().value<AppState>();
            if (seen.isEmpty() || seen.last() != state)
                seen.append(state);
        }
        const QList<AppState> expected { AppState::Pending,     AppState::Disconnected, AppState::Connecting,
                                         AppState::Connected,   AppState::Stale,        AppState::Connected,
                                         AppState::Disconnected };
        QCOMPARE(seen, expected);
        QVERIFY(waitFor<void>([&](QObject *context, auto done) { session.keys()->remove(context, done); }));
    }

    // The pkexec path: the helper scripts from the source tree, run as root in the
    // engineer's namespace by a stand-in for pkexec.
    void helperScripts()
    {
        const QString helperDir
            = qEnvironmentVariable("FVPN_SOURCE_DIR") + QStringLiteral("/resources/helper");
        const ToolRunner runner = ToolRunner::pkexec(labVariable("FVPN_LAB_ENGINEER_EXEC"), helperDir);
        WgQuickBackend backend(runner, QString::fromLatin1(Interface), m_runtimeDir);
        Result<PrivateKey> key = PrivateKey::generate();
        QVERIFY(key);
        const PublicKey ourKey = key->publicKey();
        const QString privateText = QString::fromLatin1(key->toBase64().view());
        QCOMPARE(runIn(labVariable("FVPN_LAB_HUB_EXEC"),
                       { QStringLiteral("wg"), QStringLiteral("set"), QStringLiteral("wg0"),
                         QStringLiteral("peer"), ourKey.toBase64(), QStringLiteral("allowed-ips"),
                         QStringLiteral("10.42.42.8/32") }),
                 0);
        QJsonObject json = labTunnel();
        json.insert(QStringLiteral("address"), QStringLiteral("10.42.42.8/32"));
        const TunnelParameters tunnel = TunnelParameters::fromJson(json).value();

        const WgQuickConfig config = tunnel.toWgQuickConfig(std::move(key.value()));
        const Result<void> up
            = waitFor<void>([&](QObject *context, auto done) { backend.up(config, context, done); });
        QVERIFY2(up, qPrintable(failure(up)));
        QCOMPARE(filesIn(m_runtimeDir), QStringList());

        // The status helper hides the private key; the dump still parses.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&]() {
                const Result<std::optional<WgDump>> dump = waitFor<std::optional<WgDump>>(
                    [&](QObject *context, auto done) { backend.readStatus(context, done); });
                return dump && dump->has_value() && (*dump)->findPeer(tunnel.hubPublicKey)
                    && (*dump)->findPeer(tunnel.hubPublicKey)->latestHandshake > 0;
            }(),
            60000);
        QByteArray raw;
        QCOMPARE(runIn(labVariable("FVPN_LAB_ENGINEER_EXEC"),
                       { helperDir + QStringLiteral("/factory-vpn-status"), QString::fromLatin1(Interface) },
                       &raw),
                 0);
        QVERIFY(raw.startsWith("(hidden)\t"));
        QVERIFY(!raw.contains(privateText.toLatin1()));

        const Result<void> down
            = waitFor<void>([&](QObject *context, auto done) { backend.down(config, context, done); });
        QVERIFY2(down, qPrintable(failure(down)));
        QVERIFY(!interfaceExistsInEngineerNamespace());
        const Result<std::optional<WgDump>> gone = waitFor<std::optional<WgDump>>(
            [&](QObject *context, auto done) { backend.readStatus(context, done); });
        QVERIFY2(gone, qPrintable(failure(gone)));
        QVERIFY(!gone->has_value());
    }

    // What the helper refuses, checked against the script itself.
    void helperRefuses_data()
    {
        QTest::addColumn<QString>("setup"); // how the configuration is prepared
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("PostUp") << QStringLiteral("postup") << QStringLiteral("run commands");
        QTest::newRow("symlink") << QStringLiteral("symlink") << QStringLiteral("not a regular file");
        QTest::newRow("open folder") << QStringLiteral("openfolder") << QStringLiteral("opened by others");
        QTest::newRow("relative path") << QStringLiteral("relative") << QStringLiteral("absolute path");
        QTest::newRow("bad interface name")
            << QStringLiteral("badname") << QStringLiteral("not an interface name");
    }

    void helperRefuses()
    {
        QFETCH(QString, setup);
        QFETCH(QString, messagePart);
        const QString helper = qEnvironmentVariable("FVPN_SOURCE_DIR")
            + QStringLiteral("/resources/helper/factory-vpn-helper");
        QTemporaryDir dir;
        QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(),
                        setup == QStringLiteral("openfolder") ? 0755 : 0700)
                == 0);
        QString conf = dir.filePath(setup == QStringLiteral("badname") ? QStringLiteral("bad;name.conf")
                                                                       : QStringLiteral("fvbad0.conf"));
        QFile file(setup == QStringLiteral("symlink") ? dir.filePath(QStringLiteral("real")) : conf);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[Interface]\nAddress = 10.42.42.9/32\n");
        if (setup == QStringLiteral("postup"))
            file.write("PostUp = touch /tmp/fvpn-should-not-exist\n");
        file.close();
        if (setup == QStringLiteral("symlink"))
            QVERIFY(QFile::link(file.fileName(), conf));
        if (setup == QStringLiteral("relative"))
            conf = QStringLiteral("fvbad0.conf");

        QProcess process;
        process.start(helper, { QStringLiteral("up"), conf });
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        const QString error = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(error.contains(messagePart), qPrintable(error));
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/fvpn-should-not-exist")));
    }
};

QTEST_GUILESS_MAIN(TestEngineerLab)
#include "tst_engineerlab.moc"
