#include "AuditLog.h"
#include "StoreTest.h"

#include <QJsonObject>
#include <QtTest>

#include <memory>

using namespace fvpn;

class TestAuditLog : public StoreTest<AuditLog>
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(openFresh(Clock::System)); }

    void recordsBeforeAndAfter()
    {
        const QJsonObject before { { QStringLiteral("status"), QStringLiteral("pending") } };
        const QJsonObject after { { QStringLiteral("status"), QStringLiteral("approved") },
                                  { QStringLiteral("address"), QStringLiteral("10.42.42.5") } };
        auto id = m_store->record(QStringLiteral("token:alice"), QStringLiteral("request.approve"),
                                  QStringLiteral("abc"), before, after);
        QVERIFY(id.ok());
        QVERIFY(m_store->record(QStringLiteral("hub"), QStringLiteral("settings.change"),
                                QStringLiteral("device_to_device"), false, true));
        QVERIFY(
            m_store->record(QStringLiteral("cli"), QStringLiteral("token.create"), QStringLiteral("ops")));

        auto page = m_store->page(10);
        QVERIFY(page.ok());
        QCOMPARE(page->entries.size(), 3);
        QVERIFY(!page->nextBefore);
        const AuditEntry &oldest = page->entries.last();
        QCOMPARE(oldest.id, id.value());
        QCOMPARE(oldest.actor, QStringLiteral("token:alice"));
        QCOMPARE(oldest.before.toObject(), before);
        QCOMPARE(oldest.after.toObject(), after);
        QVERIFY(oldest.at.isValid());
        QCOMPARE(page->entries.at(1).before, QJsonValue(false));
        QCOMPARE(page->entries.at(1).after, QJsonValue(true));
        QVERIFY(page->entries.first().before.isNull());
        QVERIFY(page->entries.first().after.isNull());
    }

    void pages()
    {
        for (int i = 0; i < 25; ++i)
            QVERIFY(m_store->record(QStringLiteral("cli"), QStringLiteral("invite.create"),
                                    QStringLiteral("t%1").arg(i % 3)));
        QList<qint64> seen;
        std::optional<qint64> before;
        int pages = 0;
        do {
            auto page = m_store->page(10, before);
            QVERIFY(page.ok());
            for (const AuditEntry &e : page->entries)
                seen << e.id;
            before = page->nextBefore;
            ++pages;
        } while (before);
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), 25);
        for (int i = 1; i < seen.size(); ++i)
            QVERIFY(seen[i] < seen[i - 1]);

        auto filtered = m_store->page(100, std::nullopt, QStringLiteral("t1"));
        QVERIFY(filtered.ok());
        QCOMPARE(filtered->entries.size(), 8);
        QCOMPARE(m_store->page(100, std::nullopt, {}, QStringLiteral("nothing"))->entries.size(), 0);
    }

    void refusesBadInput_data()
    {
        QTest::addColumn<QString>("actor");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("target");
        QTest::newRow("empty actor") << ""
                                     << "a"
                                     << "t";
        QTest::newRow("newline actor") << "x\ny"
                                       << "a"
                                       << "t";
        QTest::newRow("empty action") << "x"
                                      << ""
                                      << "t";
        QTest::newRow("control target") << "x"
                                        << "a"
                                        << "t\x07";
        QTest::newRow("long target") << "x"
                                     << "a" << QString(201, u't');
    }
    void refusesBadInput()
    {
        QFETCH(QString, actor);
        QFETCH(QString, action);
        QFETCH(QString, target);
        auto r = m_store->record(actor, action, target);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY(m_store->page(10)->entries.isEmpty());
    }

    void refusesBadPaging()
    {
        QCOMPARE(m_store->page(0).error().code, ErrorCode::InvalidInput);
        QCOMPARE(m_store->page(AuditLog::MaxPageSize + 1).error().code, ErrorCode::InvalidInput);
        QCOMPARE(m_store->page(10, 0).error().code, ErrorCode::InvalidInput);
        QCOMPARE(m_store->page(10, -4).error().code, ErrorCode::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
