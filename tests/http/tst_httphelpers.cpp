// The helpers for cheap reads: gzip (checked with the real gzip tool too),
// Accept-Encoding negotiation with q-values, entity tags and If-None-Match.
#include "EntityTag.h"
#include "HttpCompression.h"
#include "OpenFileLimit.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>

#include <sys/resource.h>

using namespace fvpn;
using Coding = HttpCompression::Coding;

Q_DECLARE_METATYPE(HttpCompression::Coding)

class TestHttpHelpers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gzipRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("{\"devices\":[]}");
        QByteArray json;
        for (int i = 0; i < 20'000; ++i)
            json += "{\"name\":\"press-" + QByteArray::number(i) + "\",\"address\":\"10.42."
                + QByteArray::number(i / 250) + '.' + QByteArray::number(i % 250) + "\"},";
        QTest::newRow("2.5 MB of JSON") << json;
        QByteArray noise(100'000, Qt::Uninitialized);
        QRandomGenerator random(7);
        for (char &c : noise)
            c = char(random.bounded(256));
        QTest::newRow("incompressible") << noise;
    }
    void gzipRoundTrip()
    {
        QFETCH(QByteArray, data);
        const QByteArray packed = HttpCompression::gzip(data);
        QVERIFY(packed.startsWith("\x1f\x8b"));
        bool ok = false;
        QCOMPARE(HttpCompression::gunzip(packed, &ok), data);
        QVERIFY(ok);
        if (data.size() > 1'000'000)
            QVERIFY(packed.size() < data.size() / 5);
        // The real tool agrees.
        QProcess gzip;
        gzip.start(u"gzip"_qs, { u"-dc"_qs });
        QVERIFY(gzip.waitForStarted());
        gzip.write(packed);
        gzip.closeWriteChannel();
        QVERIFY(gzip.waitForFinished(30'000));
        QCOMPARE(gzip.exitCode(), 0);
        QCOMPARE(gzip.readAllStandardOutput(), data);
    }

    void gunzipRefusesDamage()
    {
        const QByteArray packed = HttpCompression::gzip(QByteArray(10'000, 'a'));
        bool ok = true;
        HttpCompression::gunzip(packed.left(packed.size() - 4), &ok);
        QVERIFY(!ok);
        HttpCompression::gunzip("not gzip", &ok);
        QVERIFY(!ok);
        HttpCompression::gunzip(packed, &ok, 100);
        QVERIFY(!ok); // over the size cap
    }

    void negotiate_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("present");
        QTest::addColumn<Coding>("expected");
        QTest::newRow("absent") << QByteArray() << false << Coding::Identity;
        QTest::newRow("empty") << QByteArray() << true << Coding::Identity;
        QTest::newRow("gzip") << QByteArray("gzip") << true << Coding::Gzip;
        QTest::newRow("browser") << QByteArray("gzip, deflate, br") << true << Coding::Gzip;
        QTest::newRow("case and spaces") << QByteArray("  GZip ;  Q=1  ") << true << Coding::Gzip;
        QTest::newRow("x-gzip") << QByteArray("x-gzip") << true << Coding::Gzip;
        QTest::newRow("deflate only") << QByteArray("deflate, br") << true << Coding::Identity;
        QTest::newRow("gzip refused") << QByteArray("gzip;q=0") << true << Coding::Identity;
        QTest::newRow("gzip q=0.000") << QByteArray("gzip;q=0.000") << true << Coding::Identity;
        QTest::newRow("identity preferred") << QByteArray("gzip;q=0.5, identity") << true << Coding::Identity;
        QTest::newRow("gzip preferred") << QByteArray("gzip;q=0.9, identity;q=0.8") << true << Coding::Gzip;
        QTest::newRow("gzip at a low q, identity unnamed")
            << QByteArray("gzip;q=0.1") << true << Coding::Gzip;
        QTest::newRow("star above gzip") << QByteArray("*;q=0.5, gzip;q=0.4") << true << Coding::Identity;
        QTest::newRow("tie goes to gzip") << QByteArray("identity;q=0.5, gzip;q=0.5") << true << Coding::Gzip;
        QTest::newRow("star") << QByteArray("*") << true << Coding::Gzip;
        QTest::newRow("star refused, gzip allowed") << QByteArray("*;q=0, gzip") << true << Coding::Gzip;
        QTest::newRow("identity refused") << QByteArray("identity;q=0") << true << Coding::NotAcceptable;
        QTest::newRow("everything refused") << QByteArray("*;q=0") << true << Coding::NotAcceptable;
        QTest::newRow("identity refused, gzip ok")
            << QByteArray("identity;q=0, gzip;q=0.1") << true << Coding::Gzip;
        QTest::newRow("gzip and identity refused")
            << QByteArray("gzip;q=0, identity;q=0") << true << Coding::NotAcceptable;
        QTest::newRow("malformed q ignored") << QByteArray("gzip;q=2") << true << Coding::Identity;
        QTest::newRow("q with four decimals ignored")
            << QByteArray("gzip;q=0.1234") << true << Coding::Identity;
        QTest::newRow("q=1.001 ignored") << QByteArray("gzip;q=1.001") << true << Coding::Identity;
        QTest::newRow("q=1.000") << QByteArray("gzip;q=1.000") << true << Coding::Gzip;
        QTest::newRow("parameter without value ignored") << QByteArray("gzip;q") << true << Coding::Identity;
        QTest::newRow("empty elements") << QByteArray(", ,gzip,") << true << Coding::Gzip;
        QTest::newRow("other parameters") << QByteArray("gzip;level=9;q=0.7") << true << Coding::Gzip;
    }
    void negotiate()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, present);
        QFETCH(Coding, expected);
        QCOMPARE(HttpCompression::negotiate(header, present), expected);
    }

    void entityTags()
    {
        const auto strong = EntityTag::parse("\"r42\"");
        QVERIFY(strong);
        QCOMPARE(strong->opaque(), QByteArray("r42"));
        QVERIFY(!strong->isWeak());
        QCOMPARE(strong->toHeader(), QByteArray("\"r42\""));
        const auto weak = EntityTag::parse(" W/\"r42\"\t");
        QVERIFY(weak && weak->isWeak());
        QCOMPARE(weak->toHeader(), QByteArray("W/\"r42\""));
        QVERIFY(weak->weaklyEquals(*strong));
        QVERIFY(!weak->stronglyEquals(*strong));
        QVERIFY(strong->stronglyEquals(*EntityTag::make("r42")));
        for (const char *bad :
             { "r42", "\"r42", "w/\"r42\"", "\"r\"42\"", "\"a b\"", "W/ \"x\"", "\"x\"y", "" })
            QVERIFY2(!EntityTag::parse(bad), bad);
        QVERIFY(!EntityTag::make("a\"b"));
        QVERIFY(!EntityTag::make(QByteArray("a\x01", 2)));
    }

    void ifNoneMatch_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("matches");
        QTest::newRow("same") << QByteArray("\"r42\"") << true;
        QTest::newRow("weak of the same") << QByteArray("W/\"r42\"") << true;
        QTest::newRow("other") << QByteArray("\"r41\"") << false;
        QTest::newRow("star") << QByteArray("*") << true;
        QTest::newRow("star with spaces") << QByteArray(" * ") << true;
        QTest::newRow("in a list") << QByteArray("\"a\", W/\"b\",\"r42\"") << true;
        QTest::newRow("list without it") << QByteArray("\"a\", \"b\"") << false;
        QTest::newRow("comma inside a tag") << QByteArray("\"r4,2\"") << false;
        QTest::newRow("empty elements") << QByteArray(" , \"r42\" ,") << true;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("unquoted") << QByteArray("r42") << false;
        QTest::newRow("malformed after a match") << QByteArray("\"r42\", garbage") << false;
        QTest::newRow("star in a list") << QByteArray("\"a\", *") << false;
    }
    void ifNoneMatch()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, matches);
        QCOMPARE(EntityTag::noneMatchMatches(header, *EntityTag::make("r42")), matches);
    }

    // The hub raises its soft open-file limit itself (a thousand long-polls need
    // more than 1,024 descriptors), up to the hard limit, never down.
    void openFileLimitIsRaisedNeverLowered()
    {
        rlimit original {};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &original), 0);
        if (original.rlim_max != RLIM_INFINITY && original.rlim_max < 2048)
            QSKIP("the hard open-file limit is below 2,048 here");
        rlimit low = original;
        low.rlim_cur = 256;
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &low), 0);

        OpenFileLimit limit = OpenFileLimit::raise(2000);
        rlimit now {};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &now), 0);
        QCOMPARE(limit.before, quint64(256));
        QCOMPARE(limit.now, quint64(2000));
        QCOMPARE(quint64(now.rlim_cur), quint64(2000));
        QCOMPARE(now.rlim_max, original.rlim_max);

        limit = OpenFileLimit::raise(1000); // never lowered
        QCOMPARE(limit.before, quint64(2000));
        QCOMPARE(limit.now, quint64(2000));
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &now), 0);
        QCOMPARE(quint64(now.rlim_cur), quint64(2000));

        if (original.rlim_max != RLIM_INFINITY) {
            limit = OpenFileLimit::raise(quint64(original.rlim_max) + 1000); // no further than the hard limit
            QCOMPARE(limit.now, quint64(original.rlim_max));
        }
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &original), 0);
    }
};

QTEST_GUILESS_MAIN(TestHttpHelpers)
#include "tst_httphelpers.moc"
