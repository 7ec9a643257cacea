// factory-vpn-ctl's onboarding and token commands, the real binary against the
// real factory-vpn-hub process (tests/hubapi/HubProcess): the enrollment link,
// invites made, listed and revoked, admin tokens listed and revoked. What the
// command prints must be what the hub holds, and no secret beyond the one-time
// invite code is ever printed.
#include "CtlRunner.h"
#include "EnrollmentLink.h"
#include "HubProcess.h"

#include <QJsonArray>
#include <QTcpServer>
#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestCtlAccess : public QObject
{
    Q_OBJECT

    std::unique_ptr<HubProcess> m_hub;

    CtlRun ctl(const QStringList &arguments, const QString &token, const QString &url = {})
    {
        return CtlRunner(m_hub.get()).run(arguments, token, url);
    }
    CtlRun ctl(const QStringList &arguments) { return ctl(arguments, m_hub->token()); }

    // The hub's own invite list and audit, read past the ctl: what a usage error must leave alone.
    QByteArray accessState()
    {
        const HeaderList auth { { "Authorization", "Bearer " + m_hub->token().toLatin1() } };
        return m_hub->send(true, "GET", u"/api/v1/invites"_s, {}, auth).body
            + m_hub->send(true, "GET", u"/api/v1/audit?action=invite.create"_s, {}, auth).body;
    }
    QJsonObject hubInvite(const QString &id)
    {
        const HeaderList auth { { "Authorization", "Bearer " + m_hub->token().toLatin1() } };
        const QJsonObject list = m_hub->send(true, "GET", u"/api/v1/invites"_s, {}, auth).json();
        const QJsonArray invites = list.value(u"invites").toArray();
        for (const QJsonValue &i : invites) {
            if (i.toObject().value(u"id").toString() == id)
                return i.toObject();
        }
        return {};
    }
    // A second admin token, made the way an admin makes one: on the hub.
    QString createToken(const QString &name)
    {
        int code = -1;
        const QString token = QString::fromLatin1(
            m_hub->runCommand({ u"token"_s, u"create"_s, u"--name"_s, name }, &code).trimmed());
        return code == 0 ? token : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_hub = std::make_unique<HubProcess>();
        QVERIFY2(m_hub->start(), qPrintable(m_hub->log()));
    }

    void cleanupTestCase() { m_hub.reset(); }

    void enrollmentLinkCarriesTheFingerprint()
    {
        const CtlRun text = ctl({ u"enrollment"_s });
        QVERIFY2(text.exitCode == 0, text.describe().constData());
        const QList<QByteArray> lines = text.out.split('\n');
        // The first line alone is what the admin pastes to engineers.
        auto link = EnrollmentLink::parse(QString::fromUtf8(lines.first()));
        QVERIFY2(link.ok(), text.out.constData());
        QCOMPARE(link->fingerprint, u"sha256:"_s + m_hub->fingerprintHex());
        QCOMPARE(link->hubUrl.port(), int(m_hub->publicPort()));
        QVERIFY(link->invite.isEmpty());
        const QByteArray fingerprintLine = "fingerprint: sha256:" + m_hub->fingerprintHex().toLatin1();
        QVERIFY(text.out.contains(fingerprintLine));

        const CtlRun json = ctl({ u"enrollment"_s, u"--json"_s });
        QVERIFY2(json.exitCode == 0, json.describe().constData());
        QCOMPARE(json.json().keys(), (QStringList { u"fingerprint"_s, u"link"_s, u"url"_s }));
        QCOMPARE(json.json().value(u"link").toString().toUtf8(), lines.first());
        QCOMPARE(json.json().value(u"fingerprint").toString(), link->fingerprint);
        QCOMPARE(QUrl(json.json().value(u"url").toString()), link->hubUrl);
    }

    void inviteCreateIsListedAsAsked()
    {
        const CtlRun created = ctl({ u"invite"_s, u"create"_s, u"--uses"_s, u"3"_s, u"--valid-hours"_s,
                                     u"48"_s, u"--pre-approved"_s, u"--note"_s, u"night shift"_s });
        QVERIFY2(created.exitCode == 0, created.describe().constData());
        QVERIFY2(created.out.contains("only once"), created.out.constData());
        QString code;
        QString linkText;
        for (const QByteArray &line : created.out.split('\n')) {
            if (line.startsWith("code: "))
                code = QString::fromUtf8(line.mid(6));
            if (line.startsWith("link: "))
                linkText = QString::fromUtf8(line.mid(6));
        }
        auto link = EnrollmentLink::parse(linkText);
        QVERIFY2(link.ok(), created.out.constData());
        QCOMPARE(link->invite, code);
        QCOMPARE(link->fingerprint, u"sha256:"_s + m_hub->fingerprintHex());
        const QString id = code.section(u'.', 0, 0);
        QCOMPARE(id.size(), 16);

        const QJsonObject invite = hubInvite(id);
        QCOMPARE(invite.value(u"max_uses").toInt(), 3);
        QCOMPARE(invite.value(u"uses").toInt(), 0);
        QCOMPARE(invite.value(u"pre_approved").toBool(), true);
        QCOMPARE(invite.value(u"note").toString(), u"night shift"_s);
        const QDateTime createdAt
            = QDateTime::fromString(invite.value(u"created_at").toString(), Qt::ISODateWithMs);
        const QDateTime expires
            = QDateTime::fromString(invite.value(u"expires_at").toString(), Qt::ISODateWithMs);
        QCOMPARE(createdAt.secsTo(expires), 48 * 3600);

        const CtlRun table = ctl({ u"invites"_s });
        QVERIFY2(table.exitCode == 0, table.describe().constData());
        const QList<QByteArray> lines = table.out.split('\n');
        QVERIFY2(lines.first().startsWith("ID") && lines.first().contains("PRE-APPROVED"),
                 table.out.constData());
        QByteArray row;
        for (const QByteArray &line : lines) {
            if (line.startsWith(id.toLatin1()))
                row = line;
        }
        QVERIFY2(!row.isEmpty(), table.out.constData());
        QVERIFY2(row.contains(" usable ") && row.contains(" 0/3 ") && row.contains(" yes ")
                     && row.contains("token:process-test") && row.endsWith("night shift")
                     && row.contains(expires.toString(u"yyyy-MM-dd HH:mm"_s).toLatin1()),
                 row.constData());
        // The code was shown once; a listing never shows it again.
        QVERIFY(!table.out.contains(code.toLatin1()));

        // No expiry, the defaults otherwise.
        const CtlRun forever = ctl({ u"invite"_s, u"create"_s, u"--valid-hours"_s, u"0"_s, u"--json"_s });
        QVERIFY2(forever.exitCode == 0, forever.describe().constData());
        const QString foreverId = forever.json().value(u"invite").toObject().value(u"id").toString();
        QVERIFY(hubInvite(foreverId).value(u"expires_at").isNull());
        QCOMPARE(hubInvite(foreverId).value(u"max_uses").toInt(), 1);
        QCOMPARE(hubInvite(foreverId).value(u"pre_approved").toBool(), false);
        for (const QByteArray &line : ctl({ u"invites"_s }).out.split('\n')) {
            if (line.startsWith(foreverId.toLatin1()))
                QVERIFY2(line.contains(" never ") && line.contains(" 0/1 ") && line.contains(" no "),
                         line.constData());
        }
    }

    void inviteJsonIsTheApisShape()
    {
        const CtlRun created = ctl({ u"invite"_s, u"create"_s, u"--note"_s, u"json shape"_s, u"--json"_s });
        QVERIFY2(created.exitCode == 0, created.describe().constData());
        const QJsonObject answer = created.json();
        QCOMPARE(answer.keys(), (QStringList { u"code"_s, u"invite"_s, u"link"_s }));
        const QJsonObject invite = answer.value(u"invite").toObject();
        const QString id = invite.value(u"id").toString();
        QVERIFY(answer.value(u"code").toString().startsWith(id + u'.'));
        QVERIFY(EnrollmentLink::parse(answer.value(u"link").toString()).ok());
        // Field for field what the hub itself lists.
        QCOMPARE(invite, hubInvite(id));

        const CtlRun listed = ctl({ u"invites"_s, u"--json"_s });
        QVERIFY2(listed.exitCode == 0, listed.describe().constData());
        QCOMPARE(listed.json().keys(), QStringList { u"invites"_s });
        const HeaderList auth { { "Authorization", "Bearer " + m_hub->token().toLatin1() } };
        QCOMPARE(listed.json(), m_hub->send(true, "GET", u"/api/v1/invites"_s, {}, auth).json());
    }

    void inviteRevokeTwiceIsAConflict()
    {
        const CtlRun created = ctl({ u"invite"_s, u"create"_s, u"--json"_s });
        const QString id = created.json().value(u"invite").toObject().value(u"id").toString();
        QVERIFY2(!id.isEmpty(), created.describe().constData());
        const CtlRun revoked = ctl({ u"invite"_s, u"revoke"_s, id });
        QVERIFY2(revoked.exitCode == 0, revoked.describe().constData());
        QVERIFY(revoked.out.contains(id.toLatin1()) && revoked.out.contains("revoked"));
        QCOMPARE(hubInvite(id).value(u"state").toString(), u"revoked"_s);

        const CtlRun again = ctl({ u"invite"_s, u"revoke"_s, id });
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("conflict") && again.err.contains("already revoked"),
                 again.err.constData());
        QVERIFY(again.out.isEmpty());

        const CtlRun unknown = ctl({ u"invite"_s, u"revoke"_s, u"00000000deadbeef"_s });
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("not found") && unknown.err.contains("00000000deadbeef"),
                 unknown.err.constData());

        const CtlRun json = ctl({ u"invite"_s, u"revoke"_s,
                                  ctl({ u"invite"_s, u"create"_s, u"--json"_s })
                                      .json()
                                      .value(u"invite"_s)
                                      .toObject()
                                      .value(u"id"_s)
                                      .toString(),
                                  u"--json"_s });
        QVERIFY2(json.exitCode == 0, json.describe().constData());
        QCOMPARE(json.json().value(u"state").toString(), u"revoked"_s);
        QVERIFY(!json.json().value(u"revoked_at").isNull());
    }

    void usageErrorsSendNothingAndChangeNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        const QString id = u"0123456789abcdef"_s;
        const auto invite = [](const QStringList &options) {
            return QStringList { u"invite"_s, u"create"_s } + options;
        };
        QTest::newRow("uses 0") << invite({ u"--uses"_s, u"0"_s }) << u"--uses"_s;
        QTest::newRow("uses 10001") << invite({ u"--uses"_s, u"10001"_s }) << u"1 to 10000"_s;
        QTest::newRow("uses -1") << invite({ u"--uses"_s, u"-1"_s }) << u"--uses"_s;
        QTest::newRow("uses abc") << invite({ u"--uses"_s, u"abc"_s }) << u"--uses"_s;
        QTest::newRow("valid-hours -1") << invite({ u"--valid-hours"_s, u"-1"_s }) << u"--valid-hours"_s;
        QTest::newRow("valid-hours 87601")
            << invite({ u"--valid-hours"_s, u"87601"_s }) << u"0 (never expires) to 87600"_s;
        QTest::newRow("valid-hours 1.5") << invite({ u"--valid-hours"_s, u"1.5"_s }) << u"--valid-hours"_s;
        QTest::newRow("note with newline") << invite({ u"--note"_s, u"night\nshift"_s }) << u"control"_s;
        QTest::newRow("note with escape") << invite({ u"--note"_s, u"\x1b[31mred"_s }) << u"control"_s;
        QTest::newRow("note 301") << invite({ u"--note"_s, QString(301, u'n') }) << u"at most 300"_s;
        QTest::newRow("invite alone") << QStringList { u"invite"_s } << u"'create' or 'revoke'"_s;
        QTest::newRow("invite list") << QStringList { u"invite"_s, u"list"_s } << u"'create' or 'revoke'"_s;
        QTest::newRow("invite revoke no id") << QStringList { u"invite"_s, u"revoke"_s } << u"usage"_s;
        QTest::newRow("invite revoke uppercase")
            << QStringList { u"invite"_s, u"revoke"_s, id.toUpper() } << u"16 lowercase hex"_s;
        QTest::newRow("invite revoke 15 digits")
            << QStringList { u"invite"_s, u"revoke"_s, id.left(15) } << u"16 lowercase hex"_s;
        QTest::newRow("invite revoke 17 digits")
            << QStringList { u"invite"_s, u"revoke"_s, id + u'0' } << u"16 lowercase hex"_s;
        QTest::newRow("invite revoke path")
            << QStringList { u"invite"_s, u"revoke"_s, u"../tokens/0123"_s } << u"invite's id"_s;
        QTest::newRow("invite revoke whole code")
            << QStringList { u"invite"_s, u"revoke"_s, id + u".c2VjcmV0LWNvZGU"_s } << u"before the dot"_s;
        QTest::newRow("token create")
            << QStringList { u"token"_s, u"create"_s } << u"factory-vpn-hub token create"_s;
        QTest::newRow("token revoke bad id")
            << QStringList { u"token"_s, u"revoke"_s, u"alice"_s } << u"token's id"_s;
        QTest::newRow("token revoke whole token")
            << QStringList { u"token"_s, u"revoke"_s, id + u".abcdefgh12345"_s } << u"before the dot"_s;
        QTest::newRow("uses on invites")
            << QStringList { u"invites"_s, u"--uses"_s, u"2"_s } << u"does not apply"_s;
        QTest::newRow("pre-approved on tokens")
            << QStringList { u"tokens"_s, u"--pre-approved"_s } << u"does not apply"_s;
        QTest::newRow("enrollment with an argument")
            << QStringList { u"enrollment"_s, u"now"_s } << u"usage"_s;
    }

    void usageErrorsSendNothingAndChangeNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        // A listener standing in for the hub: any connection to it means something was sent.
        QTcpServer sink;
        QVERIFY(sink.listen(QHostAddress::LocalHost));
        const CtlRun toSink = ctl(arguments, m_hub->token(), u"http://127.0.0.1:%1"_s.arg(sink.serverPort()));
        QVERIFY2(toSink.exitCode == 2, toSink.describe().constData());
        QVERIFY(!sink.waitForNewConnection(0));

        // And against the real hub: its invites and audit stay as they were.
        const QByteArray before = accessState();
        const CtlRun run = ctl(arguments);
        QVERIFY2(run.exitCode == 2, run.describe().constData());
        QVERIFY2(run.err.contains(says.toUtf8()), run.err.constData());
        QVERIFY(run.out.isEmpty());
        QCOMPARE(accessState(), before);
        // A pasted token or invite code is not quoted back.
        QVERIFY(!run.err.contains("abcdefgh12345") && !run.err.contains("c2VjcmV0LWNvZGU"));
    }

    void theSinkSeesAnAccessCommand()
    {
        // The control for the test above: a valid command does reach the stand-in.
        QTcpServer sink;
        QVERIFY(sink.listen(QHostAddress::LocalHost));
        const CtlRun run = ctl({ u"invite"_s, u"create"_s, u"--uses"_s, u"10000"_s, u"--timeout"_s, u"1"_s },
                               m_hub->token(), u"http://127.0.0.1:%1"_s.arg(sink.serverPort()));
        QVERIFY2(run.exitCode == 1, run.describe().constData());
        QVERIFY(sink.waitForNewConnection(0));
    }

    void tokensNeverShowASecret()
    {
        const QString id = m_hub->token().section(u'.', 0, 0);
        const QByteArray secret = m_hub->token().section(u'.', 1).toLatin1();
        QVERIFY2(id.size() == 16 && secret.size() >= 16, "tokens are <id>.<secret>");
        for (const QStringList &arguments :
             { QStringList { u"tokens"_s }, QStringList { u"tokens"_s, u"--json"_s } }) {
            const CtlRun run = ctl(arguments);
            QVERIFY2(run.exitCode == 0, run.describe().constData());
            QVERIFY2(run.out.contains("process-test") && run.out.contains(id.toLatin1()),
                     run.out.constData());
            QVERIFY(!run.out.contains(secret) && !run.err.contains(secret));
        }
        bool found = false;
        const QJsonArray tokens = ctl({ u"tokens"_s, u"--json"_s }).json().value(u"tokens").toArray();
        for (const QJsonValue &t : tokens) {
            const QJsonObject token = t.toObject();
            QCOMPARE(
                token.keys(),
                (QStringList { u"created_at"_s, u"id"_s, u"last_used_at"_s, u"name"_s, u"revoked_at"_s }));
            if (token.value(u"id").toString() == id) {
                found = true;
                QCOMPARE(token.value(u"name").toString(), u"process-test"_s);
                QVERIFY(token.value(u"revoked_at").isNull());
            }
        }
        QVERIFY(found);
        const QList<QByteArray> lines = ctl({ u"tokens"_s }).out.split('\n');
        QVERIFY(lines.first().startsWith("ID") && lines.first().contains("LAST USED"));
    }

    void tokenRevokeRefusesThatToken()
    {
        const QString second = createToken(u"x"_s);
        QVERIFY(!second.isEmpty());
        const QString id = second.section(u'.', 0, 0);
        QCOMPARE(ctl({ u"pool"_s }, second).exitCode, 0);

        const CtlRun revoked = ctl({ u"token"_s, u"revoke"_s, id });
        QVERIFY2(revoked.exitCode == 0, revoked.describe().constData());
        QVERIFY(revoked.out.contains(id.toLatin1()) && revoked.out.contains("(x)"));
        QVERIFY2(!revoked.err.contains("warning"), revoked.err.constData()); // not the token in use
        const CtlRun refused = ctl({ u"pool"_s }, second);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("did not accept the admin token"), refused.err.constData());
        QVERIFY(!refused.err.contains(second.section(u'.', 1).toLatin1()));

        bool listed = false;
        const QJsonArray tokens = ctl({ u"tokens"_s, u"--json"_s }).json().value(u"tokens").toArray();
        for (const QJsonValue &t : tokens) {
            if (t.toObject().value(u"id").toString() == id)
                listed = !t.toObject().value(u"revoked_at").isNull();
        }
        QVERIFY(listed);

        const CtlRun again = ctl({ u"token"_s, u"revoke"_s, id });
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("conflict") && again.err.contains("already revoked"),
                 again.err.constData());
        const CtlRun unknown = ctl({ u"token"_s, u"revoke"_s, u"00000000deadbeef"_s });
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("not found"), unknown.err.constData());

        // A token revoking itself: done, with a warning that keeps --json output clean.
        const QString third = createToken(u"self"_s);
        const CtlRun self = ctl({ u"token"_s, u"revoke"_s, third.section(u'.', 0, 0), u"--json"_s }, third);
        QVERIFY2(self.exitCode == 0, self.describe().constData());
        QCOMPARE(self.json().value(u"name").toString(), u"self"_s);
        QVERIFY2(self.err.contains("warning") && self.err.contains("this command ran with"),
                 self.err.constData());
        QCOMPARE(ctl({ u"pool"_s }, third).exitCode, 1);
        // The main token still works.
        QCOMPARE(ctl({ u"pool"_s }).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCtlAccess)
#include "tst_ctlaccess.moc"
