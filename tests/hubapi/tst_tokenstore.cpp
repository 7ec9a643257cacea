#include "StoreTest.h"
#include "TokenStore.h"

#include <QFile>
#include <QtTest>

#include <memory>

using namespace fvpn;

class TestTokenStore : public StoreTest<TokenStore>
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(openFresh(Clock::Fixed)); }

    void createAndAuthenticate()
    {
        auto created = m_store->create(QStringLiteral("alice laptop"));
        QVERIFY(created.ok());
        QVERIFY(created->secretText.startsWith(created->token.id + u'.'));
        auto authed = m_store->authenticate(created->secretText);
        QVERIFY(authed.ok());
        QCOMPARE(authed->name, QStringLiteral("alice laptop"));
        QCOMPARE(authed->lastUsedAt.toMSecsSinceEpoch(), m_now);
    }

    void lastUsedHasResolution()
    {
        auto created = m_store->create(QStringLiteral("ci"));
        QVERIFY(created.ok());
        const qint64 first = m_now;
        QVERIFY(m_store->authenticate(created->secretText).ok());
        m_now += TokenStore::LastUsedResolutionMs - 1;
        QCOMPARE(m_store->authenticate(created->secretText)->lastUsedAt.toMSecsSinceEpoch(), first);
        m_now += 1;
        QCOMPARE(m_store->authenticate(created->secretText)->lastUsedAt.toMSecsSinceEpoch(), m_now);
        QCOMPARE(m_store->list()->first().lastUsedAt.toMSecsSinceEpoch(), m_now);
    }

    void wrongTokens_data()
    {
        QTest::addColumn<QString>("bearer");
        QTest::newRow("empty") << QString();
        QTest::newRow("garbage") << QStringLiteral("hello");
        QTest::newRow("secret only") << QStringLiteral("SECRET");
        QTest::newRow("id only") << QStringLiteral("ID.");
        QTest::newRow("wrong secret") << QStringLiteral("ID.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        QTest::newRow("unknown id") << QStringLiteral("ffffffffffffffff.SECRET");
        QTest::newRow("trailing space") << QStringLiteral("ID.SECRET ");
        QTest::newRow("trailing newline") << QStringLiteral("ID.SECRET\n");
        QTest::newRow("truncated") << QStringLiteral("ID.SECRET").chopped(1);
        QTest::newRow("huge") << QStringLiteral("ID.") + QString(100000, u'A');
    }
    void wrongTokens()
    {
        QFETCH(QString, bearer);
        auto created = m_store->create(QStringLiteral("ops"));
        QVERIFY(created.ok());
        const QString id = created->token.id;
        const QString secret = created->secretText.section(u'.', 1);
        bearer.replace(QStringLiteral("ID"), id).replace(QStringLiteral("SECRET"), secret);
        if (QByteArray(QTest::currentDataTag()) == "truncated")
            bearer = created->secretText.chopped(1);
        QVERIFY(bearer != created->secretText);
        auto r = m_store->authenticate(bearer);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::PermissionDenied);
        QCOMPARE(r.error().message, QStringLiteral("the admin token is not valid"));
        QVERIFY(!m_store->list()->first().lastUsedAt.isValid());
    }

    void revokeByIdAndName()
    {
        auto a = m_store->create(QStringLiteral("alice"));
        auto b = m_store->create(QStringLiteral("bob"));
        QVERIFY(a.ok() && b.ok());
        auto byName = m_store->revoke(u"alice");
        QVERIFY(byName.ok());
        QCOMPARE(byName->id, a->token.id);
        QVERIFY(!m_store->authenticate(a->secretText).ok());
        QVERIFY(m_store->authenticate(b->secretText).ok());
        QVERIFY(m_store->revoke(b->token.id).ok());
        QVERIFY(!m_store->authenticate(b->secretText).ok());

        QCOMPARE(m_store->revoke(a->token.id).error().code, ErrorCode::Conflict);
        QCOMPARE(m_store->revoke(u"alice").error().code, ErrorCode::NotFound);
        QCOMPARE(m_store->revoke(u"nobody").error().code, ErrorCode::NotFound);
        auto weird = m_store->revoke(u"evil\nname");
        QCOMPARE(weird.error().code, ErrorCode::NotFound);
        QVERIFY(!weird.error().message.contains(u'\n'));

        // A revoked token's name can be used again.
        QVERIFY(m_store->create(QStringLiteral("alice")).ok());
        QCOMPARE(m_store->list()->size(), 3);
    }

    void duplicateLiveName()
    {
        QVERIFY(m_store->create(QStringLiteral("ops")).ok());
        auto dup = m_store->create(QStringLiteral("ops"));
        QVERIFY(!dup.ok());
        QCOMPARE(dup.error().code, ErrorCode::Conflict);
    }

    void badNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("newline") << QStringLiteral("a\nb");
        QTest::newRow("carriage return") << QStringLiteral("a\rb");
        QTest::newRow("leading space") << QStringLiteral(" a");
        QTest::newRow("too long") << QString(65, u'n');
        QTest::newRow("escape") << QStringLiteral("\x1b[2J");
    }
    void badNames()
    {
        QFETCH(QString, name);
        auto r = m_store->create(name);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY(m_store->list()->isEmpty());
    }

    void onlyHashesAreStored()
    {
        auto created = m_store->create(QStringLiteral("ops"));
        QVERIFY(created.ok());
        const QByteArray secret = created->secretText.section(u'.', 1).toLatin1();
        const QString path = m_db->path();
        m_store.reset();
        m_db.reset();
        for (const QString &file : QStringList { path, path + QStringLiteral("-wal") }) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly))
                QVERIFY(!f.readAll().contains(secret));
        }
    }
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
