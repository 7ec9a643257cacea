#include "AdminEvent.h"
#include "AdminSession.h"
#include "AdminTestUtil.h"
#include "FakeHub.h"
#include "RefreshWaiter.h"

#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;

class TestAdminSession : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<AdminSession> m_session;

    bool refreshOnce()
    {
        return test::refreshFromNow(m_session.get(), [this] { m_session->refresh(); }).value_or(false);
    }

    // Connected, loaded, following the event stream, and no refresh under way.
    bool connectLive()
    {
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        return QTest::qWaitFor(
            [this] {
                // The hello read (it sets where the stream resumes) and the refresh it asked for done.
                return m_session->hasLoaded() && m_session->isLive() && !m_session->isRefreshing()
                    && !m_session->eventStream()->lastEventId().isEmpty();
            },
            15000);
    }

private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->listen());
        for (int i = 1; i <= 5; ++i)
            m_hub->addDevice(i, QDateTime::currentDateTimeUtc().addSecs(-i * 100));
        m_session = std::make_unique<AdminSession>();
        m_session->setRefreshInterval(0);
    }

    void cleanup()
    {
        m_session.reset();
        m_hub.reset();
    }

    void firstRefreshFillsEverything()
    {
        m_hub->addPendingRequest(QStringLiteral("Alice"), 10);
        m_hub->record(QStringLiteral("token:ops"), QStringLiteral("settings.change"), QStringLiteral("x"));
        QSignalSpy devices(m_session.get(), &AdminSession::devicesChanged);
        QSignalSpy requests(m_session.get(), &AdminSession::requestsChanged);
        QSignalSpy pending(m_session.get(), &AdminSession::pendingCountChanged);
        QSignalSpy arrived(m_session.get(), &AdminSession::requestArrived);
        QSignalSpy settings(m_session.get(), &AdminSession::settingsChanged);
        QSignalSpy audit(m_session.get(), &AdminSession::auditChanged);
        QSignalSpy finished(m_session.get(), &AdminSession::refreshFinished);
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.constFirst().constFirst().toBool());
        QVERIFY(m_session->hasLoaded());
        QCOMPARE(devices.size(), 1);
        QCOMPARE(m_session->snapshot().devices.size(), 5);
        QCOMPARE(requests.size(), 1);
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.constFirst().constFirst().toInt(), 1);
        QCOMPARE(arrived.size(), 0); // what was there before connecting is not "new"
        QCOMPARE(settings.size(), 1);
        QCOMPARE(audit.size(), 1);
        QCOMPARE(m_session->snapshot().pool.subnet.toString(), QStringLiteral("10.42.0.0/16"));
        QCOMPARE(m_session->snapshot().suggestedAddress.toString(),
                 QStringLiteral("10.42.0.2")); // devices hold .3-.7
    }

    void unchangedPartsEmitNothing()
    {
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY(m_session->hasLoaded());
        QSignalSpy devices(m_session.get(), &AdminSession::devicesChanged);
        QSignalSpy clients(m_session.get(), &AdminSession::clientsChanged);
        QSignalSpy requests(m_session.get(), &AdminSession::requestsChanged);
        QSignalSpy settings(m_session.get(), &AdminSession::settingsChanged);
        QSignalSpy audit(m_session.get(), &AdminSession::auditChanged);
        QVERIFY(refreshOnce());
        QCOMPARE(devices.size() + clients.size() + requests.size() + settings.size() + audit.size(), 0);

        m_hub->devices[2].live.rxBytes += 1;
        QVERIFY(refreshOnce());
        QCOMPARE(devices.size(), 1);
        QCOMPARE(clients.size() + requests.size() + settings.size() + audit.size(), 0);
    }

    void newRequestIsAnnounced()
    {
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY(m_session->hasLoaded());
        QSignalSpy arrived(m_session.get(), &AdminSession::requestArrived);
        QSignalSpy pending(m_session.get(), &AdminSession::pendingCountChanged);
        m_hub->addPendingRequest(QStringLiteral("Bob"), 11);
        QVERIFY(refreshOnce());
        QCOMPARE(arrived.size(), 1);
        QCOMPARE(arrived.constFirst().constFirst().value<RequestInfo>().name, QStringLiteral("Bob"));
        QCOMPARE(pending.constLast().constFirst().toInt(), 1);
        QVERIFY(refreshOnce());
        QCOMPARE(arrived.size(), 1);
    }

    void approveRefreshesAndAnnotatesTheClient()
    {
        const RequestInfo r = m_hub->addPendingRequest(QStringLiteral("Alice"), 10);
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY(m_session->hasLoaded());
        QSignalSpy clients(m_session.get(), &AdminSession::clientsChanged);
        QSignalSpy pending(m_session.get(), &AdminSession::pendingCountChanged);
        auto approved
            = waitFor<RequestInfo>([&](auto done) { m_session->approve(r.id, std::nullopt, this, done); });
        QVERIFY(approved.ok());
        // The hub's events may bring the change before the answer does.
        QTRY_VERIFY_WITH_TIMEOUT(!clients.isEmpty(), 10000);
        QCOMPARE(m_session->snapshot().clients.size(), 1);
        const ClientInfo c = m_session->snapshot().clients.constFirst();
        QCOMPARE(c.publicKey, FakeHub::key(10));
        QCOMPARE(c.approvedBy, QStringLiteral("token:admin"));
        QVERIFY(c.approvedAt.isValid());
        QCOMPARE(pending.constLast().constFirst().toInt(), 0);
        QVERIFY(m_session->snapshot().pendingRequests().isEmpty());
    }

    void actionRefreshesEvenWithoutItsView()
    {
        const RequestInfo r = m_hub->addPendingRequest(QStringLiteral("Dana"), 14);
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY(m_session->hasLoaded());
        QSignalSpy clients(m_session.get(), &AdminSession::clientsChanged);
        bool called = false;
        {
            QObject closedView;
            m_session->approve(r.id, std::nullopt, &closedView,
                               [&called](Result<RequestInfo>) { called = true; });
        }
        QVERIFY(clients.wait(10000));
        QVERIFY(!called);
        QCOMPARE(m_session->snapshot().clients.size(), 1);
    }

    void deviceToDeviceIsReadBack()
    {
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY(m_session->hasLoaded());
        QSignalSpy settings(m_session.get(), &AdminSession::settingsChanged);
        auto on = waitFor<HubSettings>([&](auto done) { m_session->setDeviceToDevice(true, this, done); });
        QVERIFY(on.ok());
        QVERIFY(m_hub->deviceToDevice);
        QCOMPARE(settings.size(), 1);
        QVERIFY(m_session->snapshot().settings.deviceToDevice);
    }

    void failuresKeepTheLastSnapshot()
    {
        // Settled first: a refresh the stream's hello asked for, still under way,
        // would fail too and make a second message (seen on a slow sanitizer build).
        QVERIFY(connectLive());
        QSignalSpy errors(m_session.get(), &AdminSession::errorOccurred);
        QSignalSpy devices(m_session.get(), &AdminSession::devicesChanged);
        m_hub->failWithStatus = 500;
        QVERIFY(!refreshOnce());
        QCOMPARE(errors.size(), 1); // one message for six failed calls
        QCOMPARE(devices.size(), 0);
        QCOMPARE(m_session->snapshot().devices.size(), 5);
        QVERIFY(m_session->isReachable());
    }

    void unreachableHubIsFlagged()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort()));
        closed.close();
        QSignalSpy reachable(m_session.get(), &AdminSession::reachableChanged);
        QSignalSpy errors(m_session.get(), &AdminSession::errorOccurred);
        m_session->connectTo(url, QStringLiteral("whatever-token"));
        QVERIFY(reachable.wait(10000));
        QVERIFY(!m_session->isReachable());
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.constFirst().constFirst().value<Error>().message.contains(
            QStringLiteral("are you on the VPN?")));
    }

    void switchingHubsDropsEverything()
    {
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY(m_session->hasLoaded());
        QSignalSpy devices(m_session.get(), &AdminSession::devicesChanged);
        FakeHub other;
        QVERIFY(other.listen());
        other.addDevice(42);
        m_session->connectTo(other.url(), QString::fromLatin1(FakeHub::Token));
        QCOMPARE(devices.size(), 1);
        QVERIFY(devices.constFirst().constFirst().value<QList<DeviceInfo>>().isEmpty());
        QTRY_COMPARE(devices.size(), 2);
        QCOMPARE(m_session->snapshot().devices.size(), 1);
        QCOMPARE(m_session->snapshot().devices.constFirst().name, QStringLiteral("dev-042"));
    }

    void auditGrowsAtTheHeadAndPagesBack()
    {
        for (int i = 0; i < AdminSession::AuditPageSize + 50; ++i)
            m_hub->record(QStringLiteral("token:ops"), QStringLiteral("old"), QString::number(i));
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY(m_session->hasLoaded());
        QCOMPARE(m_session->snapshot().audit.size(), AdminSession::AuditPageSize);
        QVERIFY(m_session->snapshot().auditNextBefore);

        m_hub->record(QStringLiteral("token:ops"), QStringLiteral("new"), QStringLiteral("x"));
        QVERIFY(refreshOnce());
        QCOMPARE(m_session->snapshot().audit.size(), AdminSession::AuditPageSize + 1);
        QCOMPARE(m_session->snapshot().audit.constFirst().action, QStringLiteral("new"));

        QSignalSpy audit(m_session.get(), &AdminSession::auditChanged);
        m_session->loadOlderAudit();
        QVERIFY(audit.wait(10000));
        QCOMPARE(m_session->snapshot().audit.size(), AdminSession::AuditPageSize + 51);
        QVERIFY(!m_session->snapshot().auditNextBefore);
        // Ids strictly decrease: no entry twice, none missing.
        const auto &entries = m_session->snapshot().audit;
        for (qsizetype i = 1; i < entries.size(); ++i)
            QCOMPARE(entries[i].id, entries[i - 1].id - 1);
    }

    // --- The push contract: events, deltas, conditional GETs

    void eventsAloneUpdateTheSession()
    {
        m_session->setRefreshInterval(24 * 3600 * 1000);
        QVERIFY(connectLive());
        const int devicesAsked = m_hub->hits.value(QStringLiteral("GET devices"));
        const int requestsAsked = m_hub->hits.value(QStringLiteral("GET requests"));
        QSignalSpy arrived(m_session.get(), &AdminSession::requestArrived);
        QSignalSpy pending(m_session.get(), &AdminSession::pendingCountChanged);
        QSignalSpy devices(m_session.get(), &AdminSession::devicesChanged);
        QSignalSpy settings(m_session.get(), &AdminSession::settingsChanged);

        const RequestInfo eve = m_hub->addPendingRequest(QStringLiteral("Eve"), 20);
        QVERIFY(arrived.wait(10000));
        QCOMPARE(arrived.constFirst().constFirst().value<RequestInfo>().id, eve.id);
        QCOMPARE(pending.constLast().constFirst().toInt(), 1);
        QCOMPARE(m_session->snapshot().pendingRequests().size(), 1);

        m_hub->devices[0].live.lastHandshake = QDateTime::currentDateTimeUtc(); // was 100 s ago: still online
        m_hub->devices[4].live.lastHandshake
            = QDateTime::currentDateTimeUtc(); // was 500 s ago: stale → online
        m_hub->commit();
        QVERIFY(devices.wait(10000));
        const auto &rows = m_session->snapshot().devices;
        QCOMPARE(rows[4].live.lastHandshake, m_hub->devices[4].live.lastHandshake);
        // Only the change of state is an event; the other row waits for the next delta.
        QVERIFY(rows[0].live.lastHandshake != m_hub->devices[0].live.lastHandshake);

        m_hub->deviceToDevice = true;
        m_hub->commit();
        QVERIFY(settings.wait(10000));
        QVERIFY(m_session->snapshot().settings.deviceToDevice);

        // None of that needed a refresh.
        QCOMPARE(m_hub->hits.value(QStringLiteral("GET devices")), devicesAsked);
        QCOMPARE(m_hub->hits.value(QStringLiteral("GET requests")), requestsAsked);
        QCOMPARE(arrived.size(), 1);
    }

    void eventsNeverAnnounceARequestTwice()
    {
        m_session->setRefreshInterval(0);
        QVERIFY(connectLive());
        QSignalSpy arrived(m_session.get(), &AdminSession::requestArrived);
        m_hub->addPendingRequest(QStringLiteral("Eve"), 20);
        QVERIFY(arrived.wait(10000));
        // The refresh brings the same request again, the stream replays it after a cut.
        QVERIFY(refreshOnce());
        m_hub->events().cutStreams();
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->events().streamRequests >= 2 && m_session->isLive(), 15000);
        QVERIFY(refreshOnce());
        QCOMPARE(arrived.size(), 1);
    }

    void lostStreamResumesAndRefreshes()
    {
        m_session->setRefreshInterval(24 * 3600 * 1000);
        m_hub->events().retryMs = 50;
        QVERIFY(connectLive());
        QSignalSpy live(m_session.get(), &AdminSession::liveChanged);
        QSignalSpy arrived(m_session.get(), &AdminSession::requestArrived);
        m_hub->addPendingRequest(QStringLiteral("Eve"), 20);
        QVERIFY(arrived.wait(10000));
        const QByteArray position = m_session->eventStream()->lastEventId().toLatin1();
        const int refreshes = m_hub->hits.value(QStringLiteral("GET requests"));

        m_hub->events().cutStreams();
        QVERIFY(live.wait(10000));
        QVERIFY(!live.constFirst().constFirst().toBool());
        const RequestInfo finn = m_hub->addPendingRequest(QStringLiteral("Finn"), 21);
        QTRY_VERIFY_WITH_TIMEOUT(m_session->isLive(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 2, 10000);
        QCOMPARE(arrived.constLast().constFirst().value<RequestInfo>().id, finn.id);
        // The new stream resumed where the old one stopped...
        QCOMPARE(m_hub->events().lastEventIds.constLast(), position);
        // ...and the loss itself was followed by a (delta) refresh.
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->hits.value(QStringLiteral("GET requests")) > refreshes, 10000);
        QVERIFY(m_hub->deviceQueries.constLast().contains(QStringLiteral("since=")));
    }

    void resetRefetches()
    {
        m_session->setRefreshInterval(24 * 3600 * 1000);
        m_hub->events().retryMs = 50;
        QVERIFY(connectLive());
        QSignalSpy events(m_session.get(), &AdminSession::eventApplied);
        m_session->eventStream()->stop();
        // While it is away the hub changes and its log forgets what it could replay.
        m_hub->addPendingRequest(QStringLiteral("Gus"), 22);
        m_hub->devices.removeLast();
        m_hub->commit();
        m_hub->events().forgetUpTo(m_hub->revision());
        const int refreshes = m_hub->hits.value(QStringLiteral("GET requests"));
        m_session->eventStream()->start();
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.cbegin(), events.cend(),
                                             [](const QList<QVariant> &e) {
                                                 return e.constFirst().value<AdminEvent>().kind
                                                     == AdminEventKind::Reset;
                                             }),
                                 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->snapshot().pendingRequests().size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->snapshot().devices.size(), 4, 10000);
        QVERIFY(m_hub->hits.value(QStringLiteral("GET requests")) > refreshes);
    }

    void refreshesAskForDeltasAndUseEtags()
    {
        m_session->setFollowEvents(false); // the refresh path alone
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY(m_session->hasLoaded());
        QVERIFY(!m_hub->deviceQueries.constFirst().contains(QStringLiteral("since")));
        QSignalSpy devices(m_session.get(), &AdminSession::devicesChanged);
        QSignalSpy requests(m_session.get(), &AdminSession::requestsChanged);

        // Nothing changed: 304s all round, nothing emitted.
        const int before = m_hub->notModifiedAnswers;
        QVERIFY(refreshOnce());
        QVERIFY(m_hub->deviceQueries.constLast().startsWith(QStringLiteral("since=")));
        QCOMPARE(m_hub->notModifiedAnswers - before, 5); // devices, clients, requests, settings, pool
        QVERIFY(m_session->client()->notModifiedAnswers() >= 4);
        QCOMPARE(devices.size() + requests.size(), 0);

        // One device changed, one removed, one added: a delta of three.
        m_hub->devices[1].live.rxBytes += 4096;
        const PublicKey gone = m_hub->devices[3].publicKey;
        m_hub->devices.removeAt(3);
        m_hub->addDevice(77, QDateTime::currentDateTimeUtc());
        QVERIFY(refreshOnce());
        QCOMPARE(devices.size(), 1);
        const auto &rows = m_session->snapshot().devices;
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows, m_hub->devices);
        for (const DeviceInfo &d : rows)
            QVERIFY(d.publicKey != gone);

        // A position the hub no longer keeps deltas for: a full answer replaces the list.
        m_hub->deltaHorizon = m_hub->revision();
        m_hub->devices.removeFirst();
        QVERIFY(refreshOnce());
        QCOMPARE(m_session->snapshot().devices, m_hub->devices);
    }

    void hubWithoutEventsIsRefreshedOnTheTimer()
    {
        m_hub->events().status = 404;
        QSignalSpy errors(m_session.get(), &AdminSession::errorOccurred);
        m_session->setRefreshInterval(100);
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->events().streamRequests >= 1 && m_session->hasLoaded(), 10000);
        QSignalSpy arrived(m_session.get(), &AdminSession::requestArrived);
        m_hub->addPendingRequest(QStringLiteral("Hal"), 23);
        QVERIFY(arrived.wait(10000));
        QVERIFY(!m_session->isLive());
        QCOMPARE(errors.size(), 0); // the missing stream is not an error
    }

    void applyFailureIsReported()
    {
        QVERIFY(connectLive());
        QSignalSpy errors(m_session.get(), &AdminSession::errorOccurred);
        m_hub->publish(QStringLiteral("apply.failed"),
                       { { QStringLiteral("error"), QStringLiteral("wg: no such device") } });
        QVERIFY(errors.wait(10000));
        QVERIFY(errors.constFirst().constFirst().value<Error>().message.contains(
            QStringLiteral("wg: no such device")));
    }

    void approvalByAnotherAdminArrivesAsEvents()
    {
        const RequestInfo r = m_hub->addPendingRequest(QStringLiteral("Ida"), 24);
        m_session->setRefreshInterval(24 * 3600 * 1000);
        QVERIFY(connectLive());
        QCOMPARE(m_session->snapshot().pendingRequests().size(), 1);
        QSignalSpy clients(m_session.get(), &AdminSession::clientsChanged);
        QSignalSpy etag(m_session.get(), &AdminSession::clientsEtagChanged);
        AdminClient other;
        other.setHub(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        auto approved
            = waitFor<RequestInfo>([&](auto done) { other.approveRequest(r.id, std::nullopt, this, done); });
        QVERIFY(approved.ok());
        QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().pendingRequests().isEmpty(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->snapshot().clients.size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->snapshot().clientsEtag, m_hub->etag(), 10000);
        const ClientInfo c = m_session->snapshot().clients.constFirst();
        QCOMPARE(c.publicKey, FakeHub::key(24));
        QCOMPARE(c.approvedBy, QStringLiteral("token:admin"));
        QVERIFY(etag.size() >= 1);
    }

    void intervalRefreshes()
    {
        m_session->setRefreshInterval(100);
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->hits.value(QStringLiteral("GET devices")) >= 3, 10000);
    }
};

QTEST_GUILESS_MAIN(TestAdminSession)
#include "tst_adminsession.moc"
