// Admin routes over real HTTP against an in-process hub API.
#include "ApiTestFixture.h"
#include "EnrollmentLink.h"
#include "TestKeys.h"

#include <QJsonArray>
#include <QtTest>

using namespace fvpn;

class TestAdminApi : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApiTestFixture> f;

    HttpReply putFile(const QByteArray &content, const QByteArray &etag)
    {
        HeaderList headers { { "Content-Type", "text/plain" } };
        if (!etag.isNull())
            headers.append({ "If-Match", etag });
        return f->admin("PUT", u"/api/v1/clients-file"_qs, content, headers);
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<ApiTestFixture>();
        QVERIFY(f->ok());
    }
    void cleanup() { f.reset(); }

    void tokensGuardEverything_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("missing") << QByteArray();
        QTest::newRow("not bearer") << QByteArray("Token abc");
        QTest::newRow("garbage") << QByteArray("Bearer abc");
        QTest::newRow("wrong secret") << QByteArray("Bearer WRONG");
        QTest::newRow("revoked") << QByteArray("REVOKED");
    }
    void tokensGuardEverything()
    {
        QFETCH(QByteArray, authorization);
        if (authorization == "Bearer WRONG")
            authorization = "Bearer " + f->token().section(u'.', 0, 0).toLatin1()
                + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        if (authorization == "REVOKED") {
            auto extra = f->api().tokens().create(u"old"_qs);
            QVERIFY(f->api().tokens().revoke(u"old").ok());
            authorization = "Bearer " + extra->secretText.toLatin1();
        }
        for (const auto &[method, path] :
             QList<QPair<QByteArray, QString>> { { "GET", u"/api/v1/status"_qs },
                                                 { "GET", u"/api/v1/devices"_qs },
                                                 { "GET", u"/api/v1/clients"_qs },
                                                 { "GET", u"/api/v1/requests"_qs },
                                                 { "GET", u"/api/v1/clients-file"_qs },
                                                 { "PUT", u"/api/v1/settings"_qs },
                                                 { "GET", u"/api/v1/audit"_qs },
                                                 { "POST", u"/api/v1/invites"_qs },
                                                 { "GET", u"/api/v1/tokens"_qs },
                                                 { "GET", u"/api/v1/pool"_qs } }) {
            HeaderList headers;
            if (!authorization.isEmpty())
                headers.append({ "Authorization", authorization });
            auto r = f->send(method, f->adminUrl(path), {}, headers);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), u"unauthorized"_qs);
        }
    }

    void clientsFileEtags()
    {
        auto read = f->admin("GET", u"/api/v1/clients-file"_qs);
        QCOMPARE(read.status, 200);
        QVERIFY(read.body.isEmpty());
        const QByteArray etag = read.headers.value("etag");
        QVERIFY(etag.startsWith('"'));

        const QByteArray content
            = "# engineers\n" + randomPublicKey().toBase64().toLatin1() + " 10.42.42.30 alice\n";
        QCOMPARE(putFile(content, QByteArray()).status, 428);
        auto written = putFile(content, etag);
        QCOMPARE(written.status, 200);
        const QByteArray newEtag = written.headers.value("etag");
        QVERIFY(newEtag != etag);
        QCOMPARE(f->clientsFileOnDisk(), content);
        QCOMPARE(f->backend().appliedClientKeys().size(), 1);

        // The old ETag no longer matches: 412, nothing written.
        auto stale = putFile("", etag);
        QCOMPARE(stale.status, 412);
        QCOMPARE(stale.errorCode(), u"precondition_failed"_qs);
        QCOMPARE(f->clientsFileOnDisk(), content);

        auto again = f->admin("GET", u"/api/v1/clients-file"_qs);
        QCOMPARE(again.body, content);
        QCOMPARE(again.headers.value("etag"), newEtag);

        auto audit = f->admin("GET", u"/api/v1/audit?action=clients_file.replace"_qs);
        const QJsonObject entry = audit.json().value(u"entries").toArray().at(0).toObject();
        QCOMPARE(entry.value(u"after").toObject().value(u"peers").toArray().size(), 1);
        QCOMPARE(entry.value(u"before").toObject().value(u"peers").toArray().size(), 0);
    }

    void concurrentEditsGiveExactlyOne412()
    {
        const QByteArray etag = f->admin("GET", u"/api/v1/clients-file"_qs).headers.value("etag");
        const QByteArray a = randomPublicKey().toBase64().toLatin1() + " 10.42.42.31 alice\n";
        const QByteArray b = randomPublicKey().toBase64().toLatin1() + " 10.42.42.32 bob\n";
        const HeaderList headers { { "Content-Type", "text/plain" },
                                   { "If-Match", etag },
                                   { "Authorization", "Bearer " + f->token().toLatin1() } };
        // Both in flight before either is answered.
        QNetworkReply *first = f->start("PUT", f->adminUrl(u"/api/v1/clients-file"_qs), a, headers);
        QNetworkReply *second = f->start("PUT", f->adminUrl(u"/api/v1/clients-file"_qs), b, headers);
        const HttpReply ra = ApiTestFixture::collect(first);
        const HttpReply rb = ApiTestFixture::collect(second);
        QList<int> statuses { ra.status, rb.status };
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses, (QList<int> { 200, 412 }));
        // No lost update: the file is exactly the winner's.
        QCOMPARE(f->clientsFileOnDisk(), ra.status == 200 ? a : b);
    }

    void invalidFilesAre422WithLines()
    {
        f->backend().setDevices(
            { { u"dev-40"_qs, randomPublicKey(), IpAddress::parse(u"10.42.42.40").value() } });
        const QByteArray etag = f->admin("GET", u"/api/v1/clients-file"_qs).headers.value("etag");
        const QByteArray key = randomPublicKey().toBase64().toLatin1();
        const QByteArray bad = "# ok\n" + key + " 10.42.42.33 alice\nnot-a-key 10.42.42.34 bob\n" + key
            + " 10.42.42.35 dup\n" + randomPublicKey().toBase64().toLatin1() + " 10.42.42.40 clash\n";
        auto r = putFile(bad, etag);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.errorCode(), u"invalid_input"_qs);
        const QJsonArray lines = r.json().value(u"error").toObject().value(u"lines").toArray();
        QVERIFY2(lines.size() >= 2, r.body.constData());
        QCOMPARE(lines.at(0).toObject().value(u"line").toInt(), 3);
        QVERIFY(f->clientsFileOnDisk().isEmpty());

        // A device clash alone is reported on its line too.
        auto clash = putFile(randomPublicKey().toBase64().toLatin1() + " 10.42.42.40 clash\n", etag);
        QCOMPARE(clash.status, 422);
        QCOMPARE(clash.json()
                     .value(u"error")
                     .toObject()
                     .value(u"lines")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"line")
                     .toInt(),
                 1);
        QVERIFY(clash.body.contains("dev-40"));

        QCOMPARE(putFile("x", etag).status, 422);
        auto wrongType = f->admin("PUT", u"/api/v1/clients-file"_qs, "{}",
                                  { { "Content-Type", "application/json" }, { "If-Match", etag } });
        QCOMPARE(wrongType.status, 400);
        QVERIFY(f->clientsFileOnDisk().isEmpty());
    }

    void settings()
    {
        auto read = f->admin("GET", u"/api/v1/settings"_qs);
        QCOMPARE(read.json().value(u"device_to_device").toBool(), false);
        auto on = f->adminJson("PUT", u"/api/v1/settings"_qs, { { u"device_to_device"_qs, true } });
        QCOMPARE(on.status, 200);
        QCOMPARE(on.json().value(u"device_to_device").toBool(), true);
        QVERIFY(f->backend().deviceToDevice());
        QFile settings(f->backend().settingsPath());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(settings.readAll().contains("\"deviceToDevice\": true"));

        QCOMPARE(
            f->adminJson("PUT", u"/api/v1/settings"_qs, { { u"device_to_device"_qs, u"yes"_qs } }).status,
            400);
        QCOMPARE(f->adminJson("PUT", u"/api/v1/settings"_qs, { { u"device_to_device"_qs, 1 } }).status, 400);
        QCOMPARE(f->adminJson("PUT", u"/api/v1/settings"_qs, {}).status, 400);
        QCOMPARE(
            f->adminJson("PUT", u"/api/v1/settings"_qs, { { u"device_to_device"_qs, false }, { u"x"_qs, 1 } })
                .status,
            400);
        QVERIFY(f->backend().deviceToDevice());

        f->backend().failApplies(u"nft failed"_qs);
        auto failed = f->adminJson("PUT", u"/api/v1/settings"_qs, { { u"device_to_device"_qs, false } });
        QCOMPARE(failed.status, 503);
        QVERIFY(f->backend().deviceToDevice());

        auto audit = f->admin("GET", u"/api/v1/audit?target=device_to_device"_qs);
        const QJsonArray entries = audit.json().value(u"entries").toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.at(0).toObject().value(u"before").toBool(), false);
        QCOMPARE(entries.at(0).toObject().value(u"after").toBool(), true);
        QCOMPARE(entries.at(0).toObject().value(u"actor").toString(), u"token:test-admin"_qs);
    }

    void devicesMergeLiveState()
    {
        const PublicKey online = randomPublicKey();
        const PublicKey stale = randomPublicKey();
        const PublicKey never = randomPublicKey();
        f->backend().setDevices({ { u"dev-a"_qs, online, IpAddress::parse(u"10.42.42.11").value() },
                                  { u"dev-b"_qs, stale, IpAddress::parse(u"10.42.42.12").value() },
                                  { u"dev-c"_qs, never, IpAddress::parse(u"10.42.42.13").value() } });
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        f->backend().setHandshake(online, now - 30, 1000, 2000);
        f->backend().setHandshake(stale, now - 3600, 5, 6);
        auto r = f->admin("GET", u"/api/v1/devices"_qs);
        QCOMPARE(r.status, 200);
        const QJsonArray devices = r.json().value(u"devices").toArray();
        QCOMPARE(devices.size(), 3);
        QCOMPARE(devices.at(0).toObject().value(u"state").toString(), u"online"_qs);
        QCOMPARE(devices.at(0).toObject().value(u"online").toBool(), true);
        QCOMPARE(devices.at(0).toObject().value(u"rx_bytes").toInt(), 1000);
        QCOMPARE(devices.at(0).toObject().value(u"endpoint").toString(), u"198.51.100.20:40000"_qs);
        QVERIFY(devices.at(0).toObject().value(u"handshake_age_seconds").toInt() >= 30);
        QCOMPARE(devices.at(1).toObject().value(u"state").toString(), u"stale"_qs);
        QCOMPARE(devices.at(2).toObject().value(u"state").toString(), u"never"_qs);
        QVERIFY(devices.at(2).toObject().value(u"last_handshake").isNull());
        QCOMPARE(devices.at(2).toObject().value(u"address").toString(), u"10.42.42.13"_qs);
    }

    void clientsListAndPoolAndStatus()
    {
        const QByteArray etag = f->admin("GET", u"/api/v1/clients-file"_qs).headers.value("etag");
        const PublicKey key = randomPublicKey();
        QCOMPARE(
            putFile("# header\n" + key.toBase64().toLatin1() + " 10.42.42.5 alice Alice (laptop)\n", etag)
                .status,
            200);
        auto clients = f->admin("GET", u"/api/v1/clients"_qs);
        QCOMPARE(clients.status, 200);
        const QJsonObject c = clients.json().value(u"clients").toArray().at(0).toObject();
        QCOMPARE(c.value(u"name").toString(), u"alice"_qs);
        QCOMPARE(c.value(u"line").toInt(), 2);
        QCOMPARE(c.value(u"public_key").toString(), key.toBase64());
        QCOMPARE(c.value(u"state").toString(), u"never"_qs);

        auto pool = f->admin("GET", u"/api/v1/pool"_qs);
        QCOMPARE(pool.json().value(u"subnet").toString(), u"10.42.42.0/24"_qs);
        QCOMPARE(pool.json().value(u"capacity").toInt(), 253);
        QCOMPARE(pool.json().value(u"used").toInt(), 1);
        QCOMPARE(pool.json().value(u"next_free").toString(), u"10.42.42.2"_qs);

        auto status = f->admin("GET", u"/api/v1/status"_qs);
        QCOMPARE(status.status, 200);
        QCOMPARE(status.json().value(u"hub").toObject().value(u"phase").toString(), u"running"_qs);
        QCOMPARE(status.json().value(u"clients_file").toObject().value(u"peers").toInt(), 1);
        QCOMPARE(status.json().value(u"requests").toObject().value(u"pending").toInt(), 0);
    }

    void auditPages()
    {
        for (int i = 0; i < 7; ++i)
            QCOMPARE(
                f->adminJson("POST", u"/api/v1/invites"_qs, { { u"note"_qs, QStringLiteral("n%1").arg(i) } })
                    .status,
                201);
        QStringList seen;
        QString next;
        int pages = 0;
        do {
            auto page = f->admin(
                "GET", u"/api/v1/audit?limit=3"_qs + (next.isEmpty() ? QString() : u"&before="_qs + next));
            QCOMPARE(page.status, 200);
            const QJsonArray entries = page.json().value(u"entries").toArray();
            for (const QJsonValue &e : entries)
                seen << e.toObject().value(u"target").toString();
            const QJsonValue n = page.json().value(u"next_before");
            next = n.isNull() ? QString() : QString::number(n.toInteger());
            ++pages;
        } while (!next.isEmpty() && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), 7);
        QCOMPARE(f->admin("GET", u"/api/v1/audit?limit=0"_qs).status, 400);
        QCOMPARE(f->admin("GET", u"/api/v1/audit?limit=abc"_qs).status, 400);
        QCOMPARE(f->admin("GET", u"/api/v1/audit?before=-1"_qs).status, 400);
        QCOMPARE(f->admin("GET", u"/api/v1/audit?sort=asc"_qs).status, 400);
    }

    void invitesAndLinks()
    {
        HubApiConfig config;
        config.publicUrl = QUrl(u"https://hub.example.com:8443"_qs);
        config.certificateFingerprint = u"sha256:"_qs + QString(64, u'a');
        f = std::make_unique<ApiTestFixture>(config);
        QVERIFY(f->ok());
        auto created = f->adminJson(
            "POST", u"/api/v1/invites"_qs,
            { { u"max_uses"_qs, 3 }, { u"valid_for_hours"_qs, 2 }, { u"note"_qs, u"line 4"_qs } });
        QCOMPARE(created.status, 201);
        const QJsonObject invite = created.json().value(u"invite").toObject();
        QCOMPARE(invite.value(u"max_uses").toInt(), 3);
        QCOMPARE(invite.value(u"state").toString(), u"usable"_qs);
        QCOMPARE(invite.value(u"created_by").toString(), u"token:test-admin"_qs);
        auto link = EnrollmentLink::parse(created.json().value(u"link").toString());
        QVERIFY2(link.ok(), qPrintable(created.json().value(u"link").toString()));
        QCOMPARE(link->hubUrl, QUrl(u"https://hub.example.com:8443"_qs));
        QCOMPARE(link->fingerprint, config.certificateFingerprint);
        QCOMPARE(link->invite, created.json().value(u"code").toString());
        // The code is shown once: the list does not carry it.
        auto list = f->admin("GET", u"/api/v1/invites"_qs);
        QCOMPARE(list.json().value(u"invites").toArray().size(), 1);
        QVERIFY(!list.body.contains(created.json().value(u"code").toString().section(u'.', 1).toLatin1()));
        auto enrollment = f->admin("GET", u"/api/v1/enrollment"_qs);
        QVERIFY(EnrollmentLink::parse(enrollment.json().value(u"link").toString()).ok());

        QCOMPARE(f->adminJson("POST", u"/api/v1/invites"_qs, { { u"max_uses"_qs, 0 } }).status, 400);
        QCOMPARE(f->adminJson("POST", u"/api/v1/invites"_qs, { { u"max_uses"_qs, 1.5 } }).status, 400);
        QCOMPARE(f->adminJson("POST", u"/api/v1/invites"_qs, { { u"valid_for_hours"_qs, -1 } }).status, 400);
        QCOMPARE(f->adminJson("POST", u"/api/v1/invites"_qs, { { u"note"_qs, u"a\nb"_qs } }).status, 400);
        QCOMPARE(f->admin("DELETE", u"/api/v1/invites/ffffffffffffffff"_qs).status, 404);
    }

    void tokensOverTheApi()
    {
        auto other = f->api().tokens().create(u"ci"_qs);
        QVERIFY(other.ok());
        auto list = f->admin("GET", u"/api/v1/tokens"_qs);
        QCOMPARE(list.json().value(u"tokens").toArray().size(), 2);
        QVERIFY(!list.body.contains(other->secretText.section(u'.', 1).toLatin1()));
        QCOMPARE(f->admin("DELETE", u"/api/v1/tokens/"_qs + other->token.id).status, 200);
        QCOMPARE(f->send("GET", f->adminUrl(u"/api/v1/status"_qs), {},
                         { { "Authorization", "Bearer " + other->secretText.toLatin1() } })
                     .status,
                 401);
        QCOMPARE(f->admin("DELETE", u"/api/v1/tokens/"_qs + other->token.id).status, 409);
    }
};

QTEST_GUILESS_MAIN(TestAdminApi)
#include "tst_adminapi.moc"
