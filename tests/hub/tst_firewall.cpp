#include "FakeTools.h"
#include "Firewall.h"
#include "NftGeneration.h"
#include "NftListing.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <sched.h>
#include <thread>
#include <unistd.h>

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
    // The `nft -f` runs only (a replace also lists the rules it wrote, with -j -t).
    static QStringList writes(const FakeTools &tools)
    {
        QStringList out;
        for (const QString &call : tools.calls(u"nft"_s)) {
            if (call.startsWith(u"ARGS: -f -\n"_s))
                out.append(call);
        }
        return out;
    }
    // What nft -j prints for the table: its sets (with elements unless terse) and
    // one chain with one rule, handles included.
    static QByteArray listing(const QStringList &clients, const QStringList &devices, bool terse,
                              const QString &rule = u"accept"_s)
    {
        const auto set = [&](const QString &name, const QStringList &elements) -> QString {
            QString text = u"{\"set\": {\"family\": \"ip\", \"name\": \"%1\", \"table\": \"fvpn_fioacme\", "
                           "\"type\": \"ipv4_addr\", \"handle\": 3"_s.arg(name);
            if (!terse && !elements.isEmpty())
                text += u", \"elem\": [\"%1\"]"_s.arg(elements.join(u"\", \""_s));
            return text + u"}}"_s;
        };
        return (u"{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}, "
                "{\"table\": {\"family\": \"ip\", \"name\": \"fvpn_fioacme\", \"handle\": 7}}, "_s
                + set(u"client_peers"_s, clients) + u", "_s + set(u"device_peers"_s, devices)
                + u", {\"chain\": {\"family\": \"ip\", \"table\": \"fvpn_fioacme\", \"name\": \"forward\", "
                  "\"handle\": 9}}, {\"rule\": {\"family\": \"ip\", \"table\": \"fvpn_fioacme\", \"chain\": "
                  "\"forward\", \"handle\": 12, \"expr\": [{\"%1\": null}]}}]}"_s.arg(rule))
            .toUtf8();
    }

private Q_SLOTS:
    void firstApplyReplacesThenUpdates()
    {
        FakeTools tools;
        Firewall firewall(ruleset());
        const FirewallState first = state({}, false);
        QVERIFY(firewall.apply(first).ok());
        QStringList calls = writes(tools);
        QCOMPARE(calls.size(), 1);
        QCOMPARE(script(calls.first()).trimmed(), ruleset().replaceTable(first).trimmed());
        // ...and the rules it wrote are listed once, for later checks.
        QCOMPARE(tools.calls(u"nft"_s).constLast(), u"ARGS: -j -t list table ip fvpn_fioacme"_s);

        // Same state: nothing to run.
        QVERIFY(!firewall.apply(first).value());
        QCOMPARE(writes(tools).size(), 1);

        // Only the device-to-device chain changes.
        const FirewallState d2d = state({}, true);
        QVERIFY(firewall.apply(d2d).value());
        calls = writes(tools);
        QCOMPARE(calls.size(), 2);
        QCOMPARE(script(calls.last()).trimmed(), ruleset().update(first, d2d).trimmed());
        QVERIFY(!script(calls.last()).contains(u"client_peers"_s));

        // One engineer more: one element added, nothing else.
        QVERIFY(firewall.apply(state({ ip(u"10.42.42.10"_s) }, true)).value());
        QCOMPARE(script(writes(tools).constLast()).trimmed(),
                 u"add element ip fvpn_fioacme client_peers { 10.42.42.10 }"_s);
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
        QStringList calls = writes(tools);
        QCOMPARE(calls.size(), 3);
        QVERIFY(script(calls.at(1)).startsWith(u"add element"_s));
        QVERIFY(script(calls.at(2)).startsWith(u"add table"_s));

        // After a failure the state is unknown: the next apply replaces the table.
        tools.clearAnswers(u"nft"_s);
        QVERIFY(firewall.apply(state({ ip(u"10.42.42.10"_s) }, false)).ok());
        calls = writes(tools);
        QVERIFY(script(calls.last()).startsWith(u"add table"_s));
    }

    void replaceAlwaysRunsTheFullTable()
    {
        FakeTools tools;
        Firewall firewall(ruleset());
        QVERIFY(firewall.replace(state({}, false)).ok());
        QVERIFY(firewall.replace(state({}, false)).ok());
        const QStringList calls = writes(tools);
        QCOMPARE(calls.size(), 2);
        QVERIFY(script(calls.at(1)).startsWith(u"add table ip fvpn_fioacme\ndelete table"_s));
    }

    void verifyTrustsTheGenerationOfItsOwnWrite()
    {
        FakeTools tools;
        Firewall firewall(ruleset());
        const FirewallState wanted = state({ ip(u"10.42.42.10"_s) }, false);
        QVERIFY(firewall.apply(wanted).ok());
        tools.clearCalls(u"nft"_s);
        // Nobody committed anything since our write: nothing runs.
        QVERIFY(!firewall.verify(wanted).value());
        QVERIFY(tools.calls(u"nft"_s).isEmpty());
    }

    void verifyListsAfterSomeoneElsesChange()
    {
        FakeTools tools;
        tools.answer(u"nft"_s, u"-j -t list"_s, listing({}, {}, true));
        Firewall firewall(ruleset());
        const FirewallState wanted = state({ ip(u"10.42.42.10"_s) }, false);
        QVERIFY(firewall.apply(wanted).ok());

        // Another program's transaction; our table as we wrote it: nothing repaired,
        // and the new generation is trusted from then on.
        tools.setGeneration(tools.generation() + 1);
        tools.answer(u"nft"_s, u"-j list table"_s, listing({ u"10.42.42.10"_s }, { u"10.42.42.2"_s }, false));
        tools.clearCalls(u"nft"_s);
        QVERIFY(!firewall.verify(wanted).value());
        QCOMPARE(tools.calls(u"nft"_s), QStringList { u"ARGS: -j list table ip fvpn_fioacme"_s });
        tools.clearCalls(u"nft"_s);
        QVERIFY(!firewall.verify(wanted).value());
        QVERIFY(tools.calls(u"nft"_s).isEmpty());

        // An element deleted behind our back: replaced.
        tools.clearAnswers(u"nft"_s);
        tools.answer(u"nft"_s, u"-j -t list"_s, listing({}, {}, true));
        tools.answer(u"nft"_s, u"-j list table"_s, listing({}, { u"10.42.42.2"_s }, false));
        tools.setGeneration(tools.generation() + 1);
        QVERIFY(firewall.verify(wanted).value());
        QVERIFY(script(writes(tools).constLast()).startsWith(u"add table"_s));

        // A rule changed behind our back (its handle alone would not count): replaced.
        tools.clearAnswers(u"nft"_s);
        tools.answer(u"nft"_s, u"-j -t list"_s, listing({}, {}, true));
        tools.answer(u"nft"_s, u"-j list table"_s,
                     listing({ u"10.42.42.10"_s }, { u"10.42.42.2"_s }, false, u"drop"_s));
        tools.setGeneration(tools.generation() + 1);
        tools.clearCalls(u"nft"_s);
        QVERIFY(firewall.verify(wanted).value());
        QCOMPARE(writes(tools).size(), 1);
    }

    void listingParse()
    {
        const QByteArray text = listing({ u"10.42.42.11"_s, u"10.42.42.10"_s }, {}, false);
        const Result<NftListing> parsed = NftListing::parse(text);
        QVERIFY2(parsed.ok(),
                 qPrintable((parsed.ok() ? QString() : parsed.error().message) + u" in "_s
                            + QString::fromUtf8(text)));
        QCOMPARE(parsed->sets.value(u"client_peers"_s),
                 (QList<IpAddress> { ip(u"10.42.42.10"_s), ip(u"10.42.42.11"_s) }));
        QVERIFY(parsed->sets.value(u"device_peers"_s).isEmpty());
        QVERIFY(!parsed->rules.contains("handle"));
        QCOMPARE(parsed->rules, NftListing::parse(listing({}, {}, true)).value().rules);
        QVERIFY(!NftListing::parse("Error: No such file or directory").ok());
        QVERIFY(!NftListing::parse("{\"other\": 1}").ok());
    }

    // The same against the real nft and the kernel's ruleset generation, in a
    // network namespace of this test's own (the host's ruleset is never touched).
    void realNftDriftRepair()
    {
        const QString nft = QStandardPaths::findExecutable(u"nft"_s, { u"/usr/sbin"_s, u"/sbin"_s });
        if (geteuid() != 0 || nft.isEmpty())
            QSKIP("needs root and nft");
        QTemporaryDir dir;
        // Counts the runs, then runs the real nft.
        const QString wrapper = dir.filePath(u"nft"_s);
        QFile script(wrapper);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(u"#!/bin/sh\necho \"$*\" >> %1/calls\nexec %2 \"$@\"\n"_s.arg(dir.path(), nft).toUtf8());
        script.close();
        script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const auto runs = [&] {
            QFile calls(dir.filePath(u"calls"_s));
            return calls.open(QIODevice::ReadOnly) ? QString::fromUtf8(calls.readAll()).count(u'\n') : 0;
        };
        const auto byHand = [&](const QString &command) {
            QProcess process;
            process.start(nft, QProcess::splitCommand(command));
            return process.waitForFinished(10000) && process.exitCode() == 0;
        };

        QString failure;
        bool skipped = false;
        // A thread has its own network namespace after unshare(CLONE_NEWNET), and so
        // do the processes it starts.
        std::thread worker([&] {
            if (::unshare(CLONE_NEWNET) != 0) {
                skipped = true;
                return;
            }
            const auto check = [&](bool ok, const QString &what) {
                if (!ok && failure.isEmpty())
                    failure = what;
                return ok;
            };
            qputenv("FVPN_NFT", wrapper.toLocal8Bit());
            const std::optional<quint32> before = NftGeneration::current();
            if (!check(before.has_value(), u"no ruleset generation over netlink"_s))
                return;
            Firewall firewall(ruleset());
            const FirewallState wanted { { ip(u"10.42.42.10"_s), ip(u"10.42.42.11"_s) },
                                         { ip(u"10.42.42.2"_s) },
                                         true };
            check(firewall.apply(wanted).ok(), u"first apply"_s);
            check(NftGeneration::current() == *before + 1, u"one transaction, one generation"_s);
            int at = runs();
            check(!firewall.verify(wanted).value() && runs() == at, u"verify after our own write ran nft"_s);

            // Someone else's transaction, our table intact: listed once, left alone.
            check(byHand(u"add table ip somebody_else"_s), u"nft add table"_s);
            at = runs();
            check(!firewall.verify(wanted).value() && runs() == at + 1,
                  u"intact table not just listed once"_s);
            at = runs();
            check(!firewall.verify(wanted).value() && runs() == at, u"second verify not free"_s);

            // An element deleted, a rule flushed, the whole ruleset flushed: each repaired.
            for (const QString &damage :
                 { u"delete element ip fvpn_fioacme client_peers { 10.42.42.11 }"_s,
                   u"flush chain ip fvpn_fioacme device_to_device"_s, u"flush ruleset"_s }) {
                check(byHand(damage), damage);
                check(firewall.verify(wanted).value(), u"not repaired: "_s + damage);
                const Result<QString> listed = firewall.list();
                check(listed.ok() && listed->contains(u"10.42.42.10, 10.42.42.11"_s)
                          && listed->contains(u"ip saddr @device_peers ip daddr @device_peers accept"_s),
                      u"after repairing "_s + damage + u": "_s + listed.valueOr(QString()));
                check(!firewall.verify(wanted).value(), u"repair not trusted: "_s + damage);
            }
            qunsetenv("FVPN_NFT");
        });
        worker.join();
        if (skipped)
            QSKIP("cannot create a network namespace");
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
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
