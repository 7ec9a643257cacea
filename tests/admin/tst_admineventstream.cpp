// AdminEventStream against the stand-in hub's event stream (FakeEventFront over
// real HTTP on loopback): what it reads, how it resumes and when it reconnects.
#include "AdminEventStream.h"
#include "FakeHub.h"

#include <QSignalSpy>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;

class TestAdminEventStream : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<AdminEventStream> m_stream;
    QList<AdminEvent> m_events;

    bool opened(int streams = 1)
    {
        return QTest::qWaitFor([&] { return m_stream->isOpen() && m_hub->events().openStreams() == streams; },
                               10000);
    }

    bool eventCount(int n)
    {
        return QTest::qWaitFor([&] { return m_events.size() >= n; }, 10000);
    }

    QStringList types() const
    {
        QStringList out;
        for (const AdminEvent &e : m_events)
            out << e.type;
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->listen());
        m_hub->events().retryMs = 50;
        m_stream = std::make_unique<AdminEventStream>();
        AdminEventStream::Timing timing;
        timing.retryMs = 50;
        timing.maxRetryMs = 400;
        m_stream->setTiming(timing);
        m_stream->setHub(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        m_events.clear();
        connect(m_stream.get(), &AdminEventStream::eventReceived, this,
                [this](const AdminEvent &e) { m_events.append(e); });
    }

    void cleanup()
    {
        m_stream.reset();
        m_hub.reset();
    }

    void helloThenEventsWithIncreasingIds()
    {
        m_stream->start();
        QVERIFY(opened());
        QVERIFY(eventCount(1));
        QCOMPARE(m_events[0].kind, AdminEventKind::Hello);
        QVERIFY(!m_events[0].id.has_value());
        QCOMPARE(m_events[0].revision, m_hub->revision());
        QVERIFY(!m_stream->isResuming());
        // The stream starts here: a reconnection would resume from the hello's revision.
        QCOMPARE(m_stream->lastEventId(), QString::number(m_hub->revision()));

        const RequestInfo alice = m_hub->addPendingRequest(QStringLiteral("Alice"), 10);
        m_hub->deviceToDevice = true;
        m_hub->commit();
        QVERIFY(eventCount(3));
        QCOMPARE(types(),
                 (QStringList { QStringLiteral("hello"), QStringLiteral("request.created"),
                                QStringLiteral("settings.changed") }));
        QCOMPARE(m_events[1].request->id, alice.id);
        QCOMPARE(m_events[1].request->name, QStringLiteral("Alice"));
        QCOMPARE(m_events[1].request->status, RequestState::Pending);
        QVERIFY(m_events[1].id.has_value());
        QCOMPARE(*m_events[1].id, m_events[1].revision);
        QVERIFY(*m_events[2].id > *m_events[1].id);
        QVERIFY(m_events[2].settings->deviceToDevice);
        QCOMPARE(m_stream->lastEventId(), QString::number(*m_events[2].id));
        QCOMPARE(m_hub->events().lastEventIds, QList<QByteArray> { QByteArray() });
    }

    void resumesWithLastEventIdAndLosesNothing()
    {
        QSignalSpy lost(m_stream.get(), &AdminEventStream::lost);
        m_stream->start();
        QVERIFY(opened());
        m_hub->addPendingRequest(QStringLiteral("Alice"), 10);
        QVERIFY(eventCount(2));
        const quint64 seen = *m_events[1].id;

        m_hub->events().cutStreams();
        QVERIFY(lost.wait(10000));
        QCOMPARE(lost.constFirst().at(0).value<Error>().code, ErrorCode::Unavailable);
        // While it is away, two more things happen.
        const RequestInfo bob = m_hub->addPendingRequest(QStringLiteral("Bob"), 11);
        const RequestInfo carol = m_hub->addPendingRequest(QStringLiteral("Carol"), 12);
        QVERIFY(opened());
        QVERIFY(eventCount(5));
        QVERIFY(m_stream->isResuming());
        QCOMPARE(m_hub->events().lastEventIds.constLast(), QByteArray::number(seen));
        QCOMPARE(types().mid(2),
                 (QStringList { QStringLiteral("hello"), QStringLiteral("request.created"),
                                QStringLiteral("request.created") }));
        QCOMPARE(m_events[3].request->id, bob.id);
        QCOMPARE(m_events[4].request->id, carol.id);
        QVERIFY(*m_events[3].id > seen);
        QVERIFY(*m_events[4].id > *m_events[3].id);
    }

    void resetWhenTheHubCannotReplay()
    {
        m_stream->start();
        QVERIFY(opened());
        m_hub->addPendingRequest(QStringLiteral("Alice"), 10);
        QVERIFY(eventCount(2));
        m_stream->stop();
        m_hub->addPendingRequest(QStringLiteral("Bob"), 11);
        m_hub->events().forgetUpTo(m_hub->revision()); // the hub's log moved on
        m_stream->start();
        QVERIFY(eventCount(4));
        QCOMPARE(m_events[2].kind, AdminEventKind::Hello);
        QCOMPARE(m_events[3].kind, AdminEventKind::Reset);
        QCOMPARE(m_events[3].revision, m_hub->revision());
        // From now on it resumes from the reset's revision, not the old position.
        QCOMPARE(m_stream->lastEventId(), QString::number(m_hub->revision()));
    }

    void endedStreamComesBackAfterRetry()
    {
        QSignalSpy lost(m_stream.get(), &AdminEventStream::lost);
        m_hub->events().retryMs = 150;
        m_stream->start();
        QVERIFY(opened());
        QVERIFY(eventCount(1));
        m_hub->events().endStreams();
        QVERIFY(lost.wait(10000));
        // The hub's `retry:` with at most a quarter more.
        const int delay = lost.constFirst().at(1).toInt();
        QVERIFY2(delay >= 150 && delay <= 150 + 150 / 4, qPrintable(QString::number(delay)));
        QVERIFY(opened());
        QCOMPARE(m_hub->events().streamRequests, 2);
    }

    void failuresBackOff()
    {
        AdminEventStream::Timing timing = m_stream->timing();
        timing.retryMs = 100;
        timing.maxRetryMs = 800;
        m_stream->setTiming(timing);
        QSignalSpy lost(m_stream.get(), &AdminEventStream::lost);
        m_hub->events().status = 500;
        m_stream->start();
        QTRY_VERIFY_WITH_TIMEOUT(lost.size() >= 4, 20000);
        QCOMPARE(lost.constFirst().at(0).value<Error>().code, ErrorCode::Unavailable);
        QList<int> delays;
        for (const QList<QVariant> &l : std::as_const(lost))
            delays << l.at(1).toInt();
        // 100, 200, 400, 800 (the cap), each with up to a quarter more.
        const QList<int> base { 100, 200, 400, 800 };
        for (int i = 0; i < 4; ++i)
            QVERIFY2(delays[i] >= base[i] && delays[i] <= base[i] + base[i] / 4,
                     qPrintable(QStringLiteral("attempt %1: %2 ms").arg(i).arg(delays[i])));
        QCOMPARE(m_stream->failures(), int(lost.size()));
        // One that works starts over.
        m_hub->events().status = 200;
        QVERIFY(opened());
        QVERIFY(eventCount(1));
        QCOMPARE(m_stream->failures(), 0);
    }

    void busyHubIsAskedAfterRetryAfter()
    {
        QSignalSpy lost(m_stream.get(), &AdminEventStream::lost);
        m_hub->events().status = 503;
        m_hub->events().retryAfterSeconds = 1;
        m_stream->start();
        QVERIFY(lost.wait(10000));
        const Error error = lost.constFirst().at(0).value<Error>();
        QCOMPARE(error.code, ErrorCode::Exhausted);
        const int delay = lost.constFirst().at(1).toInt();
        QVERIFY2(delay >= 1000 && delay <= 1250, qPrintable(QString::number(delay)));
    }

    void oldHubAndWrongTokenAreSaidApart()
    {
        QSignalSpy lost(m_stream.get(), &AdminEventStream::lost);
        m_hub->events().status = 404;
        m_stream->start();
        QVERIFY(lost.wait(10000));
        Error error = lost.constLast().at(0).value<Error>();
        QCOMPARE(error.code, ErrorCode::NotFound);
        QVERIFY(error.message.contains(QStringLiteral("no event stream")));
        QVERIFY(lost.constLast().at(1).toInt() >= m_stream->timing().unsupportedRetryMs);

        m_stream->setHub(m_hub->url(), QStringLiteral("not-the-token"));
        m_hub->events().status = 200;
        m_stream->start();
        QVERIFY(lost.wait(10000));
        error = lost.constLast().at(0).value<Error>();
        QCOMPARE(error.code, ErrorCode::PermissionDenied);
        QVERIFY(!error.message.contains(QStringLiteral("not-the-token")));
    }

    void silenceCountsAsALostStream()
    {
        AdminEventStream::Timing timing = m_stream->timing();
        timing.silenceMs = 300;
        m_stream->setTiming(timing);
        m_hub->events().silent = true;
        QSignalSpy lost(m_stream.get(), &AdminEventStream::lost);
        m_stream->start();
        QVERIFY(lost.wait(10000));
        QVERIFY(lost.constFirst().at(0).value<Error>().message.contains(QStringLiteral("nothing came")));
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->events().streamRequests >= 2, 10000);
    }

    void badEventIsSkippedAndTheStreamGoesOn()
    {
        QSignalSpy rejected(m_stream.get(), &AdminEventStream::eventRejected);
        m_stream->start();
        QVERIFY(opened());
        QVERIFY(eventCount(1));
        m_hub->events().sendRaw(
            "id: 5\nevent: request.created\ndata: {\"revision\": 5, \"request\": {\"id\": 7}}\n\n");
        m_hub->events().sendRaw("event: request.created\ndata: not json\n\n");
        m_hub->events().sendRaw(
            "event: device.online\ndata: {\"revision\": 6, \"device\": {\"name\": \"a\\u0007b\"}}\n\n");
        QTRY_COMPARE_WITH_TIMEOUT(rejected.size(), 3, 10000);
        QVERIFY(rejected[0].at(0).value<Error>().message.contains(QStringLiteral("data.request.id")));
        QVERIFY(rejected[1].at(0).value<Error>().message.contains(QStringLiteral("cannot be read as JSON")));
        m_hub->addPendingRequest(QStringLiteral("Alice"), 10);
        QVERIFY(eventCount(2));
        QCOMPARE(m_events[1].request->name, QStringLiteral("Alice"));
        QCOMPARE(m_hub->events().streamRequests, 1);
    }

    void newerEventTypesPassThrough()
    {
        m_stream->start();
        QVERIFY(opened());
        m_hub->publish(QStringLiteral("tunnel.rekeyed"), { { QStringLiteral("peer"), QStringLiteral("x") } });
        QVERIFY(eventCount(2));
        QCOMPARE(m_events[1].kind, AdminEventKind::Other);
        QCOMPARE(m_events[1].type, QStringLiteral("tunnel.rekeyed"));
        QCOMPARE(m_events[1].data.value(QStringLiteral("peer")).toString(), QStringLiteral("x"));
    }

    void oversizedEventDropsTheStream()
    {
        EventStreamParser::Limits limits;
        limits.maxLineBytes = 1024;
        m_stream->setParserLimits(limits);
        QSignalSpy lost(m_stream.get(), &AdminEventStream::lost);
        m_stream->start();
        QVERIFY(opened());
        m_hub->events().sendRaw("data: " + QByteArray(4096, 'x') + "\n\n");
        QVERIFY(lost.wait(10000));
        QVERIFY(lost.constFirst().at(0).value<Error>().message.contains(QStringLiteral("1024 bytes")));
        QVERIFY(opened()); // and it comes back
    }
};

QTEST_GUILESS_MAIN(TestAdminEventStream)
#include "tst_admineventstream.moc"
