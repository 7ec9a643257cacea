#include "PrometheusText.h"

#include <QtTest>

#include <array>
#include <limits>

using namespace fvpn;

class TestPrometheusText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void labelValuesAreEscaped_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("escaped");
        QTest::newRow("plain") << QByteArray("wg0") << QByteArray("wg0");
        QTest::newRow("quote") << QByteArray("a\"b") << QByteArray("a\\\"b");
        QTest::newRow("backslash") << QByteArray("C:\\x") << QByteArray("C:\\\\x");
        QTest::newRow("newline") << QByteArray("a\nb") << QByteArray("a\\nb");
        QTest::newRow("all, in order") << QByteArray("\\\"\n") << QByteArray("\\\\\\\"\\n");
        // Nothing else is escaped: UTF-8, tabs and braces go through as they are.
        QTest::newRow("utf-8 and others")
            << QByteArray("f\xc3\xa4\tbrik{}=,") << QByteArray("f\xc3\xa4\tbrik{}=,");
        QTest::newRow("empty") << QByteArray() << QByteArray();
    }
    void labelValuesAreEscaped()
    {
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, escaped);
        QCOMPARE(PrometheusText::escapeLabelValue(value), escaped);
        PrometheusText out;
        out.sample("m", { { "l", value } }, quint64(1));
        QCOMPARE(out.text(), "m{l=\"" + escaped + "\"} 1\n");
    }

    void helpIsEscapedButNotQuotes()
    {
        PrometheusText out;
        out.family("m_total", "counter", "say \"hi\"\\ to\nall");
        QCOMPARE(out.text(), QByteArray("# HELP m_total say \"hi\"\\\\ to\\nall\n# TYPE m_total counter\n"));
    }

    void samples()
    {
        PrometheusText out;
        out.sample("a", {}, quint64(18446744073709551615ULL));
        out.sample("b", { { "x", "1" }, { "y", "2" } }, 0.25);
        out.sample("c", {}, 1733472000.5);
        out.sample("d", {}, 3.0);
        QCOMPARE(out.text(),
                 QByteArray("a 18446744073709551615\nb{x=\"1\",y=\"2\"} 0.25\nc 1733472000.5\nd 3\n"));
    }

    void values_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("zero") << 0.0 << QByteArray("0");
        QTest::newRow("integer") << 42.0 << QByteArray("42");
        QTest::newRow("negative") << -7.0 << QByteArray("-7");
        QTest::newRow("tenth") << 0.1 << QByteArray("0.1");
        QTest::newRow("small") << 0.005 << QByteArray("0.005");
        QTest::newRow("tiny") << 1e-9 << QByteArray("1e-09");
        QTest::newRow("huge") << 1e300 << QByteArray("1e+300");
        QTest::newRow("+Inf") << std::numeric_limits<double>::infinity() << QByteArray("+Inf");
        QTest::newRow("-Inf") << -std::numeric_limits<double>::infinity() << QByteArray("-Inf");
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QByteArray("NaN");
    }
    void values()
    {
        QFETCH(double, value);
        QFETCH(QByteArray, text);
        QCOMPARE(PrometheusText::formatValue(value), text);
        // What is written reads back as the same number.
        if (!std::isnan(value) && !std::isinf(value))
            QCOMPARE(text.toDouble(), value);
    }

    void histogramBucketsAreCumulativeAndEndWithInf()
    {
        PrometheusText out;
        const std::array<double, 3> bounds { 0.5, 1, 2.5 };
        const std::array<quint64, 4> counts { 2, 0, 3, 1 }; // per bucket; the last one above 2.5
        out.histogram("lat_seconds", { { "kind", "a\"b" } }, bounds, counts, 9.75);
        QCOMPARE(out.text(),
                 QByteArray("lat_seconds_bucket{kind=\"a\\\"b\",le=\"0.5\"} 2\n"
                            "lat_seconds_bucket{kind=\"a\\\"b\",le=\"1\"} 2\n"
                            "lat_seconds_bucket{kind=\"a\\\"b\",le=\"2.5\"} 5\n"
                            "lat_seconds_bucket{kind=\"a\\\"b\",le=\"+Inf\"} 6\n"
                            "lat_seconds_sum{kind=\"a\\\"b\"} 9.75\n"
                            "lat_seconds_count{kind=\"a\\\"b\"} 6\n"));
    }

    void emptyHistogram()
    {
        PrometheusText out;
        const std::array<double, 1> bounds { 1 };
        const std::array<quint64, 2> counts {};
        out.histogram("h", {}, bounds, counts, 0);
        QCOMPARE(out.text(),
                 QByteArray("h_bucket{le=\"1\"} 0\nh_bucket{le=\"+Inf\"} 0\nh_sum 0\nh_count 0\n"));
    }
};

QTEST_GUILESS_MAIN(TestPrometheusText)
#include "tst_prometheustext.moc"
