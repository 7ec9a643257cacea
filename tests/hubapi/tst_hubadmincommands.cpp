#include "AtomicFile.h"
#include "AuditLog.h"
#include "EnrollmentLink.h"
#include "HubAdminCommands.h"
#include "InviteStore.h"
#include "StateDatabase.h"
#include "TokenStore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

using namespace fvpn;

class TestHubAdminCommands : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_out;
    QString m_err;

    int run(QStringList args)
    {
        m_out.clear();
        m_err.clear();
        args << u"--state-dir"_qs << m_tmp.path();
        QTextStream out(&m_out);
        QTextStream err(&m_err);
        return HubAdminCommands::run(args, out, err);
    }

private Q_SLOTS:
    void recognisesItsCommands()
    {
        QVERIFY(HubAdminCommands::handles({ u"token"_qs, u"create"_qs }));
        QVERIFY(HubAdminCommands::handles({ u"--state-dir"_qs, u"/x"_qs, u"invite"_qs, u"list"_qs }));
        QVERIFY(HubAdminCommands::handles({ u"--state-dir=/x"_qs, u"token"_qs, u"list"_qs }));
        QVERIFY(HubAdminCommands::handles({ u"invite"_qs, u"create"_qs }));
        QVERIFY(!HubAdminCommands::handles({ u"daemon"_qs }));
        QVERIFY(!HubAdminCommands::handles({}));
    }

    void tokenLifecycle()
    {
        QCOMPARE(run({ u"token"_qs, u"create"_qs, u"--name"_qs, u"ops laptop"_qs }), 0);
        const QString token = m_out.trimmed();
        QVERIFY(token.contains(u'.'));
        QVERIFY(!m_err.contains(token));
        {
            auto db = StateDatabase::open(m_tmp.path());
            QVERIFY(db.ok());
            TokenStore tokens(*db.value());
            QVERIFY(tokens.authenticate(token).ok());
            auto audit = AuditLog(*db.value()).page(10);
            QCOMPARE(audit->entries.first().action, u"token.create"_qs);
            QCOMPARE(audit->entries.first().actor, u"cli"_qs);
        }
        QCOMPARE(run({ u"token"_qs, u"list"_qs }), 0);
        QVERIFY(m_out.contains(u"ops laptop"));
        QVERIFY(m_out.contains(u"live"));
        QVERIFY(!m_out.contains(token.section(u'.', 1)));

        QCOMPARE(run({ u"token"_qs, u"create"_qs, u"--name"_qs, u"ops laptop"_qs }), 1);
        QVERIFY(m_err.contains(u"already exists"));
        QCOMPARE(run({ u"token"_qs, u"revoke"_qs, u"ops laptop"_qs }), 0);
        QCOMPARE(run({ u"token"_qs, u"list"_qs }), 0);
        QVERIFY(m_out.contains(u"revoked"));
        auto db = StateDatabase::open(m_tmp.path());
        QVERIFY(!TokenStore(*db.value()).authenticate(token).ok());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::newRow("no name") << QStringList { u"token"_qs, u"create"_qs } << 2;
        QTest::newRow("bad name") << QStringList { u"token"_qs, u"create"_qs, u"--name"_qs, u"a\nb"_qs } << 1;
        QTest::newRow("unknown verb") << QStringList { u"token"_qs, u"delete"_qs } << 2;
        QTest::newRow("revoke without id") << QStringList { u"token"_qs, u"revoke"_qs } << 2;
        QTest::newRow("revoke unknown") << QStringList { u"token"_qs, u"revoke"_qs, u"nobody"_qs } << 1;
        QTest::newRow("unknown option") << QStringList { u"token"_qs, u"list"_qs, u"--all"_qs } << 2;
        QTest::newRow("bad uses") << QStringList { u"invite"_qs, u"create"_qs, u"--uses"_qs, u"x"_qs } << 2;
        QTest::newRow("zero uses") << QStringList { u"invite"_qs, u"create"_qs, u"--uses"_qs, u"0"_qs } << 1;
        QTest::newRow("bad hours") << QStringList { u"invite"_qs, u"create"_qs, u"--valid-hours"_qs,
                                                    u"-3"_qs }
                                   << 2;
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QCOMPARE(run(args), code);
        QVERIFY(!m_err.isEmpty());
    }

    void inviteCreateWithLink()
    {
        QCOMPARE(run({ u"invite"_qs, u"create"_qs, u"--uses"_qs, u"2"_qs, u"--pre-approved"_qs, u"--note"_qs,
                       u"new hires"_qs }),
                 0);
        QVERIFY(m_out.startsWith(u"Invite code: "));
        QVERIFY(!m_out.contains(u"Enrollment link"));
        const QString code = m_out.section(u'\n', 0, 0).section(u": "_qs, 1);
        {
            auto db = StateDatabase::open(m_tmp.path());
            InviteStore invites(*db.value());
            auto list = invites.list();
            QCOMPARE(list->size(), 1);
            QCOMPARE(list->first().maxUses, 2);
            QVERIFY(list->first().preApproved);
            QVERIFY(invites.redeem(code).ok());
        }
        // Once the hub has recorded its public URL and fingerprint, links come out whole.
        QVERIFY(AtomicFile::write(QDir(m_tmp.path()).filePath(u"api-public.json"_qs),
                                  R"({"public_url":"https://hub.example.com:8443","fingerprint":"sha256:)"
                                      + QByteArray(64, 'b') + "\"}"));
        QCOMPARE(run({ u"invite"_qs, u"create"_qs }), 0);
        const QString line = m_out.section(u'\n', 1, 1);
        QVERIFY(line.startsWith(u"Enrollment link: "));
        auto link = EnrollmentLink::parse(line.section(u": "_qs, 1));
        QVERIFY(link.ok());
        QCOMPARE(link->invite, m_out.section(u'\n', 0, 0).section(u": "_qs, 1));

        QCOMPARE(run({ u"invite"_qs, u"list"_qs }), 0);
        QCOMPARE(m_out.count(u'\n'), 2);
        const QString id = link->invite.section(u'.', 0, 0);
        QCOMPARE(run({ u"invite"_qs, u"revoke"_qs, id }), 0);
        QCOMPARE(run({ u"invite"_qs, u"revoke"_qs, id }), 1);
    }
};

QTEST_GUILESS_MAIN(TestHubAdminCommands)
#include "tst_hubadmincommands.moc"
