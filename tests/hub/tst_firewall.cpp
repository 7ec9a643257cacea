#include "FakeTools.h"
#include "Firewall.h"

#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestFirewall : public QObject
{
    Q_OBJECT

private:
    static IpAddress ip(const QString &text) { return IpAddress::parse(text).value(); }
    static NftRuleset ruleset() { return NftRuleset(u"fioacme"_s, ip(u"10.42.42.1"_s)); }
    static FirewallState state(const QList<IpAddress> &clients, bool d2d)
    {
        return FirewallState { clients, { ip(u"10.42.42.2"_s) }, d2d };
    }
    static QString script(const QString &call) { return call.section(u"STDIN: "_s, 1); }

private Q_SLOTS:
    void firstApplyReplacesThenUpdates()
    {
        FakeTools tools;
        Firewall firewall(ruleset());
        const FirewallState first = state({}, false);
        QVERIFY(firewall.apply(first).ok());
        QStringList calls = tools.calls(u"nft"_s);
        QCOMPARE(calls.size(), 1);
        QVERIFY(calls.first().startsWith(u"ARGS: -f -\n"_s));
        QCOMPARE(script(calls.first()).trimmed(), ruleset().replaceTable(first).trimmed());

        // Same state: nothing to run.
        QVERIFY(firewall.apply(first).ok());
        QCOMPARE(tools.calls(u"nft"_s).size(), 1);

        // Only the device-to-device chain changes.
        const FirewallState d2d = state({}, true);
        QVERIFY(firewall.apply(d2d).ok());
        calls = tools.calls(u"nft"_s);
        QCOMPARE(calls.size(), 2);
        QCOMPARE(script(calls.last()).trimmed(), ruleset().update(first, d2d).trimmed());
        QVERIFY(!script(calls.last()).contains(u"client_peers"_s));
    }

    void failedUpdateFallsBackToReplace()
    {
        FakeTools tools;
        Firewall firewall(ruleset());
        QVERIFY(firewall.apply(state({}, false)).ok());
        tools.answer(u"nft"_s, u"-f -"_s, "Error: No such file or directory\n", 1);
        const auto failed = firewall.apply(state({ ip(u"10.42.42.10"_s) }, false));
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.contains(u"No such file or directory"_s),
                 qPrintable(failed.error().message));
        // update, then the replace attempt
        QStringList calls = tools.calls(u"nft"_s);
        QCOMPARE(calls.size(), 3);
        QVERIFY(script(calls.at(1)).startsWith(u"flush set"_s));
        QVERIFY(script(calls.at(2)).startsWith(u"add table"_s));

        // After a failure the state is unknown: the next apply replaces the table.
        tools.clearAnswers(u"nft"_s);
        QVERIFY(firewall.apply(state({ ip(u"10.42.42.10"_s) }, false)).ok());
        calls = tools.calls(u"nft"_s);
        QVERIFY(script(calls.last()).startsWith(u"add table"_s));
    }

    void replaceAlwaysRunsTheFullTable()
    {
        FakeTools tools;
        Firewall firewall(ruleset());
        QVERIFY(firewall.replace(state({}, false)).ok());
        QVERIFY(firewall.replace(state({}, false)).ok());
        const QStringList calls = tools.calls(u"nft"_s);
        QCOMPARE(calls.size(), 2);
        QVERIFY(script(calls.at(1)).startsWith(u"add table ip fvpn_fioacme\ndelete table"_s));
    }

    void forwardingTurnedOnOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"ip_forward"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("0\n");
        file.close();
        qputenv("FVPN_IP_FORWARD_FILE", path.toLocal8Bit());
        auto changed = Firewall::enableForwarding();
        QVERIFY(changed.ok());
        QVERIFY(*changed);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("1\n"));
        file.close();
        changed = Firewall::enableForwarding();
        QVERIFY(changed.ok());
        QVERIFY(!*changed);

        qputenv("FVPN_IP_FORWARD_FILE", dir.filePath(u"missing/ip_forward"_s).toLocal8Bit());
        changed = Firewall::enableForwarding();
        QVERIFY(!changed.ok());
        QVERIFY(changed.error().message.contains(u"missing/ip_forward"_s));
        qunsetenv("FVPN_IP_FORWARD_FILE");
    }
};

QTEST_GUILESS_MAIN(TestFirewall)
#include "tst_firewall.moc"
