// EventStreamParser against the WHATWG rules for text/event-stream, one table
// row per rule; every row is also fed split at every byte and one byte at a
// time, which must not change what comes out.
#include "EventStreamParser.h"

#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

using Events = QList<ServerSentEvent>;
Q_DECLARE_METATYPE(fvpn::ServerSentEvent)

namespace {

ServerSentEvent ev(const QString &data, const QString &type = QStringLiteral("message"),
                   const QString &lastId = {}, bool ownId = false)
{
    return ServerSentEvent { type, data, lastId, ownId };
}

struct Outcome
{
    Events events;
    QString lastEventId;
    std::optional<int> retry;
    qint64 comments = 0;
    bool ok = true;
};

Outcome run(const QList<QByteArray> &chunks, EventStreamParser::Limits limits = {})
{
    EventStreamParser parser(limits);
    Outcome out;
    for (const QByteArray &chunk : chunks) {
        out.ok = parser.feed(chunk) && out.ok;
        out.events += parser.takeEvents();
    }
    out.lastEventId = parser.lastEventId();
    out.retry = parser.retryMs();
    out.comments = parser.commentCount();
    return out;
}

QString describe(const Events &events)
{
    QStringList parts;
    for (const ServerSentEvent &e : events)
        parts << QStringLiteral("{%1|%2|%3|%4}")
                     .arg(e.type, QString(e.data).replace(u'\n', QStringLiteral("\\n")), e.lastEventId)
                     .arg(e.hasOwnId);
    return parts.join(u' ');
}

} // namespace

class TestEventStreamParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<Events>("expected");
        QTest::addColumn<QString>("lastEventId");
        QTest::addColumn<int>("retry"); // -1: none

        QTest::newRow("one event") << QByteArray("data: hello\n\n") << Events { ev(u"hello"_s) } << QString()
                                   << -1;
        QTest::newRow("multi-line data")
            << QByteArray("data: a\ndata: b\ndata\n\n") << Events { ev(u"a\nb\n"_s) } << QString() << -1;
        QTest::newRow("event type") << QByteArray("event: request.created\ndata: {}\n\n")
                                    << Events { ev(u"{}"_s, u"request.created"_s) } << QString() << -1;
        QTest::newRow("type does not carry over")
            << QByteArray("event: x\ndata: 1\n\ndata: 2\n\n") << Events { ev(u"1"_s, u"x"_s), ev(u"2"_s) }
            << QString() << -1;
        QTest::newRow("id carries over")
            << QByteArray("id: 7\ndata: a\n\ndata: b\n\n")
            << Events { ev(u"a"_s, u"message"_s, u"7"_s, true), ev(u"b"_s, u"message"_s, u"7"_s, false) }
            << u"7"_s << -1;
        QTest::newRow("id with NUL is ignored")
            << QByteArray("id: 1\ndata: a\n\nid: 2") + QByteArray(1, '\0') + QByteArray("3\ndata: b\n\n")
            << Events { ev(u"a"_s, u"message"_s, u"1"_s, true), ev(u"b"_s, u"message"_s, u"1"_s, false) }
            << u"1"_s << -1;
        QTest::newRow("empty id resets")
            << QByteArray("id: 1\ndata: a\n\nid\ndata: b\n\n")
            << Events { ev(u"a"_s, u"message"_s, u"1"_s, true), ev(u"b"_s, u"message"_s, QString(), true) }
            << QString() << -1;
        QTest::newRow("id without event sets the position")
            << QByteArray("id: 9\n\n") << Events {} << u"9"_s << -1;
        QTest::newRow("retry") << QByteArray("retry: 3000\n") << Events {} << QString() << 3000;
        QTest::newRow("retry not digits")
            << QByteArray("retry: 3000\nretry: 30a\nretry: -1\nretry:\nretry: 1.5\n") << Events {}
            << QString() << 3000;
        QTest::newRow("retry saturates")
            << QByteArray("retry: 99999999999999999999\n") << Events {} << QString() << int(INT_MAX);
        QTest::newRow("comments") << QByteArray(": keep-alive\n:\ndata: x\n: inside\n\n")
                                  << Events { ev(u"x"_s) } << QString() << -1;
        QTest::newRow("CR line ends")
            << QByteArray("data: a\rdata: b\r\r") << Events { ev(u"a\nb"_s) } << QString() << -1;
        QTest::newRow("CRLF line ends")
            << QByteArray("data: a\r\ndata: b\r\n\r\n") << Events { ev(u"a\nb"_s) } << QString() << -1;
        QTest::newRow("mixed line ends") << QByteArray("data: a\r\ndata: b\rdata: c\n\r\n")
                                         << Events { ev(u"a\nb\nc"_s) } << QString() << -1;
        QTest::newRow("CR CR is two lines")
            << QByteArray("data: a\r\rdata: b\n\n") << Events { ev(u"a"_s), ev(u"b"_s) } << QString() << -1;
        QTest::newRow("LF CR is two line ends")
            << QByteArray("data: a\n\rdata: b\n\n") << Events { ev(u"a"_s), ev(u"b"_s) } << QString() << -1;
        QTest::newRow("BOM dropped") << QByteArray("\xEF\xBB\xBF"
                                                   "data: x\n\n")
                                     << Events { ev(u"x"_s) } << QString() << -1;
        QTest::newRow("second BOM kept (unknown field)") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF"
                                                                       "data: x\n\ndata: y\n\n")
                                                         << Events { ev(u"y"_s) } << QString() << -1;
        QTest::newRow("BOM-like start kept") << QByteArray("\xEF\xBB"
                                                           "data: x\n\ndata: y\n\n")
                                             << Events { ev(u"y"_s) } << QString() << -1;
        QTest::newRow("field without colon")
            << QByteArray("data\n\n") << Events { ev(QString()) } << QString() << -1;
        QTest::newRow("no space after colon")
            << QByteArray("data:x\n\n") << Events { ev(u"x"_s) } << QString() << -1;
        QTest::newRow("only one space dropped")
            << QByteArray("data:  x \n\n") << Events { ev(u" x "_s) } << QString() << -1;
        QTest::newRow("colon in value")
            << QByteArray("data: a: b\n\n") << Events { ev(u"a: b"_s) } << QString() << -1;
        QTest::newRow("event without data is not dispatched")
            << QByteArray("event: x\n\ndata: y\n\n") << Events { ev(u"y"_s) } << QString() << -1;
        QTest::newRow("unfinished event is dropped")
            << QByteArray("data: a\n\ndata: b\n") << Events { ev(u"a"_s) } << QString() << -1;
        QTest::newRow("unknown fields ignored")
            << QByteArray("foo: bar\nDATA: no\ndata : no\n data: no\ndata: yes\n\n")
            << Events { ev(u"yes"_s) } << QString() << -1;
        QTest::newRow("invalid UTF-8 replaced")
            << QByteArray("data: a\xFF"
                          "b\n\n")
            << Events { ev(QStringLiteral("a\uFFFDb")) } << QString() << -1;
        QTest::newRow("UTF-8") << QByteArray("event: caf\xC3\xA9\ndata: \xE2\x82\xAC\n\n")
                               << Events { ev(QStringLiteral("\u20AC"), QStringLiteral("caf\u00E9")) }
                               << QString() << -1;
        QTest::newRow("blank lines only") << QByteArray("\n\n\r\n\r") << Events {} << QString() << -1;
        QTest::newRow("empty stream") << QByteArray() << Events {} << QString() << -1;
    }

    void rules()
    {
        QFETCH(QByteArray, stream);
        QFETCH(Events, expected);
        QFETCH(QString, lastEventId);
        QFETCH(int, retry);
        auto check = [&](const Outcome &out, const QString &how) {
            QVERIFY2(out.ok, qPrintable(how));
            QVERIFY2(out.events == expected,
                     qPrintable(QStringLiteral("%1: got %2, expected %3")
                                    .arg(how, describe(out.events), describe(expected))));
            QVERIFY2(out.lastEventId == lastEventId, qPrintable(how));
            QVERIFY2(out.retry.value_or(-1) == retry, qPrintable(how));
        };
        check(run({ stream }), QStringLiteral("whole"));
        for (qsizetype cut = 1; cut < stream.size(); ++cut)
            check(run({ stream.left(cut), stream.mid(cut) }), QStringLiteral("split at %1").arg(cut));
        QList<QByteArray> bytes;
        for (const char c : std::as_const(stream))
            bytes << QByteArray(1, c);
        check(run(bytes), QStringLiteral("byte by byte"));
    }

    void countsComments() { QCOMPARE(run({ ": keep-alive\n\n: keep-alive\r\n" }).comments, 2); }

    void limitsLineLength()
    {
        EventStreamParser::Limits limits;
        limits.maxLineBytes = 16;
        QVERIFY(run({ "data: 0123456789\n\n" }, limits).ok); // 16 bytes
        const Outcome whole = run({ "data: 01234567890\n\n" }, limits);
        QVERIFY(!whole.ok);
        QVERIFY(whole.events.isEmpty());
        // The same, arriving in pieces, and without a line end yet.
        QVERIFY(!run({ "data: 0123", "4567890" }, limits).ok);
        EventStreamParser parser(limits);
        QVERIFY(!parser.feed("data: 0123456789ABCDEF"));
        QVERIFY(parser.failed());
        QVERIFY(parser.error().contains(QStringLiteral("16 bytes")));
        QVERIFY(!parser.feed("\n\ndata: x\n\n")); // failed for good
        QVERIFY(parser.takeEvents().isEmpty());
    }

    void limitsEventSize()
    {
        EventStreamParser::Limits limits;
        limits.maxEventBytes = 10;
        QVERIFY(run({ "data: 1234\ndata: 1234\n\n" }, limits).ok); // 5 + 5
        QVERIFY(run({ "data: 1234\ndata: 1234\n\ndata: 1234\ndata: 1234\n\n" }, limits).ok); // per event
        QVERIFY(!run({ "data: 1234\ndata: 12345\n\n" }, limits).ok);
    }

    void restartKeepsThePosition()
    {
        EventStreamParser parser;
        QVERIFY(parser.feed("retry: 500\nid: 41\ndata: a\n\nid: 42\ndata: half"));
        QCOMPARE(parser.takeEvents().size(), 1);
        QCOMPARE(parser.lastEventId(), QStringLiteral("42"));
        parser.restart();
        QCOMPARE(parser.lastEventId(), QStringLiteral("42"));
        QCOMPARE(parser.retryMs().value_or(-1), 500);
        // The half event is gone, a new BOM is dropped again.
        QVERIFY(parser.feed("\xEF\xBB\xBF"
                            "data: b\n\n"));
        const Events events = parser.takeEvents();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.constFirst().data, QStringLiteral("b"));
        QCOMPARE(events.constFirst().lastEventId, QStringLiteral("42"));
        QVERIFY(!events.constFirst().hasOwnId);

        parser.setLastEventId(QStringLiteral("100"));
        QVERIFY(parser.feed("data: c\n\n"));
        QCOMPARE(parser.takeEvents().constFirst().lastEventId, QStringLiteral("100"));
    }

    void restartClearsAFailure()
    {
        EventStreamParser::Limits limits;
        limits.maxLineBytes = 4;
        EventStreamParser parser(limits);
        QVERIFY(!parser.feed("data: too long\n"));
        parser.restart();
        QVERIFY(!parser.failed());
        QVERIFY(parser.feed("a\n\n"));
    }

    void manyEventsInOneChunk()
    {
        QByteArray stream;
        for (int i = 0; i < 1000; ++i)
            stream
                += "id: " + QByteArray::number(i) + "\nevent: e\ndata: " + QByteArray::number(i * 2) + "\n\n";
        const Outcome out = run({ stream });
        QCOMPARE(out.events.size(), 1000);
        QCOMPARE(out.events[999].data, QStringLiteral("1998"));
        QCOMPARE(out.lastEventId, QStringLiteral("999"));
    }
};

QTEST_GUILESS_MAIN(TestEventStreamParser)
#include "tst_eventstreamparser.moc"
