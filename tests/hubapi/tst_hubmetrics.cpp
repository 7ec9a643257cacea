// GET /metrics in the real factory-vpn-hub process (stand-in wg/ip/nft), over real
// HTTP: on the admin listener with the bearer token (401 without), on the plain
// --metrics-listen listener without one; every page judged by the real
// `promtool check metrics`; figures that move after a registration, an approval
// and tunnel traffic. docs/metrics.md.
#include "HubProcess.h"
#include "TestKeys.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

using namespace fvpn;

namespace {

// "name{labels}" -> value, in the order written by the hub (labels as written).
QHash<QByteArray, double> parse(const QByteArray &page)
{
    QHash<QByteArray, double> samples;
    for (const QByteArray &line : page.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.lastIndexOf(' ');
        samples.insert(line.first(space), line.mid(space + 1).toDouble());
    }
    return samples;
}

struct PromtoolResult
{
    int exitCode = -1;
    QByteArray output;
};

// `promtool check metrics` with `page` on its stdin: exit 0 and no output when
// the page is valid and lint-clean.
PromtoolResult promtool(const QByteArray &page,
                        const QStringList &command = { QStringLiteral("check"), QStringLiteral("metrics") })
{
    PromtoolResult result;
    const QString binary = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (binary.isEmpty()) {
        result.output = "promtool not found (Debian package prometheus, scripts/install-deps.sh)";
        return result;
    }
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(binary, command);
    if (!p.waitForStarted(10'000))
        return result;
    p.write(page);
    p.closeWriteChannel();
    if (!p.waitForFinished(30'000)) {
        p.kill();
        p.waitForFinished(5'000);
        result.output = "promtool did not finish";
        return result;
    }
    result.output = p.readAll();
    result.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return result;
}

} // namespace

class TestHubMetrics : public QObject
{
    Q_OBJECT

    std::unique_ptr<HubProcess> m_hub;
    quint16 m_metricsPort = 0;
    PublicKey m_deviceKey;

    HeaderList auth() const { return { { "Authorization", "Bearer " + m_hub->token().toLatin1() } }; }

    QUrl metricsUrl(const QString &path = QStringLiteral("/metrics")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_metricsPort).arg(path));
    }

    // The plain listener's page, checked on the way.
    QHash<QByteArray, double> scrape(QByteArray *page = nullptr)
    {
        const HttpReply reply = m_hub->sendTo(metricsUrl(), "GET");
        if (reply.status != 200)
            qWarning() << "scrape:" << reply.status << reply.transportError << reply.body;
        if (page)
            *page = reply.body;
        return parse(reply.body);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_hub = std::make_unique<HubProcess>();
        m_deviceKey = randomPublicKey();
        m_hub->setDevice(QStringLiteral("press-07"), m_deviceKey.toBase64(), QStringLiteral("10.42.42.20"));
        m_metricsPort = HubProcess::freePort();
        QVERIFY2(m_hub->start({ QStringLiteral("--metrics-listen"),
                                QStringLiteral("127.0.0.1:%1").arg(m_metricsPort) }),
                 qPrintable(m_hub->log()));
        QVERIFY2(m_hub->log().contains(QStringLiteral("metrics listener on 127.0.0.1:%1").arg(m_metricsPort)),
                 qPrintable(m_hub->log()));
    }
    void cleanupTestCase() { m_hub.reset(); }

    void adminListenerNeedsTheToken()
    {
        const HttpReply none = m_hub->send(true, "GET", QStringLiteral("/metrics"));
        QCOMPARE(none.status, 401);
        QVERIFY(!none.body.contains("factory_vpn_"));
        const HttpReply wrong = m_hub->send(true, "GET", QStringLiteral("/metrics"), {},
                                            { { "Authorization", "Bearer fvpn_not_a_real_token" } });
        QCOMPARE(wrong.status, 401);
        const HttpReply good = m_hub->send(true, "GET", QStringLiteral("/metrics"), {}, auth());
        QCOMPARE(good.status, 200);
        QCOMPARE(good.headers.value("content-type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        QVERIFY(good.body.contains("\nfactory_vpn_build_info{version=\"" FACTORYVPN_VERSION "\""));
        const PromtoolResult checked = promtool(good.body);
        QVERIFY2(checked.exitCode == 0 && checked.output.isEmpty(), checked.output.constData());
        // Not on the public side, with or without a token.
        QCOMPARE(m_hub->send(false, "GET", QStringLiteral("/metrics"), {}, auth()).status, 404);
    }

    void plainListenerNeedsNoToken()
    {
        const HttpReply page = m_hub->sendTo(metricsUrl(), "GET");
        QCOMPARE(page.status, 200);
        QCOMPARE(page.headers.value("content-type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        QVERIFY(page.body.startsWith("# HELP factory_vpn_build_info "));
        // Only /metrics, only GET; nothing of the admin API.
        QCOMPARE(m_hub->sendTo(metricsUrl(QStringLiteral("/api/v1/status")), "GET", {}, auth()).status, 404);
        QCOMPARE(m_hub->sendTo(metricsUrl(QStringLiteral("/api/v1/requests")), "GET", {}, auth()).status,
                 404);
        QCOMPARE(m_hub->sendTo(metricsUrl(), "POST").status, 405);
        // No request here has a body: refused before any route.
        QCOMPARE(m_hub->sendTo(metricsUrl(), "POST", "x").status, 413);
    }

    // The real promtool judges every page, and a page it must refuse is refused:
    // so it really runs and really reads what it is given.
    void promtoolChecksThePage()
    {
        QByteArray page;
        (void)scrape(&page);
        QVERIFY(page.size() > 1000);
        const PromtoolResult good = promtool(page);
        QVERIFY2(good.exitCode == 0 && good.output.isEmpty(), good.output.constData());

        const PromtoolResult lint = promtool(
            page
            + "# HELP factory_vpn_oops A counter without _total.\n# TYPE factory_vpn_oops counter\n"
              "factory_vpn_oops 1\n");
        QVERIFY2(lint.exitCode != 0, lint.output.constData());
        QVERIFY2(lint.output.contains("factory_vpn_oops"), lint.output.constData());
        const PromtoolResult broken = promtool(page + "factory_vpn_broken{kind=\"device} 1\n");
        QVERIFY2(broken.exitCode != 0, broken.output.constData());
        QVERIFY2(broken.output.contains("parsing error"), broken.output.constData());
    }

    void valuesFollowARegistrationAndAnApproval()
    {
        QByteArray beforePage;
        const auto before = scrape(&beforePage);
        const QByteArray registerOk = "factory_vpn_api_requests_total{listener=\"public\",route=\"register\","
                                      "status_class=\"2xx\"}";
        const QByteArray approveOk
            = "factory_vpn_api_requests_total{listener=\"admin\",route=\"approve_reject\","
              "status_class=\"2xx\"}";
        const QByteArray clientsNever = "factory_vpn_peers{kind=\"client\",state=\"never\"}";
        const QByteArray changeRuns = "factory_vpn_reconcile_runs_total{mode=\"change\"}";
        const QByteArray added = "factory_vpn_peer_changes_total{change=\"added\"}";
        QCOMPARE(before.value("factory_vpn_registration_requests_pending", -1), 0.0);
        QCOMPARE(before.value(registerOk, -1), 0.0);
        QVERIFY2(before.value("factory_vpn_peers{kind=\"device\",state=\"never\"}", -1) == 1.0,
                 beforePage.constData());
        QCOMPARE(before.value(clientsNever, -1), 0.0);
        QVERIFY(before.value("factory_vpn_inventory_last_sync_timestamp_seconds") > 1.7e9);
        QCOMPARE(before.value("factory_vpn_inventory_devices{state=\"enabled\"}", -1), 1.0);
        QCOMPARE(before.value("factory_vpn_peers_skipped", -1), 0.0);

        const HubProcess::Registration r = m_hub->registerEngineer(QStringLiteral("Mia Metrics"));
        QVERIFY(!r.id.isEmpty());
        const auto registered = scrape();
        QCOMPARE(registered.value("factory_vpn_registration_requests_pending", -1), 1.0);
        QCOMPARE(registered.value(registerOk), before.value(registerOk) + 1);

        const HttpReply approved
            = m_hub->send(true, "POST", QStringLiteral("/api/v1/requests/%1/approve").arg(r.id), "{}",
                          auth() + HeaderList { { "Content-Type", "application/json" } });
        QCOMPARE(approved.status, 200);
        const auto after = scrape();
        QCOMPARE(after.value("factory_vpn_registration_requests_pending", -1), 0.0);
        QCOMPARE(after.value(approveOk), before.value(approveOk) + 1);
        // Approved means on the interface: the snapshot has the new peer (never seen yet).
        QCOMPARE(after.value(clientsNever), 1.0);
        QVERIFY(after.value(changeRuns) > before.value(changeRuns));
        QVERIFY(after.value(added) >= before.value(added) + 1);
        QVERIFY(after.value("factory_vpn_reconcile_duration_seconds_count")
                > before.value("factory_vpn_reconcile_duration_seconds_count"));
        // 401s are counted too, by class.
        QVERIFY(after.value("factory_vpn_api_requests_total{listener=\"admin\",route=\"metrics\","
                            "status_class=\"4xx\"}")
                >= 2);

        // Traffic: the client shook hands 10 s ago, the device 400 s ago.
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        m_hub->setLive(r.key, now - 10, 1000, 2000);
        m_hub->setLive(m_deviceKey, now - 400, 5, 7);
        // An admin reading devices makes the hub sample the interface (the scrape does not).
        const double sampledBefore = after.value("factory_vpn_live_sample_timestamp_seconds");
        QHash<QByteArray, double> live;
        for (int attempt = 0; attempt < 100; ++attempt) {
            QCOMPARE(m_hub->send(true, "GET", QStringLiteral("/api/v1/devices"), {}, auth()).status, 200);
            live = scrape();
            if (live.value("factory_vpn_live_sample_timestamp_seconds") > sampledBefore
                && live.value("factory_vpn_peers{kind=\"client\",state=\"online\"}") == 1.0)
                break;
            QTest::qWait(100);
        }
        QCOMPARE(live.value("factory_vpn_peers{kind=\"client\",state=\"online\"}", -1), 1.0);
        QCOMPARE(live.value(clientsNever, -1), 0.0);
        QCOMPARE(live.value("factory_vpn_peers{kind=\"device\",state=\"stale\"}", -1), 1.0);
        QCOMPARE(live.value("factory_vpn_peer_receive_bytes_total{kind=\"client\"}", -1), 1000.0);
        QCOMPARE(live.value("factory_vpn_peer_transmit_bytes_total{kind=\"client\"}", -1), 2000.0);
        QCOMPARE(live.value("factory_vpn_peer_receive_bytes_total{kind=\"device\"}", -1), 5.0);
        // Cumulative buckets: the client's ~10 s in every bucket from 30 s, the device's ~400 s from 600 s.
        const auto bucket = [&](const char *kind, const char *le) {
            const QByteArray name = QByteArray("factory_vpn_peer_handshake_age_seconds_bucket{kind=\"") + kind
                + "\",le=\"" + le + "\"}";
            return live.value(name, -1);
        };
        QCOMPARE(bucket("client", "30"), 1.0);
        QCOMPARE(bucket("client", "+Inf"), 1.0);
        QCOMPARE(bucket("device", "300"), 0.0);
        QCOMPARE(bucket("device", "600"), 1.0);
        QCOMPARE(bucket("device", "+Inf"), 1.0);
        QCOMPARE(live.value("factory_vpn_peer_handshake_age_seconds_count{kind=\"device\"}", -1), 1.0);

        QByteArray page;
        (void)scrape(&page);
        const PromtoolResult checked = promtool(page);
        QVERIFY2(checked.exitCode == 0 && checked.output.isEmpty(), checked.output.constData());
    }

    // Counts, never names: no device name, key or address, no engineer, in any label.
    // A held long-poll counts as waiting on the public listener while it is held,
    // and no longer once its client has gone.
    void connectionsAreCounted()
    {
        const QByteArray publicWaiting
            = "factory_vpn_http_connections{listener=\"public\",class=\"waiting\"}";
        const QByteArray metricsQuick = "factory_vpn_http_connections{listener=\"metrics\",class=\"quick\"}";
        const auto before = scrape();
        QCOMPARE(before.value(publicWaiting, -1), 0.0);
        QVERIFY(before.value(metricsQuick, -1) >= 1.0); // the scrape's own connection

        const HubProcess::Registration r = m_hub->registerEngineer(QStringLiteral("Walt Waiting"));
        QVERIFY(!r.id.isEmpty());
        const HeaderList poll { { "Authorization", "Bearer " + r.secret.toLatin1() } };
        const QString path = QStringLiteral("/api/v1/registrations/") + r.id;
        const QByteArray etag = m_hub->send(false, "GET", path, {}, poll).headers.value("etag");
        QVERIFY(!etag.isEmpty());
        QNetworkReply *held = m_hub->startRequest(false, "GET", path + QStringLiteral("?wait=60"), {},
                                                  poll + HeaderList { { "If-None-Match", etag } });
        QTRY_COMPARE_WITH_TIMEOUT(scrape().value(publicWaiting, -1), 1.0, 10'000);
        QVERIFY(!held->isFinished());
        held->abort();
        held->deleteLater();
        QTRY_COMPARE_WITH_TIMEOUT(scrape().value(publicWaiting, -1), 0.0, 10'000);
        // Cancelled, so that later tests count no pending request of ours.
        QCOMPARE(m_hub->send(false, "DELETE", path, {}, poll).status, 200);
    }

    void noPeerIdentityInLabels()
    {
        QByteArray page;
        (void)scrape(&page);
        QVERIFY(!page.contains("press-07"));
        QVERIFY(!page.contains("10.42.42.20"));
        QVERIFY(!page.contains(m_deviceKey.toBase64().toLatin1()));
        QVERIFY(!page.contains("Mia"));
        QVERIFY(page.contains("factory_vpn_hub_info{factory=\"acme\",interface=\"fvpntest0\""));
    }

    // The example alerts in the docs are valid rules over these names.
    void exampleRulesAreValid()
    {
        const QString rules = QString::fromLocal8Bit(qgetenv("FVPN_SOURCE_DIR"))
            + QStringLiteral("/docs/examples/factory-vpn.rules.yml");
        QVERIFY(QFileInfo::exists(rules));
        const PromtoolResult checked
            = promtool({}, { QStringLiteral("check"), QStringLiteral("rules"), rules });
        QVERIFY2(checked.exitCode == 0 && checked.output.contains("SUCCESS: 4 rules found"),
                 checked.output.constData());
        QByteArray page;
        (void)scrape(&page);
        for (const char *name :
             { "factory_vpn_inventory_last_sync_timestamp_seconds", "factory_vpn_reconcile_failures_total",
               "factory_vpn_registration_requests_pending", "factory_vpn_peers{" })
            QVERIFY2(page.contains(name), name);
    }

    // The plain listener has no token: it never opens on an address others reach
    // (the rest of the refusals: tst_hubapioptions, tst_hubconfig).
    void nonLoopbackIsRefused()
    {
        int code = -1;
        (void)m_hub->runCommand(
            { QStringLiteral("-f"), QStringLiteral("acme"), QStringLiteral("--metrics-listen"),
              QStringLiteral("0.0.0.0:%1").arg(HubProcess::freePort()), QStringLiteral("daemon") },
            &code);
        QCOMPARE(code, 2);
    }
};

QTEST_GUILESS_MAIN(TestHubMetrics)
#include "tst_hubmetrics.moc"
