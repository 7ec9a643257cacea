// The registration flow over real HTTP against an in-process hub API.
#include "ApiTestFixture.h"
#include "ClientsFile.h"
#include "TestKeys.h"

#include <QJsonArray>
#include <QtTest>

using namespace fvpn;

class TestRegistrationApi : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApiTestFixture> f;

    QString approvedAddressOnDisk(const PublicKey &key)
    {
        auto file = ClientsFile::parseUtf8(f->clientsFileOnDisk());
        if (!file)
            return {};
        auto peer = file->findByKey(key);
        return peer ? peer->address.toString() : QString();
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<ApiTestFixture>();
        QVERIFY(f->ok());
    }
    void cleanup() { f.reset(); }

    void health()
    {
        auto r = f->send("GET", f->publicUrl(u"/api/v1/health"_qs));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"status").toString(), u"ok"_qs);
        QCOMPARE(r.headers.value("cache-control"), QByteArray("no-store"));
    }

    void registerApprovePoll()
    {
        const PublicKey key = randomPublicKey();
        auto created = f->registerKey(key.toBase64());
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(u"id").toString();
        const QString secret = created.json().value(u"secret").toString();
        QCOMPARE(id.size(), 32);
        QVERIFY(secret.size() >= 40);
        QCOMPARE(created.json().value(u"status").toString(), u"pending"_qs);
        QCOMPARE(created.json().value(u"poll_url").toString(), u"/api/v1/registrations/"_qs + id);
        QVERIFY(!created.json().contains(u"config"));

        auto pending = f->poll(id, secret);
        QCOMPARE(pending.status, 200);
        QCOMPARE(pending.json().value(u"status").toString(), u"pending"_qs);

        auto list = f->admin("GET", u"/api/v1/requests"_qs);
        QCOMPARE(list.status, 200);
        const QJsonArray requests = list.json().value(u"requests").toArray();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).toObject().value(u"id").toString(), id);
        QCOMPARE(requests.at(0).toObject().value(u"source_address").toString(), u"127.0.0.1"_qs);
        QCOMPARE(requests.at(0).toObject().value(u"os").toString(), u"Debian GNU/Linux 12"_qs);
        QCOMPARE(list.json().value(u"suggested_address").toString(), u"10.42.42.2"_qs);

        auto approved = f->adminJson("POST", u"/api/v1/requests/"_qs + id + u"/approve", {});
        QCOMPARE(approved.status, 200);
        QCOMPARE(approved.json().value(u"status").toString(), u"approved"_qs);
        QCOMPARE(approved.json().value(u"decided_by").toString(), u"token:test-admin"_qs);

        // On disk and applied, before the answer came.
        QCOMPARE(approvedAddressOnDisk(key), u"10.42.42.2"_qs);
        QVERIFY(f->backend().appliedClientKeys().contains(key));

        auto polled = f->poll(id, secret);
        QCOMPARE(polled.status, 200);
        QCOMPARE(polled.json().value(u"status").toString(), u"approved"_qs);
        const QJsonObject config = polled.json().value(u"config").toObject();
        QCOMPARE(config.value(u"address").toString(), u"10.42.42.2"_qs);
        QCOMPARE(config.value(u"address_cidr").toString(), u"10.42.42.2/32"_qs);
        QCOMPARE(config.value(u"hub_public_key").toString(), f->backend().hubPublicKey().toBase64());
        QCOMPARE(config.value(u"endpoint").toString(), u"hub.example.com:5555"_qs);
        QCOMPARE(config.value(u"hub_address").toString(), f->backend().hubAddress().toString());
        QCOMPARE(config.value(u"allowed_ips").toArray(), QJsonArray { u"10.42.42.0/24"_qs });
        QCOMPARE(config.value(u"persistent_keepalive").toInt(), 25);

        auto audit = f->admin("GET", u"/api/v1/audit"_qs);
        QCOMPARE(audit.status, 200);
        const QJsonArray entries = audit.json().value(u"entries").toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).toObject().value(u"action").toString(), u"request.approve"_qs);
        QCOMPARE(entries.at(0).toObject().value(u"before").toObject().value(u"status").toString(),
                 u"pending"_qs);
        QCOMPARE(entries.at(0).toObject().value(u"after").toObject().value(u"address").toString(),
                 u"10.42.42.2"_qs);
        QCOMPARE(entries.at(1).toObject().value(u"action").toString(), u"request.create"_qs);
    }

    void approveWithAddress_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("status");
        QTest::newRow("free") << u"10.42.42.77"_qs << 200;
        QTest::newRow("taken by a device") << u"10.42.42.10"_qs << 409;
        QTest::newRow("taken by a client") << u"10.42.42.20"_qs << 409;
        QTest::newRow("the hub's") << u"10.42.42.1"_qs << 409;
        QTest::newRow("outside the subnet") << u"10.42.43.5"_qs << 400;
        QTest::newRow("network address") << u"10.42.42.0"_qs << 400;
        QTest::newRow("broadcast address") << u"10.42.42.255"_qs << 400;
        QTest::newRow("not an address") << u"10.42.42"_qs << 400;
        QTest::newRow("with a prefix") << u"10.42.42.9/32"_qs << 400;
        QTest::newRow("IPv6") << u"fd00::5"_qs << 400;
    }
    void approveWithAddress()
    {
        QFETCH(QString, address);
        QFETCH(int, status);
        f->backend().setDevices(
            { { u"dev-10"_qs, randomPublicKey(), IpAddress::parse(u"10.42.42.10").value() } });
        const PublicKey other = randomPublicKey();
        QVERIFY(f->backend().replaceClientsFile(other.toBase64().toLatin1() + " 10.42.42.20 bob\n"));
        const QByteArray before = f->clientsFileOnDisk();

        const PublicKey key = randomPublicKey();
        auto created = f->registerKey(key.toBase64());
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(u"id").toString();
        auto approved = f->adminJson("POST", u"/api/v1/requests/"_qs + id + u"/approve",
                                     { { u"address"_qs, address } });
        QCOMPARE(approved.status, status);
        if (status == 200) {
            QCOMPARE(approvedAddressOnDisk(key), address);
        } else {
            QVERIFY(!approved.errorMessage().isEmpty());
            QCOMPARE(f->clientsFileOnDisk(), before);
            QCOMPARE(f->api().requests().find(id)->status, RequestStatus::Pending);
        }
    }

    void rejectThenRegisterAgain()
    {
        const PublicKey key = randomPublicKey();
        auto created = f->registerKey(key.toBase64());
        const QString id = created.json().value(u"id").toString();
        const QString secret = created.json().value(u"secret").toString();
        auto rejected = f->adminJson("POST", u"/api/v1/requests/"_qs + id + u"/reject",
                                     { { u"reason"_qs, u"please use your work laptop"_qs } });
        QCOMPARE(rejected.status, 200);
        auto polled = f->poll(id, secret);
        QCOMPARE(polled.json().value(u"status").toString(), u"rejected"_qs);
        QCOMPARE(polled.json().value(u"reason").toString(), u"please use your work laptop"_qs);
        QVERIFY(!polled.json().contains(u"config"));
        // Rejected again: 409.
        QCOMPARE(f->adminJson("POST", u"/api/v1/requests/"_qs + id + u"/approve", {}).status, 409);
        // The same key may ask again.
        QCOMPARE(f->registerKey(key.toBase64()).status, 201);
        QVERIFY(f->clientsFileOnDisk().isEmpty());
    }

    void cancel()
    {
        auto created = f->registerKey(randomPublicKey().toBase64());
        const QString id = created.json().value(u"id").toString();
        const QString secret = created.json().value(u"secret").toString();
        const QUrl url = f->publicUrl(u"/api/v1/registrations/"_qs + id);
        QCOMPARE(f->send("DELETE", url).status, 401);
        QCOMPARE(f->send("DELETE", url, {}, { { "Authorization", "Bearer wrong" } }).status, 401);
        auto cancelled = f->send("DELETE", url, {}, { { "Authorization", "Bearer " + secret.toLatin1() } });
        QCOMPARE(cancelled.status, 200);
        QCOMPARE(cancelled.json().value(u"status").toString(), u"cancelled"_qs);
        auto again = f->send("DELETE", url, {}, { { "Authorization", "Bearer " + secret.toLatin1() } });
        QCOMPARE(again.status, 409);
        QCOMPARE(f->adminJson("POST", u"/api/v1/requests/"_qs + id + u"/approve", {}).status, 409);
    }

    void duplicateKeysAnswer409WithState()
    {
        const PublicKey key = randomPublicKey();
        auto first = f->registerKey(key.toBase64());
        QCOMPARE(first.status, 201);
        auto second = f->registerKey(key.toBase64());
        QCOMPARE(second.status, 409);
        QCOMPARE(second.json().value(u"error").toObject().value(u"state").toString(), u"pending"_qs);
        QVERIFY(f->adminJson("POST",
                             u"/api/v1/requests/"_qs + first.json().value(u"id").toString() + u"/approve", {})
                    .status
                == 200);
        auto third = f->registerKey(key.toBase64());
        QCOMPARE(third.status, 409);
        QCOMPARE(third.json().value(u"error").toObject().value(u"state").toString(), u"approved"_qs);

        const PublicKey deviceKey = randomPublicKey();
        f->backend().setDevices({ { u"dev-3"_qs, deviceKey, IpAddress::parse(u"10.42.42.3").value() } });
        auto device = f->registerKey(deviceKey.toBase64());
        QCOMPARE(device.status, 409);
        QCOMPARE(device.json().value(u"error").toObject().value(u"state").toString(), u"device"_qs);
        auto hub = f->registerKey(f->backend().hubPublicKey().toBase64());
        QCOMPARE(hub.status, 409);
        QCOMPARE(hub.json().value(u"error").toObject().value(u"state").toString(), u"hub"_qs);
    }

    void revokeClient()
    {
        const PublicKey key = randomPublicKey();
        auto created = f->registerKey(key.toBase64());
        const QString id = created.json().value(u"id").toString();
        const QString secret = created.json().value(u"secret").toString();
        QCOMPARE(f->adminJson("POST", u"/api/v1/requests/"_qs + id + u"/approve", {}).status, 200);
        // URL-safe base64 needs no percent-encoding in the path.
        QString urlSafe = key.toBase64();
        urlSafe.replace(u'+', u'-').replace(u'/', u'_');
        auto revoked = f->admin("DELETE", u"/api/v1/clients/"_qs + urlSafe + u"?reason=lost%20laptop");
        QCOMPARE(revoked.status, 200);
        QVERIFY(!f->backend().appliedClientKeys().contains(key));
        QVERIFY(approvedAddressOnDisk(key).isEmpty());
        auto polled = f->poll(id, secret);
        QCOMPARE(polled.json().value(u"status").toString(), u"revoked"_qs);
        QCOMPARE(polled.json().value(u"reason").toString(), u"lost laptop"_qs);
        QCOMPARE(f->admin("DELETE", u"/api/v1/clients/"_qs + urlSafe).status, 404);
    }

    void failedApplyChangesNothing()
    {
        auto created = f->registerKey(randomPublicKey().toBase64());
        const QString id = created.json().value(u"id").toString();
        QVERIFY(f->backend().replaceClientsFile("# hand-written header\n"));
        const QByteArray before = f->clientsFileOnDisk();
        const int audits = f->auditCount();
        f->backend().failApplies(u"wg set failed: interface fiotest is gone"_qs);
        auto approved = f->adminJson("POST", u"/api/v1/requests/"_qs + id + u"/approve", {});
        QCOMPARE(approved.status, 503);
        QVERIFY(approved.errorMessage().contains(u"interface fiotest is gone"));
        QCOMPARE(f->clientsFileOnDisk(), before);
        QCOMPARE(f->api().requests().find(id)->status, RequestStatus::Pending);
        QCOMPARE(f->auditCount(), audits);
        // Once the interface is back, the same approval goes through.
        f->backend().failApplies(QString());
        QCOMPARE(f->adminJson("POST", u"/api/v1/requests/"_qs + id + u"/approve", {}).status, 200);
    }

    void handEditsAreTheTruth()
    {
        const PublicKey key = randomPublicKey();
        auto created = f->registerKey(key.toBase64());
        const QString id = created.json().value(u"id").toString();
        const QString secret = created.json().value(u"secret").toString();
        // An admin adds the key by hand (or a crash hit between file and database).
        QVERIFY(f->backend().replaceClientsFile(key.toBase64().toLatin1() + " 10.42.42.50 alice\n"));
        auto polled = f->poll(id, secret);
        QCOMPARE(polled.json().value(u"status").toString(), u"approved"_qs);
        QCOMPARE(polled.json().value(u"config").toObject().value(u"address").toString(), u"10.42.42.50"_qs);
        QCOMPARE(f->api().requests().find(id)->decidedBy, u"clients-file"_qs);
        // The line moves to another address by hand: the client is told the new one.
        QVERIFY(f->backend().replaceClientsFile(key.toBase64().toLatin1() + " 10.42.42.51 alice\n"));
        QCOMPARE(f->poll(id, secret).json().value(u"config").toObject().value(u"address").toString(),
                 u"10.42.42.51"_qs);
        // And removed by hand: revoked.
        QVERIFY(f->backend().replaceClientsFile("\n"));
        polled = f->poll(id, secret);
        QCOMPARE(polled.json().value(u"status").toString(), u"revoked"_qs);
    }

    void pollNeedsTheSecret_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::newRow("none") << QByteArray() << 401;
        QTest::newRow("wrong") << QByteArray("Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") << 401;
        QTest::newRow("basic auth") << QByteArray("Basic YWRtaW46YWRtaW4=") << 401;
        QTest::newRow("bearer without value") << QByteArray("Bearer ") << 401;
        QTest::newRow("admin token") << QByteArray("ADMIN") << 401;
    }
    void pollNeedsTheSecret()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        auto created = f->registerKey(randomPublicKey().toBase64());
        const QString id = created.json().value(u"id").toString();
        if (authorization == "ADMIN")
            authorization = "Bearer " + f->token().toLatin1();
        HeaderList headers;
        if (!authorization.isEmpty())
            headers.append({ "Authorization", authorization });
        auto r = f->send("GET", f->publicUrl(u"/api/v1/registrations/"_qs + id), {}, headers);
        QCOMPARE(r.status, status);
        QCOMPARE(r.errorCode(), u"unauthorized"_qs);
        QVERIFY(r.headers.value("www-authenticate").startsWith("Bearer"));
        QCOMPARE(f->send("GET", f->publicUrl(u"/api/v1/registrations/0123456789abcdef0123456789abcdef"_qs),
                         {}, { { "Authorization", "Bearer x" } })
                     .status,
                 404);
    }

    void inviteFlow()
    {
        auto invite = f->adminJson("POST", u"/api/v1/invites"_qs,
                                   { { u"note"_qs, u"new starter"_qs }, { u"pre_approved"_qs, true } });
        QCOMPARE(invite.status, 201);
        const QString code = invite.json().value(u"code").toString();
        QVERIFY(invite.json().value(u"link").toString().startsWith(u"factory-vpn://enroll?url="));
        const PublicKey key = randomPublicKey();
        auto created = f->registerKey(key.toBase64(), u"Carol"_qs, code);
        QCOMPARE(created.status, 201);
        // Pre-approved: the answer already carries the tunnel.
        QCOMPARE(created.json().value(u"status").toString(), u"approved"_qs);
        QCOMPARE(created.json().value(u"config").toObject().value(u"address").toString(), u"10.42.42.2"_qs);
        QVERIFY(f->backend().appliedClientKeys().contains(key));
        QVERIFY(f->api()
                    .requests()
                    .find(created.json().value(u"id").toString())
                    ->decidedBy.startsWith(u"invite:"));

        // Replayed: refused, and nothing was stored for the second key.
        const int before = f->requestCount();
        auto replay = f->registerKey(randomPublicKey().toBase64(), u"Mallory"_qs, code);
        QCOMPARE(replay.status, 403);
        QVERIFY(replay.errorMessage().contains(u"already used"));
        QCOMPARE(f->requestCount(), before);

        // A plain (not pre-approved) invite leaves the request pending.
        auto plain = f->adminJson("POST", u"/api/v1/invites"_qs, { { u"max_uses"_qs, 2 } });
        auto withPlain = f->registerKey(randomPublicKey().toBase64(), u"Dave"_qs,
                                        plain.json().value(u"code").toString());
        QCOMPARE(withPlain.status, 201);
        QCOMPARE(withPlain.json().value(u"status").toString(), u"pending"_qs);

        // Revoked invites stop working.
        const QString plainId = plain.json().value(u"invite").toObject().value(u"id").toString();
        QCOMPARE(f->admin("DELETE", u"/api/v1/invites/"_qs + plainId).status, 200);
        QCOMPARE(
            f->registerKey(randomPublicKey().toBase64(), u"Eve"_qs, plain.json().value(u"code").toString())
                .status,
            403);
    }

    void rateLimited()
    {
        HubApiConfig config;
        config.registrationBurst = 3;
        config.registrationRefillMs = 3'600'000;
        f = std::make_unique<ApiTestFixture>(config);
        QVERIFY(f->ok());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(f->registerKey(randomPublicKey().toBase64()).status, 201);
        auto limited = f->registerKey(randomPublicKey().toBase64());
        QCOMPARE(limited.status, 429);
        QVERIFY(limited.headers.value("retry-after").toInt() > 0);
        QCOMPARE(f->requestCount(), 3);
    }

    void pendingCap()
    {
        HubApiConfig config;
        config.maxPendingRequests = 2;
        f = std::make_unique<ApiTestFixture>(config);
        QVERIFY(f->ok());
        QCOMPARE(f->registerKey(randomPublicKey().toBase64()).status, 201);
        QCOMPARE(f->registerKey(randomPublicKey().toBase64()).status, 201);
        auto full = f->registerKey(randomPublicKey().toBase64());
        QCOMPARE(full.status, 503);
        QCOMPARE(f->requestCount(), 2);
    }

    void poolExhaustion()
    {
        auto created = f->registerKey(randomPublicKey().toBase64());
        const QString id = created.json().value(u"id").toString();
        QByteArray lines;
        for (int i = 2; i <= 254; ++i)
            lines += randomPublicKey().toBase64().toLatin1() + " 10.42.42." + QByteArray::number(i) + "\n";
        QVERIFY(f->backend().replaceClientsFile(lines));
        auto approved = f->adminJson("POST", u"/api/v1/requests/"_qs + id + u"/approve", {});
        QCOMPARE(approved.status, 409);
        QVERIFY(approved.errorMessage().contains(u"no free address"));
    }

    void publicListenerServesNoAdminRoutes()
    {
        for (const QString &path : { u"/api/v1/status"_qs, u"/api/v1/requests"_qs, u"/api/v1/clients-file"_qs,
                                     u"/api/v1/tokens"_qs }) {
            auto r = f->send("GET", f->publicUrl(path), {},
                             { { "Authorization", "Bearer " + f->token().toLatin1() } });
            QCOMPARE(r.status, 404);
        }
        // ... and the admin listener does not take registrations.
        auto r = f->send("POST", f->adminUrl(u"/api/v1/registrations"_qs), "{}",
                         { { "Content-Type", "application/json" } });
        QCOMPARE(r.status, 404);
    }
};

QTEST_GUILESS_MAIN(TestRegistrationApi)
#include "tst_registrationapi.moc"
