// `factory-vpn-ctl events`, the real binary, against the stand-in hub's event
// stream (tests/admin/FakeHub): lines for people, JSON lines for scripts, a
// stream that is cut and resumed without a line lost or doubled, and a clean
// end on SIGINT and SIGTERM.
#include "FakeHub.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <csignal>

using namespace fvpn;
using namespace fvpn::test;
using namespace Qt::StringLiterals;

namespace {

// One running `factory-vpn-ctl events`; its stdout read line by line as it comes.
class EventsProcess
{
public:
    EventsProcess(const QUrl &url, const QStringList &extra,
                  const QString &token = QString::fromLatin1(FakeHub::Token))
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"FACTORY_VPN_TOKEN"_s, token);
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(FVPN_CTL_BINARY),
                        QStringList { u"--url"_s, url.toString(), u"events"_s } + extra);
    }

    ~EventsProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    QStringList lines()
    {
        m_out += m_process.readAllStandardOutput();
        QStringList out = QString::fromUtf8(m_out).split(u'\n');
        out.removeLast(); // what follows the last newline is not a line yet
        return out;
    }

    QString err()
    {
        m_err += m_process.readAllStandardError();
        return QString::fromUtf8(m_err);
    }

    bool waitForLines(int n)
    {
        return QTest::qWaitFor([&] { return lines().size() >= n; }, 15000);
    }

    // Sends `signal` and waits for the end; the exit code, or -1.
    int stop(int signal)
    {
        ::kill(pid_t(m_process.processId()), signal);
        return waitForExit();
    }

    // The stand-in hub answers from this process's event loop: it must keep running.
    int waitForExit()
    {
        if (!QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, 30000)
            || m_process.exitStatus() != QProcess::NormalExit)
            return -1;
        return m_process.exitCode();
    }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
};

} // namespace

class TestCtlEvents : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHub> m_hub;

    bool streamOpen(int streams = 1)
    {
        return QTest::qWaitFor([&] { return m_hub->events().openStreams() == streams; }, 15000);
    }

private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->listen());
        m_hub->events().retryMs = 100;
    }

    void cleanup() { m_hub.reset(); }

    void linesForPeople()
    {
        EventsProcess ctl(m_hub->url(), {});
        QVERIFY(streamOpen());
        QTRY_VERIFY_WITH_TIMEOUT(ctl.err().contains(u"waiting for events"_s), 15000);
        const RequestInfo r = m_hub->addPendingRequest(u"Alice Smith"_s, 10);
        m_hub->deviceToDevice = true;
        m_hub->commit();
        QVERIFY(ctl.waitForLines(2));
        const QStringList lines = ctl.lines();
        QVERIFY2(lines[0].contains(u"request.created"_s)
                     && lines[0].contains(u"Alice Smith (alice smith-laptop)"_s) && lines[0].contains(r.id),
                 qPrintable(lines[0]));
        QVERIFY2(lines[1].contains(u"settings.changed"_s)
                     && lines[1].contains(u"device-to-device mode is on"_s),
                 qPrintable(lines[1]));
        QCOMPARE(ctl.stop(SIGINT), 0);
        QVERIFY(!ctl.err().contains(QLatin1StringView(FakeHub::Token)));
    }

    void jsonLinesSurviveACut()
    {
        EventsProcess ctl(m_hub->url(), { u"--json"_s });
        QVERIFY(streamOpen());
        QVERIFY(ctl.waitForLines(1)); // hello
        const RequestInfo first = m_hub->addPendingRequest(u"Bob"_s, 11);
        QVERIFY(ctl.waitForLines(2));

        m_hub->events().cutStreams();
        // While the stream is down, the hub goes on.
        const RequestInfo second = m_hub->addPendingRequest(u"Carol"_s, 12);
        QVERIFY(streamOpen());
        const RequestInfo third = m_hub->addPendingRequest(u"Dave"_s, 13);
        QVERIFY(ctl.waitForLines(5));
        QTest::qWait(200); // nothing more is on its way
        const QStringList lines = ctl.lines();
        QCOMPARE(lines.size(), 5);

        QList<QJsonObject> events;
        for (const QString &line : lines) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
            QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), qPrintable(line));
            events << doc.object();
        }
        QCOMPARE(events[0].value(u"event"_s).toString(), u"hello"_s);
        QVERIFY(events[0].value(u"id"_s).isNull());
        QCOMPARE(events[2].value(u"event"_s).toString(), u"hello"_s); // the second connection
        const QStringList ids { first.id, second.id, third.id };
        QStringList got;
        double lastId = 0;
        for (const QJsonObject &e : std::as_const(events)) {
            if (e.value(u"event"_s).toString() != u"request.created")
                continue;
            got << e.value(u"data"_s).toObject().value(u"request"_s).toObject().value(u"id"_s).toString();
            QVERIFY(e.value(u"id"_s).toDouble() > lastId);
            lastId = e.value(u"id"_s).toDouble();
            QCOMPARE(e.value(u"data"_s).toObject().value(u"revision"_s).toDouble(), lastId);
        }
        QCOMPARE(got, ids); // each once, in order, none lost in the cut
        QCOMPARE(m_hub->events().lastEventIds.constLast(),
                 QByteArray::number(qint64(events[1].value(u"id"_s).toDouble())));
        QVERIFY(ctl.err().contains(u"connecting again"_s));
        QCOMPARE(ctl.stop(SIGTERM), 0);
    }

    void refusedTokenEnds()
    {
        EventsProcess ctl(m_hub->url(), {}, u"wrong-token"_s);
        QCOMPARE(ctl.waitForExit(), 1);
        QVERIFY2(ctl.err().contains(u"did not accept the admin token"_s), qPrintable(ctl.err()));
        QVERIFY(!ctl.err().contains(u"wrong-token"_s));
    }

    void hubWithoutTheStreamEnds()
    {
        m_hub->events().status = 404;
        EventsProcess ctl(m_hub->url(), { u"--json"_s });
        QCOMPARE(ctl.waitForExit(), 1);
        QVERIFY2(ctl.err().contains(u"no event stream"_s), qPrintable(ctl.err()));
        QVERIFY(ctl.lines().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCtlEvents)
#include "tst_ctlevents.moc"
