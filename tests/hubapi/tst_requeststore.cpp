#include "RequestStore.h"
#include "StoreTest.h"
#include "TestKeys.h"

#include <QFile>
#include <QtTest>

#include <memory>

using namespace fvpn;

class TestRequestStore : public StoreTest<RequestStore>
{
    Q_OBJECT

    NewRegistration registration(const PublicKey &key = randomPublicKey())
    {
        NewRegistration r;
        r.publicKey = key;
        r.name = QStringLiteral("Alice Smith");
        r.hostname = QStringLiteral("alice-laptop");
        r.os = QStringLiteral("Debian GNU/Linux 12");
        r.sourceAddress = QStringLiteral("198.51.100.7");
        return r;
    }

private Q_SLOTS:
    void init() { QVERIFY(openFresh(Clock::System)); }

    void createFindAuthenticate()
    {
        const PublicKey key = randomPublicKey();
        auto created = m_store->create(registration(key));
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
        const QString id = created->request.id;
        QCOMPARE(id.size(), RequestStore::IdBytes * 2);
        QVERIFY(created->secret.size() >= 40);

        auto found = m_store->find(id);
        QVERIFY(found.ok());
        QCOMPARE(found->publicKey, key);
        QCOMPARE(found->name, QStringLiteral("Alice Smith"));
        QCOMPARE(found->hostname, QStringLiteral("alice-laptop"));
        QCOMPARE(found->sourceAddress, QStringLiteral("198.51.100.7"));
        QCOMPARE(found->status, RequestStatus::Pending);
        QVERIFY(found->address.isNull());
        QVERIFY(found->createdAt.isValid());

        auto authed = m_store->authenticate(id, created->secret);
        QVERIFY(authed.ok());
        QCOMPARE(authed->id, id);
    }

    void authenticateRefuses_data()
    {
        QTest::addColumn<int>("which"); // 0 wrong secret, 1 empty, 2 huge, 3 other request's secret
        QTest::newRow("wrong secret") << 0;
        QTest::newRow("empty secret") << 1;
        QTest::newRow("oversized secret") << 2;
        QTest::newRow("another request's secret") << 3;
    }
    void authenticateRefuses()
    {
        QFETCH(int, which);
        auto a = m_store->create(registration());
        auto b = m_store->create(registration());
        QVERIFY(a.ok() && b.ok());
        QString secret;
        switch (which) {
        case 0:
            secret = a->secret;
            secret[5] = secret[5] == u'A' ? u'B' : u'A';
            break;
        case 1:
            break;
        case 2:
            secret = QString(100000, u'a');
            break;
        case 3:
            secret = b->secret;
            break;
        }
        auto r = m_store->authenticate(a->request.id, secret);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::PermissionDenied);
    }

    void unknownOrMalformedIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("empty") << QString();
        QTest::newRow("unknown") << QString(32, u'a');
        QTest::newRow("too short") << QStringLiteral("abc");
        QTest::newRow("upper case") << QString(32, u'A');
        QTest::newRow("sql") << QStringLiteral("' OR 1=1 --");
        QTest::newRow("path") << QStringLiteral("../../etc/passwd");
    }
    void unknownOrMalformedIds()
    {
        QFETCH(QString, id);
        QVERIFY(m_store->create(registration()).ok());
        auto found = m_store->find(id);
        QVERIFY(!found.ok());
        QCOMPARE(found.error().code, ErrorCode::NotFound);
        auto authed = m_store->authenticate(id, QStringLiteral("whatever"));
        QVERIFY(!authed.ok());
        QCOMPARE(authed.error().code, ErrorCode::NotFound);
    }

    void secretIsNotStoredInClear()
    {
        auto created = m_store->create(registration());
        QVERIFY(created.ok());
        m_store.reset();
        const QString path = m_db->path();
        m_db.reset(); // checkpoint and close so every byte is in the main file or WAL
        for (const QString &file : QStringList { path, path + QStringLiteral("-wal") }) {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            QVERIFY(!f.readAll().contains(created->secret.toLatin1()));
        }
    }

    void duplicateLiveKeyConflicts()
    {

        const PublicKey key = randomPublicKey();
        auto first = m_store->create(registration(key));
        QVERIFY(first.ok());
        auto second = m_store->create(registration(key));
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, ErrorCode::Conflict);

        // Approved still blocks; rejected frees the key for a new request.
        QVERIFY(m_store->decide(first->request.id, RequestStatus::Approved, QStringLiteral("admin"), {},
                                IpAddress::parse(u"10.42.42.10").value()));
        QCOMPARE(m_store->create(registration(key)).error().code, ErrorCode::Conflict);
        QVERIFY(m_store->decide(first->request.id, RequestStatus::Revoked, QStringLiteral("admin"),
                                QStringLiteral("left the company")));
        auto again = m_store->create(registration(key));
        QVERIFY(again.ok());
        auto live = m_store->findLive(key);
        QVERIFY(live.ok() && live->has_value());
        QCOMPARE(live->value().id, again->request.id);
    }

    void badEvidenceIsRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("empty name") << "name"
                                    << "";
        QTest::newRow("name with newline") << "name"
                                           << "Alice\nBob";
        QTest::newRow("name with escape") << "name"
                                          << "Alice\x1b[31m";
        QTest::newRow("name with NUL") << "name" << QString(QChar(0)) + QStringLiteral("x");
        QTest::newRow("name too long") << "name" << QString(65, u'a');
        QTest::newRow("hostname with space") << "hostname"
                                             << "my laptop";
        QTest::newRow("hostname empty") << "hostname"
                                        << "";
        QTest::newRow("hostname dash start") << "hostname"
                                             << "-laptop";
        QTest::newRow("os with tab") << "os"
                                     << "Linux\tx";
        QTest::newRow("os empty") << "os"
                                  << "";
        QTest::newRow("source with newline") << "source"
                                             << "1.2.3.4\n";
    }
    void badEvidenceIsRefused()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        NewRegistration r = registration();
        if (field == u"name")
            r.name = value;
        else if (field == u"hostname")
            r.hostname = value;
        else if (field == u"os")
            r.os = value;
        else
            r.sourceAddress = value;
        auto created = m_store->create(r);
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::InvalidInput);
        QVERIFY2(created.error().message.startsWith(field == u"source" ? QStringLiteral("source") : field),
                 qPrintable(created.error().message));
        auto all = m_store->list(std::nullopt);
        QVERIFY(all.ok());
        QVERIFY(all->isEmpty());
    }

    void nullKeyIsRefused()
    {
        NewRegistration r = registration();
        r.publicKey = PublicKey();
        QCOMPARE(m_store->create(r).error().code, ErrorCode::InvalidInput);
    }

    void transitions_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("allowed");
        const QStringList all { QStringLiteral("pending"), QStringLiteral("approved"),
                                QStringLiteral("rejected"), QStringLiteral("revoked"),
                                QStringLiteral("cancelled") };
        const QSet<QString> ok { QStringLiteral("pending>approved"), QStringLiteral("pending>rejected"),
                                 QStringLiteral("pending>cancelled"), QStringLiteral("approved>revoked") };
        // "from" states reachable in one step from pending (revoked needs approved first).
        for (const QString &from : all) {
            for (const QString &to : all) {
                const QString name = from + u'>' + to;
                QTest::newRow(qPrintable(name)) << from << to << ok.contains(name);
            }
        }
    }
    void transitions()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, allowed);
        auto created = m_store->create(registration());
        QVERIFY(created.ok());
        const QString id = created->request.id;
        const IpAddress address = IpAddress::parse(u"10.42.42.20").value();
        const QString admin = QStringLiteral("token:alice");
        // Walk to `from` by allowed steps.
        if (from == u"approved" || from == u"revoked")
            QVERIFY(m_store->decide(id, RequestStatus::Approved, admin, {}, address));
        if (from == u"revoked")
            QVERIFY(m_store->decide(id, RequestStatus::Revoked, admin));
        if (from == u"rejected")
            QVERIFY(m_store->decide(id, RequestStatus::Rejected, admin, QStringLiteral("unknown person")));
        if (from == u"cancelled")
            QVERIFY(m_store->decide(id, RequestStatus::Cancelled, QStringLiteral("requester")));
        QCOMPARE(requestStatusName(m_store->find(id)->status), from);

        auto decided
            = m_store->decide(id, *parseRequestStatus(to), admin, QStringLiteral("because"), address);
        QCOMPARE(decided.ok(), allowed);
        if (allowed) {
            QCOMPARE(requestStatusName(decided->status), to);
            QCOMPARE(decided->decidedBy, admin);
            QVERIFY(decided->decidedAt.isValid());
        } else {
            QCOMPARE(decided.error().code, ErrorCode::Conflict);
            QVERIFY(decided.error().message.contains(from));
            QCOMPARE(requestStatusName(m_store->find(id)->status), from);
        }
    }

    void approvalNeedsAddressAndCleanText()
    {
        auto created = m_store->create(registration());
        QVERIFY(created.ok());
        const QString id = created->request.id;
        QCOMPARE(m_store->decide(id, RequestStatus::Approved, QStringLiteral("admin")).error().code,
                 ErrorCode::InvalidInput);
        QCOMPARE(m_store->decide(id, RequestStatus::Rejected, QStringLiteral("admin"), QStringLiteral("a\nb"))
                     .error()
                     .code,
                 ErrorCode::InvalidInput);
        QCOMPARE(m_store->decide(id, RequestStatus::Rejected, QStringLiteral("bad\nactor")).error().code,
                 ErrorCode::InvalidInput);
        QCOMPARE(m_store->find(id)->status, RequestStatus::Pending);

        auto approved = m_store->decide(id, RequestStatus::Approved, QStringLiteral("admin"), {},
                                        IpAddress::parse(u"10.42.42.9").value());
        QVERIFY(approved.ok());
        QCOMPARE(approved->address.toString(), QStringLiteral("10.42.42.9"));
        // Revocation keeps the address for the record.
        auto revoked
            = m_store->decide(id, RequestStatus::Revoked, QStringLiteral("admin"), QStringLiteral("lost"));
        QVERIFY(revoked.ok());
        QCOMPARE(revoked->address.toString(), QStringLiteral("10.42.42.9"));
        QCOMPARE(revoked->reason, QStringLiteral("lost"));
    }

    void listAndCount()
    {
        qint64 now = 1'700'000'000'000;
        m_db->setClock([&now] { return now; });
        QStringList ids;
        for (int i = 0; i < 5; ++i) {
            now += 1000;
            auto c = m_store->create(registration());
            QVERIFY(c.ok());
            ids << c->request.id;
        }
        QVERIFY(
            m_store->decide(ids[0], RequestStatus::Rejected, QStringLiteral("admin"), QStringLiteral("no")));
        QVERIFY(m_store->decide(ids[1], RequestStatus::Cancelled, QStringLiteral("requester")));
        QCOMPARE(m_store->countPending().value(), 3);
        auto pending = m_store->list(RequestStatus::Pending);
        QVERIFY(pending.ok());
        QCOMPARE(pending->size(), 3);
        QCOMPARE(pending->first().id, ids[4]); // newest first
        QCOMPARE(m_store->list(RequestStatus::Rejected)->size(), 1);
        QCOMPARE(m_store->list(std::nullopt)->size(), 5);
        QCOMPARE(m_store->list(std::nullopt, 2)->size(), 2);
    }

    void statusNames()
    {
        for (auto s : { RequestStatus::Pending, RequestStatus::Approved, RequestStatus::Rejected,
                        RequestStatus::Revoked, RequestStatus::Cancelled })
            QCOMPARE(parseRequestStatus(requestStatusName(s)), s);
        QVERIFY(!parseRequestStatus(u"Pending"));
        QVERIFY(!parseRequestStatus(u""));
        QVERIFY(!parseRequestStatus(u"approved "));
    }
};

QTEST_GUILESS_MAIN(TestRequestStore)
#include "tst_requeststore.moc"
