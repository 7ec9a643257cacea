#include "InviteStore.h"
#include "StoreTest.h"

#include <QFile>
#include <QtTest>

#include <memory>

using namespace fvpn;

class TestInviteStore : public StoreTest<InviteStore>
{
    Q_OBJECT

    NewInvite invite(int maxUses = 1, qint64 validFor = 3600, bool preApproved = false)
    {
        NewInvite i;
        i.note = QStringLiteral("for the night shift");
        i.createdBy = QStringLiteral("cli");
        i.maxUses = maxUses;
        i.validForSecs = validFor;
        i.preApproved = preApproved;
        return i;
    }

private Q_SLOTS:
    void init() { QVERIFY(openFresh(Clock::Fixed)); }

    void singleUse()
    {
        auto created = m_store->create(invite());
        QVERIFY(created.ok());
        QVERIFY(created->code.startsWith(created->invite.id + u'.'));
        QCOMPARE(created->invite.expiresAt.toMSecsSinceEpoch(), m_now + 3600 * 1000);

        auto first = m_store->redeem(created->code);
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
        QCOMPARE(first->uses, 1);
        QCOMPARE(first->note, QStringLiteral("for the night shift"));

        auto replay = m_store->redeem(created->code);
        QVERIFY(!replay.ok());
        QCOMPARE(replay.error().code, ErrorCode::PermissionDenied);
        QVERIFY2(replay.error().message.contains(u"already used"), qPrintable(replay.error().message));
        QCOMPARE(m_store->find(created->invite.id)->uses, 1);
    }

    void multiUseAndPreApproval()
    {
        auto created = m_store->create(invite(3, 0, true));
        QVERIFY(created.ok());
        QVERIFY(!created->invite.expiresAt.isValid());
        for (int i = 1; i <= 3; ++i) {
            auto r = m_store->redeem(created->code);
            QVERIFY(r.ok());
            QCOMPARE(r->uses, i);
            QVERIFY(r->preApproved);
        }
        auto fourth = m_store->redeem(created->code);
        QVERIFY(!fourth.ok());
        QVERIFY(fourth.error().message.contains(u"used up"));
    }

    void expires()
    {
        auto created = m_store->create(invite(5, 60));
        QVERIFY(created.ok());
        m_now += 59 * 1000;
        QVERIFY(m_store->redeem(created->code).ok());
        m_now += 1000;
        auto late = m_store->redeem(created->code);
        QVERIFY(!late.ok());
        QCOMPARE(late.error().code, ErrorCode::PermissionDenied);
        QVERIFY(late.error().message.contains(u"expired"));
        QCOMPARE(m_store->find(created->invite.id)->uses, 1);
    }

    void revoked()
    {
        auto created = m_store->create(invite(5));
        QVERIFY(created.ok());
        auto revoked = m_store->revoke(created->invite.id);
        QVERIFY(revoked.ok());
        QVERIFY(revoked->revokedAt.isValid());
        auto used = m_store->redeem(created->code);
        QVERIFY(!used.ok());
        QVERIFY(used.error().message.contains(u"revoked"));
        QCOMPARE(m_store->revoke(created->invite.id).error().code, ErrorCode::Conflict);
        QCOMPARE(m_store->revoke(u"0000000000000000").error().code, ErrorCode::NotFound);
    }

    void badCodes_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("expected");
        const int invalid = int(ErrorCode::InvalidInput);
        const int denied = int(ErrorCode::PermissionDenied);
        QTest::newRow("empty") << QString() << invalid;
        QTest::newRow("no dot") << QStringLiteral("abcdef") << invalid;
        QTest::newRow("id only") << QStringLiteral("0123456789abcdef.") << invalid;
        QTest::newRow("short id") << QStringLiteral("0123.secret") << invalid;
        QTest::newRow("upper-case id") << QStringLiteral("0123456789ABCDEF.secret") << invalid;
        QTest::newRow("bad secret chars") << QStringLiteral("0123456789abcdef.se cret") << invalid;
        QTest::newRow("newline") << QStringLiteral("0123456789abcdef.secret\n") << invalid;
        QTest::newRow("huge") << QStringLiteral("0123456789abcdef.") + QString(5000, u'a') << invalid;
        QTest::newRow("unknown id") << QStringLiteral("0123456789abcdef.c2VjcmV0") << denied;
        QTest::newRow("right id, wrong secret") << QStringLiteral("RIGHTID.wrongsecretwrongsecret") << denied;
    }
    void badCodes()
    {
        QFETCH(QString, code);
        QFETCH(int, expected);
        auto created = m_store->create(invite());
        QVERIFY(created.ok());
        code.replace(QStringLiteral("RIGHTID"), created->invite.id);
        auto r = m_store->redeem(code);
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().code), expected);
        QCOMPARE(m_store->find(created->invite.id)->uses, 0);
    }

    void badNewInvites_data()
    {
        QTest::addColumn<int>("maxUses");
        QTest::addColumn<qint64>("validFor");
        QTest::addColumn<QString>("note");
        QTest::addColumn<QString>("createdBy");
        QTest::newRow("zero uses") << 0 << qint64(60) << QString() << QStringLiteral("cli");
        QTest::newRow("negative uses") << -1 << qint64(60) << QString() << QStringLiteral("cli");
        QTest::newRow("too many uses")
            << InviteStore::MaxUses + 1 << qint64(60) << QString() << QStringLiteral("cli");
        QTest::newRow("negative validity") << 1 << qint64(-5) << QString() << QStringLiteral("cli");
        QTest::newRow("absurd validity") << 1 << qint64(1) << QString() << QStringLiteral("cli");
        QTest::newRow("note with newline")
            << 1 << qint64(60) << QStringLiteral("a\nb") << QStringLiteral("cli");
        QTest::newRow("no creator") << 1 << qint64(60) << QString() << QString();
    }
    void badNewInvites()
    {
        QFETCH(int, maxUses);
        QFETCH(qint64, validFor);
        QFETCH(QString, note);
        QFETCH(QString, createdBy);
        if (QByteArray(QTest::currentDataTag()) == "absurd validity")
            validFor = 11LL * 366 * 24 * 3600;
        NewInvite i = invite(maxUses, validFor);
        i.note = note;
        i.createdBy = createdBy;
        auto r = m_store->create(i);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY(m_store->list()->isEmpty());
    }

    void listNewestFirstAndCodeNotStored()
    {
        auto a = m_store->create(invite());
        m_now += 1000;
        auto b = m_store->create(invite());
        QVERIFY(a.ok() && b.ok());
        auto all = m_store->list();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->first().id, b->invite.id);
        const QString path = m_db->path();
        m_store.reset();
        m_db.reset();
        for (const QString &file : QStringList { path, path + QStringLiteral("-wal") }) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly)) {
                const QByteArray bytes = f.readAll();
                QVERIFY(!bytes.contains(a->code.section(u'.', 1).toLatin1()));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestInviteStore)
#include "tst_invitestore.moc"
