// Key replacement over real HTTP against an in-process hub API: a registration
// that replaces an approved one (proved with that one's poll secret), the old
// peer leaving in the same clients-file write that adds the new one, and every
// way it can go wrong leaving the old key in place.
#include "ApiTestFixture.h"
#include "ClientsFile.h"
#include "TestKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace fvpn;

namespace {

struct Registered
{
    PublicKey key;
    QString id;
    QString secret;
};

} // namespace

class TestKeyReplacementApi : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApiTestFixture> f;

    QString addressOnDisk(const PublicKey &key)
    {
        auto file = ClientsFile::parseUtf8(f->clientsFileOnDisk());
        if (!file)
            return {};
        auto peer = file->findByKey(key);
        return peer ? peer->address.toString() : QString();
    }

    HttpReply sendReplacement(const PublicKey &key, const QString &replaces, const QByteArray &authorization)
    {
        const QJsonObject body { { u"public_key"_qs, key.toBase64() },
                                 { u"name"_qs, u"Alice Smith"_qs },
                                 { u"hostname"_qs, u"alice-laptop"_qs },
                                 { u"os"_qs, u"Debian GNU/Linux 12"_qs },
                                 { u"replaces"_qs, replaces } };
        HeaderList headers { { "Content-Type", "application/json" } };
        if (!authorization.isEmpty())
            headers.append({ "Authorization", authorization });
        return f->send("POST", f->publicUrl(u"/api/v1/registrations"_qs), QJsonDocument(body).toJson(),
                       headers);
    }

    Registered registerKey()
    {
        Registered r { randomPublicKey(), {}, {} };
        const HttpReply created = f->registerKey(r.key.toBase64());
        if (created.status != 201)
            qWarning("registration failed: %s", created.body.constData());
        r.id = created.json().value(u"id").toString();
        r.secret = created.json().value(u"secret").toString();
        return r;
    }

    Registered registerApproved(const QString &address = {})
    {
        Registered r = registerKey();
        QJsonObject body;
        if (!address.isEmpty())
            body.insert(u"address"_qs, address);
        const HttpReply approved = f->adminJson("POST", u"/api/v1/requests/"_qs + r.id + u"/approve", body);
        if (approved.status != 200)
            qWarning("approval failed: %s", approved.body.constData());
        return r;
    }

    Registered replace(const Registered &old)
    {
        Registered r { randomPublicKey(), {}, {} };
        const HttpReply created = sendReplacement(r.key, old.id, "Bearer " + old.secret.toLatin1());
        if (created.status != 201)
            qWarning("replacement failed: %s", created.body.constData());
        r.id = created.json().value(u"id").toString();
        r.secret = created.json().value(u"secret").toString();
        return r;
    }

    QString statusOf(const Registered &r)
    {
        return f->poll(r.id, r.secret).json().value(u"status").toString();
    }
    HttpReply approve(const Registered &r, const QJsonObject &body = {})
    {
        return f->adminJson("POST", u"/api/v1/requests/"_qs + r.id + u"/approve", body);
    }

private Q_SLOTS:
    void init()
    {
        HubApiConfig config;
        config.registrationBurst = 100; // the bad-input tests send many
        f = std::make_unique<ApiTestFixture>(config);
        QVERIFY(f->ok());
    }
    void cleanup() { f.reset(); }

    void approvalSwapsThePeersInOneWrite()
    {
        const Registered old = registerApproved(u"10.42.42.40"_qs);
        QCOMPARE(addressOnDisk(old.key), u"10.42.42.40"_qs);

        const Registered next = replace(old);
        QVERIFY(!next.id.isEmpty());
        QCOMPARE(f->poll(next.id, next.secret).json().value(u"replaces").toString(), old.id);
        // While the replacement waits, the old key stays a working peer.
        QCOMPARE(statusOf(old), u"approved"_qs);
        QCOMPARE(addressOnDisk(old.key), u"10.42.42.40"_qs);
        QVERIFY(f->backend().appliedClientKeys().contains(old.key));
        QVERIFY(addressOnDisk(next.key).isEmpty());
        // The admin sees which request it replaces.
        const HttpReply listed = f->admin("GET", u"/api/v1/requests/"_qs + next.id);
        QCOMPARE(listed.json().value(u"replaces").toString(), old.id);
        QCOMPARE(listed.json().value(u"replaced_by"), QJsonValue(QJsonValue::Null));

        const HttpReply approved = approve(next);
        QCOMPARE(approved.status, 200);
        // The new key took the old address; the old key is gone from the file and the interface.
        QCOMPARE(approved.json().value(u"address").toString(), u"10.42.42.40"_qs);
        QCOMPARE(addressOnDisk(next.key), u"10.42.42.40"_qs);
        QVERIFY(addressOnDisk(old.key).isEmpty());
        QVERIFY(f->backend().appliedClientKeys().contains(next.key));
        QVERIFY(!f->backend().appliedClientKeys().contains(old.key));

        const HttpReply oldPoll = f->poll(old.id, old.secret);
        QCOMPARE(oldPoll.json().value(u"status").toString(), u"revoked"_qs);
        QVERIFY2(oldPoll.json().value(u"reason").toString().contains(u"replaced by a new key"),
                 oldPoll.body.constData());
        QCOMPARE(oldPoll.json().value(u"replaced_by").toString(), next.id);
        QVERIFY(!oldPoll.json().contains(u"config"));
        const HttpReply newPoll = f->poll(next.id, next.secret);
        QCOMPARE(newPoll.json().value(u"status").toString(), u"approved"_qs);
        QCOMPARE(newPoll.json().value(u"config").toObject().value(u"address").toString(), u"10.42.42.40"_qs);

        // Audited: the approval and the old request's revocation, by the same admin.
        const QJsonArray entries
            = f->admin("GET", u"/api/v1/audit?limit=2"_qs).json().value(u"entries").toArray();
        QCOMPARE(entries.at(0).toObject().value(u"action").toString(), u"request.revoke"_qs);
        QCOMPARE(entries.at(0).toObject().value(u"target").toString(), old.id);
        QCOMPARE(entries.at(0).toObject().value(u"actor").toString(), u"token:test-admin"_qs);
        QCOMPARE(entries.at(1).toObject().value(u"action").toString(), u"request.approve"_qs);
        QCOMPARE(entries.at(1).toObject().value(u"after").toObject().value(u"replaces").toString(), old.id);

        // Its key no longer approved, the old request cannot be replaced again.
        QCOMPARE(sendReplacement(randomPublicKey(), old.id, "Bearer " + old.secret.toLatin1()).status, 409);
        // The new one can, in turn.
        const Registered third = replace(next);
        QCOMPARE(approve(third).status, 200);
        QCOMPARE(addressOnDisk(third.key), u"10.42.42.40"_qs);
        QVERIFY(addressOnDisk(next.key).isEmpty());
    }

    void anExplicitAddressWins()
    {
        const Registered old = registerApproved();
        const Registered next = replace(old);
        QCOMPARE(approve(next, { { u"address"_qs, u"10.42.42.77"_qs } }).status, 200);
        QCOMPARE(addressOnDisk(next.key), u"10.42.42.77"_qs);
        QVERIFY(addressOnDisk(old.key).isEmpty());
    }

    void refusedReplacementsChangeNothing_data()
    {
        QTest::addColumn<QString>("replaces");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::newRow("no secret") << u"OLD"_qs << QByteArray() << 401;
        QTest::newRow("wrong secret") << u"OLD"_qs << QByteArray("Bearer not-the-secret") << 401;
        QTest::newRow("another request's secret") << u"OLD"_qs << QByteArray("OTHER") << 401;
        QTest::newRow("not bearer") << u"OLD"_qs << QByteArray("Basic YWxpY2U6c2VjcmV0") << 401;
        QTest::newRow("unknown id") << QString(32, u'a') << QByteArray("SECRET") << 404;
        QTest::newRow("not an id") << u"../../requests"_qs << QByteArray("SECRET") << 400;
        QTest::newRow("upper-case id") << u"UPPER"_qs << QByteArray("SECRET") << 400;
        QTest::newRow("empty id") << QString() << QByteArray("SECRET") << 400;
        QTest::newRow("a pending request") << u"PENDING"_qs << QByteArray("PENDING") << 409;
        QTest::newRow("a rejected request") << u"REJECTED"_qs << QByteArray("REJECTED") << 409;
        QTest::newRow("a revoked request") << u"REVOKED"_qs << QByteArray("REVOKED") << 409;
    }
    void refusedReplacementsChangeNothing()
    {
        QFETCH(QString, replaces);
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        const Registered old = registerApproved();
        const Registered other = registerApproved();
        const Registered pending = registerKey();
        const Registered rejected = registerKey();
        QCOMPARE(f->adminJson("POST", u"/api/v1/requests/"_qs + rejected.id + u"/reject",
                              { { u"reason"_qs, u"no"_qs } })
                     .status,
                 200);
        const Registered revoked = registerApproved();
        QCOMPARE(f->admin("DELETE",
                          u"/api/v1/clients/"_qs
                              + QString::fromLatin1(QUrl::toPercentEncoding(revoked.key.toBase64())))
                     .status,
                 200);
        const QHash<QString, const Registered *> named {
            { u"OLD"_qs, &old },         { u"PENDING"_qs, &pending }, { u"REJECTED"_qs, &rejected },
            { u"REVOKED"_qs, &revoked }, { u"OTHER"_qs, &other },     { u"SECRET"_qs, &old }
        };
        if (const Registered *r = named.value(replaces))
            replaces = r->id;
        if (replaces == u"UPPER")
            replaces = old.id.toUpper();
        if (const Registered *r = named.value(QString::fromLatin1(authorization)))
            authorization = "Bearer " + r->secret.toLatin1();

        const QByteArray fileBefore = f->clientsFileOnDisk();
        const int requestsBefore = f->requestCount();
        const HttpReply refused = sendReplacement(randomPublicKey(), replaces, authorization);
        QVERIFY2(refused.status == status, refused.body.constData());
        QVERIFY(!refused.errorMessage().isEmpty());
        // The secret is never echoed back.
        QVERIFY(!refused.body.contains(old.secret.toLatin1()));
        QCOMPARE(f->requestCount(), requestsBefore);
        QCOMPARE(f->clientsFileOnDisk(), fileBefore);
        QCOMPARE(statusOf(old), u"approved"_qs);
        if (status == 401)
            QVERIFY(refused.headers.contains("www-authenticate"));
    }

    void rejectedReplacementKeepsTheOldKey()
    {
        const Registered old = registerApproved();
        const QString address = addressOnDisk(old.key);
        const Registered next = replace(old);
        QCOMPARE(f->adminJson("POST", u"/api/v1/requests/"_qs + next.id + u"/reject",
                              { { u"reason"_qs, u"use your work laptop"_qs } })
                     .status,
                 200);
        QCOMPARE(statusOf(next), u"rejected"_qs);
        QCOMPARE(statusOf(old), u"approved"_qs);
        QCOMPARE(addressOnDisk(old.key), address);
        QVERIFY(f->backend().appliedClientKeys().contains(old.key));
        QVERIFY(!f->poll(old.id, old.secret).json().contains(u"replaced_by"));
        // A later replacement is accepted.
        QVERIFY(!replace(old).id.isEmpty());
    }

    void aNewerReplacementSupersedesAPendingOne()
    {
        const Registered old = registerApproved();
        const Registered first = replace(old);
        const Registered second = replace(old);
        QCOMPARE(statusOf(first), u"cancelled"_qs);
        QCOMPARE(statusOf(second), u"pending"_qs);
        QCOMPARE(approve(first).status, 409);
        QCOMPARE(approve(second).status, 200);
        QVERIFY(addressOnDisk(first.key).isEmpty());
        QVERIFY(!addressOnDisk(second.key).isEmpty());
        QVERIFY(addressOnDisk(old.key).isEmpty());
    }

    void revokingTheOldKeyRejectsItsReplacement()
    {
        const Registered old = registerApproved();
        const Registered next = replace(old);
        QCOMPARE(f->admin("DELETE",
                          u"/api/v1/clients/"_qs
                              + QString::fromLatin1(QUrl::toPercentEncoding(old.key.toBase64())))
                     .status,
                 200);
        const HttpReply polled = f->poll(next.id, next.secret);
        QCOMPARE(polled.json().value(u"status").toString(), u"rejected"_qs);
        QVERIFY(polled.json().value(u"reason").toString().contains(u"revoked"));
        QCOMPARE(approve(next).status, 409);
        QVERIFY(addressOnDisk(next.key).isEmpty());
        // The old request says revoked, not replaced.
        QVERIFY(!f->poll(old.id, old.secret).json().contains(u"replaced_by"));
    }

    void removingTheOldKeyByHandRejectsItsReplacement()
    {
        const Registered old = registerApproved();
        const Registered next = replace(old);
        QVERIFY(f->backend().replaceClientsFile("# emptied by hand\n"));
        QCOMPARE(statusOf(next), u"rejected"_qs);
        QCOMPARE(statusOf(old), u"revoked"_qs);
        QCOMPARE(approve(next).status, 409);
    }

    void aFailedApplyKeepsTheOldPeer()
    {
        const Registered old = registerApproved();
        const Registered next = replace(old);
        const QByteArray before = f->clientsFileOnDisk();
        const int audits = f->auditCount();
        f->backend().failApplies(u"wg set failed: interface fiotest is gone"_qs);
        QCOMPARE(approve(next).status, 503);
        QCOMPARE(f->clientsFileOnDisk(), before);
        QCOMPARE(f->auditCount(), audits);
        QCOMPARE(statusOf(old), u"approved"_qs);
        QCOMPARE(statusOf(next), u"pending"_qs);
        f->backend().failApplies(QString());
        QCOMPARE(approve(next).status, 200);
        QVERIFY(addressOnDisk(old.key).isEmpty());
    }

    // A crash after the clients file was written but before the decision was
    // stored: the file is the truth, and the next look at it settles both requests.
    void aCrashBetweenFileAndDatabaseIsSettled()
    {
        const Registered old = registerApproved(u"10.42.42.50"_qs);
        const Registered next = replace(old);
        // What approve() writes first, without the database step.
        QVERIFY(
            f->backend().replaceClientsFile((u"# engineers\n"_qs + next.key.toBase64()
                                             + u" 10.42.42.50 alice-smith Alice Smith (alice-laptop)\n"_qs)
                                                .toUtf8()));
        const HttpReply newPoll = f->poll(next.id, next.secret);
        QCOMPARE(newPoll.json().value(u"status").toString(), u"approved"_qs);
        const HttpReply oldPoll = f->poll(old.id, old.secret);
        QCOMPARE(oldPoll.json().value(u"status").toString(), u"revoked"_qs);
        QCOMPARE(oldPoll.json().value(u"replaced_by").toString(), next.id);
    }
};

QTEST_GUILESS_MAIN(TestKeyReplacementApi)
#include "tst_keyreplacementapi.moc"
