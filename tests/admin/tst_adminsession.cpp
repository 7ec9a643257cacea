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
        QVERIFY(clients.wait(10000));
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
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY(m_session->hasLoaded());
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

    void intervalRefreshes()
    {
        m_session->setRefreshInterval(100);
        m_session->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->hits.value(QStringLiteral("GET devices")) >= 3, 10000);
    }
};

QTEST_GUILESS_MAIN(TestAdminSession)
#include "tst_adminsession.moc"
