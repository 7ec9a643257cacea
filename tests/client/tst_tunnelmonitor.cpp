#include "TestKeys.h"
#include "TunnelBackend.h"
#include "TunnelMonitor.h"
#include "TunnelStatus.h"

#include <QSignalSpy>
#include <QtTest>

#include <deque>

using namespace fvpn;

namespace {

constexpr qint64 Now = 1'700'000'000;

WgDump dumpWithHub(const PublicKey &hub, qint64 latestHandshake)
{
    WgDump dump;
    dump.publicKey = test::freshPublicKey();
    dump.listenPort = 40000;
    WgDumpPeer peer;
    peer.publicKey = hub;
    peer.endpoint = Endpoint::parse(u"192.0.2.1:5555").value();
    peer.latestHandshake = latestHandshake;
    peer.rxBytes = 1234;
    peer.txBytes = 5678;
    dump.peers.append(peer);
    return dump;
}

// Answers readStatus from a script the test fills; up/down are not used here.
class ScriptedBackend : public TunnelBackend
{
public:
    using TunnelBackend::TunnelBackend;
    QString name() const override { return QStringLiteral("scripted"); }
    QString interfaceName() const override { return QStringLiteral("tst0"); }
    QString describe() const override { return name(); }
    void up(const WgQuickConfig &, QObject *, std::function<void(Result<void>)> done) override { done({}); }
    void down(const WgQuickConfig &, QObject *, std::function<void(Result<void>)> done) override { done({}); }
    void readStatus(QObject *, std::function<void(Result<std::optional<WgDump>>)> done) override
    {
        ++reads;
        done(next);
    }

    Result<std::optional<WgDump>> next = std::optional<WgDump>();
    int reads = 0;
};

} // namespace

class TestTunnelMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluate_data()
    {
        QTest::addColumn<int>("dumpKind"); // 0 error, 1 absent, 2 present without hub, 3 hub peer
        QTest::addColumn<qint64>("handshake"); // for kind 3: seconds since the epoch, 0 = never
        QTest::addColumn<bool>("connecting");
        QTest::addColumn<qint64>("connectingSecs");
        QTest::addColumn<QString>("lastError");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("detailPart");

        const int disconnected = int(TunnelState::Disconnected), connecting = int(TunnelState::Connecting),
                  connected = int(TunnelState::Connected), stale = int(TunnelState::Stale),
                  error = int(TunnelState::Error);
        QTest::newRow("dump failed") << 0 << qint64(0) << false << qint64(0) << QString() << error
                                     << QStringLiteral("permission");
        QTest::newRow("absent") << 1 << qint64(0) << false << qint64(0) << QString() << disconnected
                                << QString();
        QTest::newRow("absent while up runs")
            << 1 << qint64(0) << true << qint64(3) << QString() << connecting << QStringLiteral("up");
        QTest::newRow("absent after a failure")
            << 1 << qint64(0) << false << qint64(0) << QStringLiteral("wg-quick failed") << error
            << QStringLiteral("wg-quick failed");
        QTest::newRow("absent, attempt timed out")
            << 1 << qint64(0) << true << qint64(31) << QString() << disconnected << QString();
        QTest::newRow("no hub peer") << 2 << qint64(0) << false << qint64(0) << QString() << error
                                     << QStringLiteral("does not lead to the hub");
        QTest::newRow("fresh handshake")
            << 3 << Now - 12 << false << qint64(0) << QString() << connected << QStringLiteral("12 s ago");
        QTest::newRow("handshake at the limit")
            << 3 << Now - 180 << false << qint64(0) << QString() << connected << QStringLiteral("3 min ago");
        QTest::newRow("handshake just too old")
            << 3 << Now - 181 << false << qint64(0) << QString() << stale << QStringLiteral("3 min ago");
        QTest::newRow("handshake in the future")
            << 3 << Now + 50 << false << qint64(0) << QString() << connected << QStringLiteral("0 s ago");
        QTest::newRow("never, still connecting")
            << 3 << qint64(0) << true << qint64(5) << QString() << connecting << QStringLiteral("Waiting");
        QTest::newRow("never, timed out") << 3 << qint64(0) << true << qint64(30) << QString() << stale
                                          << QStringLiteral("UDP to 192.0.2.1:5555");
        QTest::newRow("never, not connecting") << 3 << qint64(0) << false << qint64(0) << QString() << stale
                                               << QStringLiteral("has not answered");
        QTest::newRow("fresh handshake wins over connecting")
            << 3 << Now - 1 << true << qint64(1) << QString() << connected << QString();
        QTest::newRow("old failure ignored while up")
            << 3 << Now - 5 << false << qint64(0) << QStringLiteral("old") << connected << QString();
    }

    void evaluate()
    {
        QFETCH(int, dumpKind);
        QFETCH(qint64, handshake);
        QFETCH(bool, connecting);
        QFETCH(qint64, connectingSecs);
        QFETCH(QString, lastError);
        QFETCH(int, expected);
        QFETCH(QString, detailPart);

        const PublicKey hub = test::freshPublicKey();
        Result<std::optional<WgDump>> dump = std::optional<WgDump>();
        if (dumpKind == 0)
            dump = makeError(ErrorCode::PermissionDenied, QStringLiteral("no permission to read the tunnel"));
        else if (dumpKind == 2)
            dump = std::optional<WgDump>(dumpWithHub(test::freshPublicKey(), Now));
        else if (dumpKind == 3)
            dump = std::optional<WgDump>(dumpWithHub(hub, handshake));

        const TunnelObservation observation { connecting, connectingSecs, lastError };
        const TunnelStatus status = evaluateTunnel(dump, hub, observation, Now, 180, 30);
        QCOMPARE(int(status.state), expected);
        QVERIFY2(status.detail.contains(detailPart), qPrintable(status.detail));
        QCOMPARE(status.interfaceExists, dumpKind >= 2);
        if (dumpKind == 3) {
            QCOMPARE(status.rxBytes, quint64(1234));
            QCOMPARE(status.txBytes, quint64(5678));
            QCOMPARE(status.endpoint->toString(), QStringLiteral("192.0.2.1:5555"));
        }
    }

    void formats()
    {
        QCOMPARE(formatHandshakeAge(-1), QStringLiteral("never"));
        QCOMPARE(formatHandshakeAge(12), QStringLiteral("12 s ago"));
        QCOMPARE(formatHandshakeAge(119), QStringLiteral("119 s ago"));
        QCOMPARE(formatHandshakeAge(600), QStringLiteral("10 min ago"));
        QCOMPARE(formatHandshakeAge(3 * 3600), QStringLiteral("3 h ago"));
        QCOMPARE(formatHandshakeAge(3 * 86400), QStringLiteral("3 days ago"));
        QCOMPARE(formatBytes(0), QStringLiteral("0 B"));
        QCOMPARE(formatBytes(1023), QStringLiteral("1023 B"));
        QCOMPARE(formatBytes(1536), QStringLiteral("1.5 KiB"));
        QCOMPARE(formatBytes(50ull * 1024 * 1024), QStringLiteral("50 MiB"));
    }

    // The monitor walks through the states as the backend's answers change.
    void monitorFollowsTheBackend()
    {
        const PublicKey hub = test::freshPublicKey();
        ScriptedBackend backend;
        TunnelMonitor monitor;
        qint64 clock = Now;
        monitor.setClock([&clock]() { return clock; });
        monitor.setBackend(&backend);
        monitor.setHubKey(hub);
        monitor.setPollInterval(std::chrono::hours(1)); // polls only when asked
        QSignalSpy changes(&monitor, &TunnelMonitor::statusChanged);

        monitor.start();
        QCOMPARE(monitor.status().state, TunnelState::Disconnected);
        QCOMPARE(backend.reads, 1);

        monitor.beginConnecting();
        QCOMPARE(monitor.status().state, TunnelState::Connecting);
        backend.next = std::optional<WgDump>(dumpWithHub(hub, 0));
        clock += 2;
        monitor.pollNow();
        QCOMPARE(monitor.status().state, TunnelState::Connecting);

        backend.next = std::optional<WgDump>(dumpWithHub(hub, clock - 1));
        monitor.pollNow();
        QCOMPARE(monitor.status().state, TunnelState::Connected);
        QCOMPARE(monitor.status().handshakeAgeSecs, 1);

        clock += 200;
        monitor.pollNow();
        QCOMPARE(monitor.status().state, TunnelState::Stale);

        // A new handshake makes it fresh again.
        backend.next = std::optional<WgDump>(dumpWithHub(hub, clock));
        monitor.pollNow();
        QCOMPARE(monitor.status().state, TunnelState::Connected);

        monitor.clearAttempt();
        backend.next = std::optional<WgDump>();
        monitor.pollNow();
        QCOMPARE(monitor.status().state, TunnelState::Disconnected);

        // A failed up: Error, until the next attempt.
        monitor.beginConnecting();
        monitor.reportFailure(QStringLiteral("wg-quick up failed: boom"));
        QCOMPARE(monitor.status().state, TunnelState::Error);
        QVERIFY(monitor.status().detail.contains(QStringLiteral("boom")));
        monitor.beginConnecting();
        QCOMPARE(monitor.status().state, TunnelState::Connecting);

        // Every change is signalled (the detail and the age change too); the
        // states, with repeats collapsed, are the walk through the machine.
        QList<TunnelState> seen;
        for (const QList<QVariant> &change : changes) {
            const TunnelState state = change.first().value<TunnelStatus>().state;
            if (seen.isEmpty() || seen.last() != state)
                seen.append(state);
        }
        const QList<TunnelState> expected { TunnelState::Connecting,   TunnelState::Connected,
                                            TunnelState::Stale,        TunnelState::Connected,
                                            TunnelState::Disconnected, TunnelState::Connecting,
                                            TunnelState::Error,        TunnelState::Connecting };
        QCOMPARE(seen, expected);
    }

    void monitorIgnoresAnswersFromAnOldBackend()
    {
        const PublicKey hub = test::freshPublicKey();
        // Answers only when told, so a poll can be in flight while the backend changes.
        class SlowBackend : public ScriptedBackend
        {
        public:
            void readStatus(QObject *, std::function<void(Result<std::optional<WgDump>>)> done) override
            {
                pending = std::move(done);
            }
            std::function<void(Result<std::optional<WgDump>>)> pending;
        };
        SlowBackend slow;
        ScriptedBackend fast;
        TunnelMonitor monitor;
        monitor.setHubKey(hub);
        monitor.setBackend(&slow);
        monitor.pollNow();
        QVERIFY(slow.pending);
        monitor.setBackend(&fast);
        fast.next = makeError(ErrorCode::IoError, QStringLiteral("fast says error"));
        monitor.pollNow();
        QCOMPARE(monitor.status().state, TunnelState::Error);
        slow.pending(std::optional<WgDump>(dumpWithHub(hub, QDateTime::currentSecsSinceEpoch())));
        QCOMPARE(monitor.status().state, TunnelState::Error);
    }
};

QTEST_GUILESS_MAIN(TestTunnelMonitor)
#include "tst_tunnelmonitor.moc"
