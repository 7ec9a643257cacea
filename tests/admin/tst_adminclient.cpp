#include "AdminClient.h"
#include "AdminTestUtil.h"
#include "FakeHub.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThreadPool>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;

class TestAdminClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<AdminClient> m_client;

    template<typename T> Result<T> call(const std::function<void(AdminClient::Done<T>)> &start)
    {
        return waitFor<T>(start);
    }

    // Starts a call with every thread of the global pool held, checks that its
    // answer arrived but no result came back until the pool was released (it is
    // decoded there), and that the result came on this thread, without an error.
    template<typename T>
    void callWithThePoolHeld(const std::function<void(AdminClient::Done<T>)> &start,
                             std::optional<Result<T>> *result)
    {
        QThreadPool *pool = QThreadPool::globalInstance();
        QSemaphore release;
        for (int i = 0; i < pool->maxThreadCount(); ++i)
            pool->start([&release] { release.acquire(); });
        QThread *deliveredOn = nullptr;
        start([&](Result<T> value) {
            deliveredOn = QThread::currentThread();
            *result = std::move(value);
        });
        QTRY_COMPARE(m_client->callsInFlight(), 0);
        QTest::qWait(100);
        const bool early = result->has_value();
        release.release(pool->maxThreadCount());
        // Not before every holder is past its acquire(): `release` dies with this call.
        QVERIFY(pool->waitForDone(30000));
        QVERIFY2(!early, "the answer was decoded on the GUI thread");
        QTRY_VERIFY(result->has_value());
        QCOMPARE(deliveredOn, QThread::currentThread());
        QVERIFY2((*result)->ok(), qPrintable(**result ? QString() : (*result)->error().message));
    }

private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->listen());
        m_client = std::make_unique<AdminClient>();
        m_client->setHub(m_hub->url(), QString::fromLatin1(FakeHub::Token));
    }

    void cleanup()
    {
        m_client.reset();
        m_hub.reset();
    }

    void listsDevices()
    {
        m_hub->addDevice(1, QDateTime::currentDateTimeUtc());
        m_hub->addDevice(2);
        auto list = call<DeviceList>([this](auto done) { m_client->devices(this, done); });
        QVERIFY2(list.ok(), qPrintable(list ? QString() : list.error().message));
        QCOMPARE(list->devices.size(), 2);
        QCOMPARE(list->devices[0].name, QStringLiteral("dev-001"));
        QCOMPARE(list->devices[0].publicKey, FakeHub::key(1));
        QVERIFY(list->devices[0].live.lastHandshake.isValid());
        QVERIFY(!list->devices[1].live.lastHandshake.isValid());
        QCOMPARE(m_hub->hits.value(QStringLiteral("GET devices")), 1);
    }

    void approvesAndRejects()
    {
        const RequestInfo alice = m_hub->addPendingRequest(QStringLiteral("Alice"), 10);
        const RequestInfo bob = m_hub->addPendingRequest(QStringLiteral("Bob"), 11);
        auto list = call<RequestList>([this](auto done) { m_client->requests(this, done); });
        QVERIFY(list.ok());
        QCOMPARE(list->requests.size(), 2);
        QCOMPARE(list->requests[0].id, bob.id); // newest first
        QCOMPARE(list->suggestedAddress.toString(), QStringLiteral("10.42.0.2"));

        const IpAddress wanted = IpAddress::parse(u"10.42.0.77").value();
        auto approved
            = call<RequestInfo>([&](auto done) { m_client->approveRequest(alice.id, wanted, this, done); });
        QVERIFY2(approved.ok(), qPrintable(approved ? QString() : approved.error().message));
        QCOMPARE(approved->status, RequestState::Approved);
        QCOMPARE(approved->address, wanted);
        QVERIFY(
            m_hub->clientsFile().contains(FakeHub::key(10).toBase64() + QStringLiteral(" 10.42.0.77 Alice")));

        // Approving twice is the hub's conflict, passed on as such.
        auto again
            = call<RequestInfo>([&](auto done) { m_client->approveRequest(alice.id, {}, this, done); });
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QCOMPARE(again.error().message, QStringLiteral("the request is approved, not pending"));

        auto rejected = call<RequestInfo>([&](auto done) {
            m_client->rejectRequest(bob.id, QStringLiteral("unknown laptop & no ticket"), this, done);
        });
        QVERIFY(rejected.ok());
        QCOMPARE(rejected->status, RequestState::Rejected);
        QCOMPARE(rejected->reason, QStringLiteral("unknown laptop & no ticket"));
    }

    void approveWithoutAddressLetsTheHubChoose()
    {
        const RequestInfo r = m_hub->addPendingRequest(QStringLiteral("Carol"), 12);
        auto approved = call<RequestInfo>([&](auto done) { m_client->approveRequest(r.id, {}, this, done); });
        QVERIFY(approved.ok());
        QCOMPARE(QJsonDocument::fromJson(m_hub->lastBody).object(), QJsonObject());
        QCOMPARE(approved->address.toString(), QStringLiteral("10.42.0.2"));
    }

    void revokesByKeyWithAReason()
    {
        m_hub->setClientsFile(FakeHub::key(20).toBase64() + QStringLiteral(" 10.42.0.50 dave\n"));
        // Keys with '+' and '/' must survive the path; reasons with '&', '+', '%'.
        const QString reason = QStringLiteral("left the company + laptop lost & 100% sure");
        auto revoked
            = call<void>([&](auto done) { m_client->revokeClient(FakeHub::key(20), reason, this, done); });
        QVERIFY2(revoked.ok(), qPrintable(revoked ? QString() : revoked.error().message));
        QVERIFY(m_hub->clientsFile().isEmpty());
        QCOMPARE(m_hub->audit.constLast().after.toString(), reason);

        auto missing
            = call<void>([&](auto done) { m_client->revokeClient(FakeHub::key(20), {}, this, done); });
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void keyPathSegmentIsUrlSafe()
    {
        QByteArray raw(32, '\xfb'); // base64 of 0xfb... is full of '+' and '/'
        const PublicKey key = PublicKey::fromRaw(raw).value();
        QVERIFY(key.toBase64().contains(u'+') || key.toBase64().contains(u'/'));
        const QString segment = AdminClient::keyPathSegment(key);
        QVERIFY(!segment.contains(u'+'));
        QVERIFY(!segment.contains(u'/'));
    }

    void clientsFileRoundTripWithEtags()
    {
        m_hub->setClientsFile(QStringLiteral("# engineers\n"));
        auto version = call<ClientsFileVersion>([&](auto done) { m_client->clientsFile(this, done); });
        QVERIFY(version.ok());
        QCOMPARE(version->content, QStringLiteral("# engineers\n"));
        QCOMPARE(version->etag, m_hub->etag());

        const QString edited
            = version->content + FakeHub::key(30).toBase64() + QStringLiteral(" 10.42.0.60 erin\n");
        auto saved
            = call<QString>([&](auto done) { m_client->saveClientsFile(edited, version->etag, this, done); });
        QVERIFY2(saved.ok(), qPrintable(saved ? QString() : saved.error().message));
        QCOMPARE(QString::fromLatin1(m_hub->lastIfMatch), version->etag);
        QCOMPARE(*saved, m_hub->etag());
        QCOMPARE(m_hub->clientsFile(), edited);

        // The old ETag is now stale: the hub refuses, nothing is overwritten.
        auto stale = call<QString>([&](auto done) {
            m_client->saveClientsFile(QStringLiteral("# wiped\n"), version->etag, this, done);
        });
        QVERIFY(!stale.ok());
        QCOMPARE(stale.error().code, ErrorCode::PreconditionFailed);
        QCOMPARE(m_hub->clientsFile(), edited);
    }

    void fileRefusedByTheHubComesWithLineErrors()
    {
        auto version = call<ClientsFileVersion>([&](auto done) { m_client->clientsFile(this, done); });
        QVERIFY(version.ok());
        auto saved = call<QString>([&](auto done) {
            m_client->saveClientsFile(QStringLiteral("# ok\nnonsense here\n"), version->etag, this, done);
        });
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code, ErrorCode::InvalidInput);
        QCOMPARE(saved.error().lineErrors.size(), 1);
        QCOMPARE(saved.error().lineErrors.constFirst().line, 2);
        QCOMPARE(saved.error().message, QStringLiteral("factory-clients.conf has 1 error"));
    }

    void settingsAreReadBack()
    {
        auto before = call<HubSettings>([&](auto done) { m_client->settings(this, done); });
        QVERIFY(before.ok());
        QVERIFY(!before->deviceToDevice);
        auto after = call<HubSettings>([&](auto done) { m_client->saveSettings({ true }, this, done); });
        QVERIFY(after.ok());
        QVERIFY(after->deviceToDevice);
        QVERIFY(m_hub->deviceToDevice);
    }

    void auditPagesAndPool()
    {
        for (int i = 0; i < 5; ++i)
            m_hub->record(QStringLiteral("token:ops"), QStringLiteral("a%1").arg(i), QStringLiteral("t"));
        AuditQuery q;
        q.limit = 2;
        auto first = call<AuditRecordPage>([&](auto done) { m_client->audit(q, this, done); });
        QVERIFY(first.ok());
        QCOMPARE(first->entries.size(), 2);
        QCOMPARE(first->entries[0].action, QStringLiteral("a4"));
        QVERIFY(first->nextBefore);
        q.before = first->nextBefore;
        q.limit = 10;
        auto rest = call<AuditRecordPage>([&](auto done) { m_client->audit(q, this, done); });
        QVERIFY(rest.ok());
        QCOMPARE(rest->entries.size(), 3);
        QVERIFY(!rest->nextBefore);

        auto pool = call<PoolInfo>([&](auto done) { m_client->pool(this, done); });
        QVERIFY(pool.ok());
        QCOMPARE(pool->subnet.toString(), QStringLiteral("10.42.0.0/16"));
        QCOMPARE(pool->hubAddress.toString(), QStringLiteral("10.42.0.1"));
    }

    void wrongTokenIsSaidPlainly()
    {
        m_client->setHub(m_hub->url(), QStringLiteral("not-the-token"));
        auto list = call<DeviceList>([this](auto done) { m_client->devices(this, done); });
        QVERIFY(!list.ok());
        QCOMPARE(list.error().code, ErrorCode::PermissionDenied);
        QVERIFY2(list.error().message.contains(QStringLiteral("did not accept the admin token")),
                 qPrintable(list.error().message));
        QVERIFY(!list.error().message.contains(QStringLiteral("not-the-token")));
    }

    void unreachableHubAsksAboutTheVpn()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        m_client->setHub(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)),
                         QStringLiteral("whatever-token"));
        auto list = call<DeviceList>([this](auto done) { m_client->devices(this, done); });
        QVERIFY(!list.ok());
        QCOMPARE(list.error().code, ErrorCode::Unavailable);
        QCOMPARE(list.error().message,
                 QStringLiteral(
                     "The hub's admin API at http://127.0.0.1:%1 is not reachable — are you on the VPN? "
                     "(connection refused)")
                     .arg(port));
    }

    void silentHubTimesOut()
    {
        QTcpServer silent; // accepts and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        m_client->setHub(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())),
                         QStringLiteral("whatever-token"));
        m_client->setTimeout(300);
        auto list = call<DeviceList>([this](auto done) { m_client->devices(this, done); });
        QVERIFY(!list.ok());
        QCOMPARE(list.error().code, ErrorCode::Unavailable);
        QVERIFY2(list.error().message.endsWith(QStringLiteral("(no answer within 0.3 s)")),
                 qPrintable(list.error().message));
    }

    void busyHubIsReported()
    {
        m_hub->failWithStatus = 503;
        auto list = call<DeviceList>([this](auto done) { m_client->devices(this, done); });
        QCOMPARE(list.error().code, ErrorCode::Unavailable);
        QCOMPARE(list.error().message, QStringLiteral("the hub is busy"));
    }

    void answerThatIsNotTheApiIsReported()
    {
        QHttpServer other;
        other.route(QStringLiteral("/api/v1/devices"),
                    [] { return QHttpServerResponse("text/html", "<html/>"); });
        other.route(QStringLiteral("/api/v1/pool"), [] {
            return QHttpServerResponse(QJsonObject { { QStringLiteral("subnet"), 5 } });
        });
        const quint16 port = other.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        m_client->setHub(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)),
                         QStringLiteral("whatever-token"));
        auto devices = call<DeviceList>([this](auto done) { m_client->devices(this, done); });
        QVERIFY(!devices.ok());
        QVERIFY2(devices.error().message.contains(QStringLiteral("cannot be read as JSON")),
                 qPrintable(devices.error().message));
        auto pool = call<PoolInfo>([this](auto done) { m_client->pool(this, done); });
        QVERIFY(!pool.ok());
        QCOMPARE(pool.error().message,
                 QStringLiteral("The hub's answer to GET /api/v1/pool is not what this app "
                                "understands: subnet is not a string"));
    }

    void noUrlIsAnErrorNotACrash()
    {
        m_client->setHub(QUrl(), QString());
        auto list = call<DeviceList>([this](auto done) { m_client->devices(this, done); });
        QCOMPARE(list.error().code, ErrorCode::InvalidInput);
        m_client->setHub(QUrl(QStringLiteral("ftp://hub")), QString());
        QCOMPARE(call<DeviceList>([this](auto done) { m_client->devices(this, done); }).error().code,
                 ErrorCode::InvalidInput);
    }

    void goneContextGetsNoCallback()
    {
        bool called = false;
        {
            QObject context;
            m_client->devices(&context, [&called](Result<DeviceList>) { called = true; });
        }
        QTRY_COMPARE(m_client->callsInFlight(), 0);
        QVERIFY(!called);
    }

    // A large answer (thousands of devices) is decoded on a worker thread: with
    // every pool thread held, the answer arrives but no result comes back until
    // they are released, and the result is then delivered on this thread.
    void largeAnswersAreDecodedOffTheGuiThread()
    {
        for (int n = 1; n <= 3000; ++n)
            m_hub->addDevice(n, QDateTime::currentDateTimeUtc());
        std::optional<Result<DeviceList>> result;
        callWithThePoolHeld<DeviceList>([this](auto done) { m_client->devices(this, done); }, &result);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE((*result)->devices.size(), 3000);
        QCOMPARE((*result)->devices.last().publicKey, FakeHub::key(3000));
    }

    // The admin view's device list comes through deviceDelta: at 10,000 devices
    // its first, full answer is megabytes, decoded off the GUI thread too.
    void largeDeviceDeltasAreDecodedOffTheGuiThread()
    {
        for (int n = 1; n <= 3000; ++n)
            m_hub->addDevice(n, QDateTime::currentDateTimeUtc());
        std::optional<Result<DeviceDelta>> result;
        callWithThePoolHeld<DeviceDelta>(
            [this](auto done) { m_client->deviceDelta(std::nullopt, QString(), this, done); }, &result);
        if (QTest::currentTestFailed())
            return;
        QVERIFY((*result)->full);
        QCOMPARE((*result)->devices.size(), 3000);
        QVERIFY(!(*result)->etag.isEmpty());

        // Unchanged since that answer: a 304, told as such, with nothing decoded.
        const QString etag = (*result)->etag;
        result.reset();
        m_client->deviceDelta(std::nullopt, etag, this,
                              [&](Result<DeviceDelta> delta) { result = std::move(delta); });
        QTRY_VERIFY(result.has_value());
        QVERIFY2(result->ok(), qPrintable(*result ? QString() : result->error().message));
        QVERIFY((*result)->notModified);
        QVERIFY((*result)->devices.isEmpty());
    }

    // Answers are read as strictly as everything else: a device list whose
    // revision could be read two ways is refused, not half-believed.
    void deviceDeltaWithADuplicateKeyIsRefused()
    {
        QHttpServer other;
        other.route(QStringLiteral("/api/v1/devices"), [] {
            return QHttpServerResponse("application/json",
                                       R"({"revision": 3, "full": true, "devices": [], "revision": 9})");
        });
        const quint16 port = other.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        m_client->setHub(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)),
                         QStringLiteral("whatever-token"));
        auto delta = call<DeviceDelta>(
            [this](auto done) { m_client->deviceDelta(std::nullopt, QString(), this, done); });
        QVERIFY(!delta.ok());
        QCOMPARE(delta.error().code, ErrorCode::Internal);
        QVERIFY2(delta.error().message.contains(QStringLiteral("GET /api/v1/devices cannot be read as JSON"))
                     && delta.error().message.contains(QStringLiteral("the key 'revision' appears twice")),
                 qPrintable(delta.error().message));
    }

    void goneContextGetsNoCallbackFromABackgroundDecode()
    {
        for (int n = 1; n <= 3000; ++n)
            m_hub->addDevice(n);
        QThreadPool *pool = QThreadPool::globalInstance();
        QSemaphore release;
        for (int i = 0; i < pool->maxThreadCount(); ++i)
            pool->start([&release] { release.acquire(); });
        bool called = false;
        auto context = std::make_unique<QObject>();
        m_client->devices(context.get(), [&called](Result<DeviceList>) { called = true; });
        QTRY_COMPARE(m_client->callsInFlight(), 0);
        context.reset(); // gone while its answer waits to be decoded
        release.release(pool->maxThreadCount());
        QVERIFY(pool->waitForDone(10000));
        QTest::qWait(50);
        QVERIFY(!called);
    }

    void tokenIsSentOnlyToTheConfiguredOrigin()
    {
        // A hub that redirects elsewhere does not get followed with the token.
        QHttpServer redirecting;
        redirecting.route(QStringLiteral("/api/v1/devices"), [] {
            QHttpServerResponse r(QHttpServerResponder::StatusCode::Found);
            r.addHeader("Location", "http://127.0.0.1:1/api/v1/devices");
            return r;
        });
        const quint16 port = redirecting.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        m_client->setHub(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)),
                         QStringLiteral("whatever-token"));
        auto devices = call<DeviceList>([this](auto done) { m_client->devices(this, done); });
        QVERIFY(!devices.ok());
        QVERIFY2(devices.error().message.contains(QStringLiteral("redirect")),
                 qPrintable(devices.error().message));
    }
};

QTEST_GUILESS_MAIN(TestAdminClient)
#include "tst_adminclient.moc"
