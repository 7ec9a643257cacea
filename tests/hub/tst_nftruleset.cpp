#include "NftRuleset.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestNftRuleset : public QObject
{
    Q_OBJECT

private:
    static IpAddress ip(const QString &text) { return IpAddress::parse(text).value(); }
    static NftRuleset ruleset() { return NftRuleset(u"fioacme"_s, ip(u"10.42.42.1"_s)); }

    static FirewallState state(const QStringList &clients, const QStringList &devices, bool d2d)
    {
        FirewallState s;
        for (const QString &c : clients)
            s.clients.append(ip(c));
        for (const QString &d : devices)
            s.devices.append(ip(d));
        s.deviceToDevice = d2d;
        return s;
    }

    // Runs the scripts with the real nft inside a throwaway network namespace
    // (unshare -n), so the host's ruleset is never touched; returns the final table.
    static QString applyInScratchNamespace(const QStringList &scripts, const QString &table, bool *ran)
    {
        *ran = false;
        const QString nft = QStandardPaths::findExecutable(u"nft"_s, { u"/usr/sbin"_s, u"/sbin"_s });
        const QString unshare = QStandardPaths::findExecutable(u"unshare"_s);
        if (geteuid() != 0 || nft.isEmpty() || unshare.isEmpty())
            return {};
        QTemporaryDir dir;
        QString command;
        for (qsizetype i = 0; i < scripts.size(); ++i) {
            const QString path = dir.filePath(u"step%1.nft"_s.arg(i));
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return {};
            file.write(scripts.at(i).toUtf8());
            file.close();
            command += u"\"$0\" -f %1 && "_s.arg(path);
        }
        command += u"\"$0\" list table ip %1"_s.arg(table);
        QProcess process;
        process.start(unshare, { u"--net"_s, u"sh"_s, u"-c"_s, command, nft });
        if (!process.waitForFinished(30000))
            return {};
        *ran = true;
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            return u"FAILED: "_s + QString::fromUtf8(process.readAllStandardError());
        return QString::fromUtf8(process.readAllStandardOutput());
    }

private Q_SLOTS:
    void tableName_data()
    {
        QTest::addColumn<QString>("interfaceName");
        QTest::addColumn<QString>("table");
        QTest::newRow("plain") << u"fioacme"_s << u"fvpn_fioacme"_s;
        QTest::newRow("dash and dot") << u"fio-a.b"_s << u"fvpn_fio_a_b"_s;
        QTest::newRow("underscore") << u"wg_0"_s << u"fvpn_wg_0"_s;
    }
    void tableName()
    {
        QFETCH(QString, interfaceName);
        QFETCH(QString, table);
        QCOMPARE(NftRuleset(interfaceName, ip(u"10.42.42.1"_s)).tableName(), table);
    }

    void replaceTableText()
    {
        const QString expected = uR"(add table ip fvpn_fioacme
delete table ip fvpn_fioacme
table ip fvpn_fioacme {
	set client_peers {
		type ipv4_addr
		elements = { 10.42.42.10, 10.42.42.11 }
	}
	set device_peers {
		type ipv4_addr
		elements = { 10.42.42.2, 10.42.42.3, 10.42.42.20 }
	}
	chain device_to_device {
	}
	chain forward {
		type filter hook forward priority filter; policy accept;
		iifname "fioacme" oifname "fioacme" ip saddr @client_peers ip daddr @device_peers accept
		iifname "fioacme" oifname "fioacme" ip saddr @device_peers ip daddr @client_peers ct state established,related accept
		iifname "fioacme" oifname "fioacme" jump device_to_device
		iifname "fioacme" oifname "fioacme" drop
	}
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "fioacme" ip saddr @client_peers ip daddr @device_peers snat to 10.42.42.1
	}
}
)"_s;
        // Input order and duplicates do not matter: elements are sorted numerically.
        const FirewallState s
            = state({ u"10.42.42.11"_s, u"10.42.42.10"_s },
                    { u"10.42.42.20"_s, u"10.42.42.2"_s, u"10.42.42.3"_s, u"10.42.42.2"_s }, false);
        QCOMPARE(ruleset().replaceTable(s), expected);
    }

    void replaceTableWithDeviceToDeviceAndEmptySets()
    {
        const QString text = ruleset().replaceTable(state({}, {}, true));
        QVERIFY(!text.contains(u"elements"_s)); // nft rejects "elements = { }"
        QVERIFY(
            text.contains(u"\tchain device_to_device {\n\t\tiifname \"fioacme\" oifname \"fioacme\" ip saddr "
                          "@device_peers ip daddr @device_peers accept\n\t}\n"_s));
    }

    void updateOnlyWhatChanged_data()
    {
        QTest::addColumn<QStringList>("clientsBefore");
        QTest::addColumn<QStringList>("clientsAfter");
        QTest::addColumn<bool>("d2dBefore");
        QTest::addColumn<bool>("d2dAfter");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nothing") << QStringList { u"10.42.42.10"_s } << QStringList { u"10.42.42.10"_s }
                                 << false << false << QString();
        QTest::newRow("order only") << QStringList { u"10.42.42.10"_s, u"10.42.42.11"_s }
                                    << QStringList { u"10.42.42.11"_s, u"10.42.42.10"_s } << true << true
                                    << QString();
        QTest::newRow("client added")
            << QStringList { u"10.42.42.10"_s } << QStringList { u"10.42.42.10"_s, u"10.42.42.11"_s } << false
            << false << u"add element ip fvpn_fioacme client_peers { 10.42.42.11 }\n"_s;
        QTest::newRow("last client gone")
            << QStringList { u"10.42.42.10"_s } << QStringList {} << false << false
            << u"delete element ip fvpn_fioacme client_peers { 10.42.42.10 }\n"_s;
        QTest::newRow("one replaced by two")
            << QStringList { u"10.42.42.10"_s, u"10.42.42.12"_s }
            << QStringList { u"10.42.42.13"_s, u"10.42.42.12"_s, u"10.42.42.11"_s } << false << false
            << u"delete element ip fvpn_fioacme client_peers { 10.42.42.10 }\n"
               "add element ip fvpn_fioacme client_peers { 10.42.42.11, 10.42.42.13 }\n"_s;
        QTest::newRow("d2d on")
            << QStringList {} << QStringList {} << false << true
            << u"flush chain ip fvpn_fioacme device_to_device\n"
               "add rule ip fvpn_fioacme device_to_device iifname \"fioacme\" oifname \"fioacme\" "
               "ip saddr @device_peers ip daddr @device_peers accept\n"_s;
        QTest::newRow("d2d off") << QStringList {} << QStringList {} << true << false
                                 << u"flush chain ip fvpn_fioacme device_to_device\n"_s;
    }
    void updateOnlyWhatChanged()
    {
        QFETCH(QStringList, clientsBefore);
        QFETCH(QStringList, clientsAfter);
        QFETCH(bool, d2dBefore);
        QFETCH(bool, d2dAfter);
        QFETCH(QString, expected);
        const QStringList devices { u"10.42.42.2"_s };
        QCOMPARE(ruleset().update(state(clientsBefore, devices, d2dBefore),
                                  state(clientsAfter, devices, d2dAfter)),
                 expected);
    }

    void updateDevices()
    {
        const QString text = ruleset().update(state({}, { u"10.42.42.2"_s }, false),
                                              state({}, { u"10.42.42.3"_s, u"10.42.42.2"_s }, false));
        QCOMPARE(text, u"add element ip fvpn_fioacme device_peers { 10.42.42.3 }\n"_s);
    }

    void deleteTable() { QCOMPARE(ruleset().deleteTable(), u"delete table ip fvpn_fioacme\n"_s); }

    // The text above is what we believe nft accepts; this asks nft itself.
    void realNftAcceptsTheScripts()
    {
        const NftRuleset r(u"fio-lab"_s, ip(u"10.42.42.1"_s));
        const FirewallState empty = state({}, {}, false);
        const FirewallState full = state({ u"10.42.42.10"_s }, { u"10.42.42.2"_s, u"10.42.42.3"_s }, true);
        const FirewallState later = state({ u"10.42.42.10"_s, u"10.42.42.12"_s }, { u"10.42.42.3"_s }, false);
        bool ran = false;
        // Replace twice (the second time the table exists), then update incrementally
        // (an element deleted from each set, one added, the chain emptied).
        const QString listed = applyInScratchNamespace(
            { r.replaceTable(empty), r.replaceTable(full), r.update(full, later) }, r.tableName(), &ran);
        if (!ran)
            QSKIP("needs root, nft and unshare to check the ruleset with the real nft");
        QVERIFY2(!listed.startsWith(u"FAILED"_s), qPrintable(listed));
        QVERIFY2(listed.contains(u"elements = { 10.42.42.10, 10.42.42.12 }"_s), qPrintable(listed));
        QVERIFY2(listed.contains(u"elements = { 10.42.42.3 }"_s), qPrintable(listed));
        QVERIFY2(listed.contains(u"chain device_to_device {\n\t}"_s), qPrintable(listed));
        QVERIFY(listed.contains(u"snat to 10.42.42.1"_s));
        QVERIFY(listed.contains(u"oifname \"fio-lab\" drop"_s));
    }

    void realNftRejectsDeletingAnAbsentElement()
    {
        // Drift inside a set (an element gone) fails the whole update, which makes
        // the hub replace the table: the transaction changed nothing.
        const NftRuleset r(u"fioacme"_s, ip(u"10.42.42.1"_s));
        const FirewallState believed = state({ u"10.42.42.10"_s }, {}, false);
        const FirewallState actual = state({}, {}, false);
        bool ran = false;
        const QString listed = applyInScratchNamespace(
            { r.replaceTable(actual), r.update(believed, state({ u"10.42.42.11"_s }, {}, false)) },
            r.tableName(), &ran);
        if (!ran)
            QSKIP("needs root, nft and unshare");
        QVERIFY(listed.startsWith(u"FAILED"_s));
    }

    void realNftAcceptsLargeSetsElementByElement()
    {
        const NftRuleset r(u"fioacme"_s, ip(u"10.42.0.1"_s));
        FirewallState big;
        for (quint32 i = 0; i < 5000; ++i)
            big.devices.append(IpAddress::fromIPv4(0x0a2a0002u + i));
        FirewallState next = big;
        next.devices.removeAt(100);
        next.devices.append(IpAddress::fromIPv4(0x0a2a2000u));
        bool ran = false;
        const QString listed
            = applyInScratchNamespace({ r.replaceTable(big), r.update(big, next) }, r.tableName(), &ran);
        if (!ran)
            QSKIP("needs root, nft and unshare");
        QVERIFY2(!listed.startsWith(u"FAILED"_s), qPrintable(listed.left(500)));
        QVERIFY(!listed.contains(u"10.42.0.102,"_s));
        QVERIFY(listed.contains(u"10.42.32.0"_s));
    }

    void realNftRejectsAMissingTableUpdate()
    {
        // An incremental update on a table that vanished fails, which is how the
        // hub notices and falls back to a full replace.
        const NftRuleset r(u"fioacme"_s, ip(u"10.42.42.1"_s));
        bool ran = false;
        const QString listed = applyInScratchNamespace(
            { r.update(state({}, {}, false), state({ u"10.42.42.10"_s }, {}, false)) }, r.tableName(), &ran);
        if (!ran)
            QSKIP("needs root, nft and unshare");
        QVERIFY(listed.startsWith(u"FAILED"_s));
    }
};

QTEST_GUILESS_MAIN(TestNftRuleset)
#include "tst_nftruleset.moc"
