#include "HostsFile.h"

#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestHostsFile : public QObject
{
    Q_OBJECT

private:
    static QList<HostEntry> entries()
    {
        return { { IpAddress::parse(u"10.42.42.10").value(), u"alice"_s },
                 { IpAddress::parse(u"10.42.42.2").value(), u"dev-01"_s },
                 { IpAddress::parse(u"10.42.42.3").value(), u"dev-02"_s } };
    }

    static QString ourBlock()
    {
        return u"## Factory(acme) VPN Lookups\n10.42.42.2\tdev-01\n10.42.42.3\tdev-02\n10.42.42.10\talice\n"
               "## END Factory(acme) VPN Lookups\n"_s;
    }

private Q_SLOTS:
    void blockIsSortedByAddress() { QCOMPARE(HostsFile::block(u"acme", entries()), ourBlock()); }

    void emptyBlockKeepsMarkers()
    {
        QCOMPARE(HostsFile::block(u"acme", {}),
                 u"## Factory(acme) VPN Lookups\n## END Factory(acme) VPN Lookups\n"_s);
    }

    void updates_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        const QString head = u"127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n"_s;
        const QString tail = u"# keep me\n192.168.1.5 nas\n"_s;
        QTest::newRow("empty file") << QString() << ourBlock();
        QTest::newRow("appended after a blank line") << head << head + u"\n"_s + ourBlock();
        QTest::newRow("no trailing newline")
            << u"127.0.0.1 localhost"_s << u"127.0.0.1 localhost\n\n"_s + ourBlock();
        QTest::newRow("ends with blank line") << head + u"\n"_s << head + u"\n"_s + ourBlock();
        QTest::newRow("replaced in place") << head
                + u"## Factory(acme) VPN Lookups\n10.42.42.9\told-dev\n## END Factory(acme) VPN Lookups\n"_s
                + tail << head + ourBlock() + tail;
        QTest::newRow("missing end marker takes only entry lines")
            << head + u"## Factory(acme) VPN Lookups\n10.42.42.9\told-dev\n10.42.42.8 other\n"_s + tail
            << head + ourBlock() + tail;
        QTest::newRow("duplicate blocks collapse") << head + ourBlock() + tail
                + u"## Factory(acme) VPN Lookups\n10.42.42.9\tx\n## END Factory(acme) VPN Lookups\n"_s
                                                   << head + ourBlock() + tail;
        QTest::newRow("other factory untouched")
            << head + u"## Factory(other) VPN Lookups\n10.9.0.2\tz\n## END Factory(other) VPN Lookups\n"_s
            << head + u"## Factory(other) VPN Lookups\n10.9.0.2\tz\n## END Factory(other) VPN Lookups\n\n"_s
                + ourBlock();
        QTest::newRow("stray end marker left alone")
            << u"## END Factory(acme) VPN Lookups\n"_s
            << u"## END Factory(acme) VPN Lookups\n\n"_s + ourBlock();
    }
    void updates()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QCOMPARE(HostsFile::updated(before, u"acme", entries()), after);
        // Idempotent: a second pass changes nothing, so the hub rewrites nothing.
        QCOMPARE(HostsFile::updated(after, u"acme", entries()), after);
    }

    void dropsUnusableNames()
    {
        QList<HostEntry> list = entries();
        list.append({ IpAddress::parse(u"10.42.42.20").value(), u"bad name"_s });
        list.append({ IpAddress::parse(u"10.42.42.21").value(), u"evil\n1.2.3.4 bank"_s });
        list.append({ IpAddress::parse(u"10.42.42.22").value(), QString() });
        list.append({ IpAddress(), u"no-address"_s });
        QCOMPARE(HostsFile::block(u"acme", list), ourBlock());
        QCOMPARE(HostsFile::unusableNames(list),
                 (QStringList { u"bad name"_s, u"evil\n1.2.3.4 bank"_s, QString(), u"no-address"_s }));
    }
};

QTEST_GUILESS_MAIN(TestHostsFile)
#include "tst_hostsfile.moc"
