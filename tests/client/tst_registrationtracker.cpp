// RegistrationTracker and HubClient::pollRegistration against a stand-in that
// holds questions as the push contract says (FakeLongPollHub), and against the
// older or odd hubs the app must still work with.
#include "EngineerFixtures.h"
#include "FakeLongPollHub.h"
#include "HubClient.h"
#include "RegistrationTracker.h"

#include <QSignalSpy>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;
using namespace std::chrono_literals;

namespace {

QString secret()
{
    return QStringLiteral("secret-of-the-request");
}

QJsonObject approvedBody()
{
    return { { QStringLiteral("status"), QStringLiteral("approved") },
             { QStringLiteral("config"), approvedTunnelJson() } };
}

RegistrationStatus pending(const QString &id)
{
    RegistrationStatus s;
    s.id = id;
    s.state = RegistrationState::Pending;
    return s;
}

} // namespace

class TestRegistrationTracker : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeLongPollHub> m_hub;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<RegistrationTracker> m_tracker;
    QString m_id;

    void start(RegistrationTracker::Backoff backoff = {})
    {
        backoff.first = 20ms;
        backoff.max = 100ms;
        backoff.approvedInterval = 1h;
        m_tracker->setBackoff(backoff);
        m_tracker->track(m_id, secret(), pending(m_id));
    }

private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<FakeLongPollHub>();
        m_client = std::make_unique<HubClient>();
        m_client->setHub(m_hub->url(), QString());
        m_tracker = std::make_unique<RegistrationTracker>(m_client.get());
        m_id = m_hub->addRequest(secret());
    }

    void cleanup()
    {
        m_tracker.reset();
        m_client.reset();
        m_hub.reset();
    }

    void heldQuestionReturnsOnChange()
    {
        QSignalSpy changed(m_tracker.get(), &RegistrationTracker::statusChanged);
        QSignalSpy failed(m_tracker.get(), &RegistrationTracker::pollFailed);
        start();
        // The first question learns the ETag, the second waits on the hub.
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->holding(), 1, 10000);
        QCOMPARE(m_hub->seen.size(), 2);
        QCOMPARE(m_hub->seen[0].wait, 0);
        QVERIFY(m_hub->seen[0].ifNoneMatch.isEmpty());
        QCOMPARE(m_hub->seen[1].wait, 55);
        QCOMPARE(m_hub->seen[1].ifNoneMatch, m_hub->etag(m_id));
        QCOMPARE(changed.size(), 0); // pending, as known

        m_hub->setState(m_id, approvedBody());
        QVERIFY(changed.wait(10000));
        QCOMPARE(changed.constFirst().constFirst().value<RegistrationStatus>().state,
                 RegistrationState::Approved);
        // The held question brought it: no other question was asked.
        QCOMPARE(m_hub->seen.size(), 2);
        QCOMPARE(m_tracker->mode(), RegistrationTracker::Mode::Waiting);
        QCOMPARE(failed.size(), 0);
        // Approved: asked now and then, without holding a place on the hub.
        QCOMPARE(m_tracker->currentInterval(), 1h);
        QCOMPARE(m_hub->holding(), 0);
    }

    void waitThatEndsIsAskedAgain()
    {
        RegistrationTracker::Backoff backoff;
        backoff.waitSeconds = 1;
        QSignalSpy changed(m_tracker.get(), &RegistrationTracker::statusChanged);
        start(backoff);
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->seen.size() >= 4, 20000);
        for (qsizetype i = 1; i < m_hub->seen.size(); ++i) {
            QCOMPARE(m_hub->seen[i].wait, 1);
            QCOMPARE(m_hub->seen[i].ifNoneMatch, m_hub->etag(m_id));
        }
        QCOMPARE(changed.size(), 0);
        QCOMPARE(m_tracker->mode(), RegistrationTracker::Mode::Waiting);
        // The hub held each for its second before the 304 (a lower bound: timers may
        // fire up to 5 % early, never later than a slow machine makes them).
        QVERIFY(m_hub->seen[1].at.msecsTo(m_hub->seen[2].at) >= 900);
    }

    void hubWithoutEtagsIsPolled()
    {
        m_hub->kind = FakeLongPollHub::Kind::NoEtag;
        QSignalSpy mode(m_tracker.get(), &RegistrationTracker::modeChanged);
        QSignalSpy changed(m_tracker.get(), &RegistrationTracker::statusChanged);
        start();
        QVERIFY(mode.wait(10000));
        QCOMPARE(m_tracker->mode(), RegistrationTracker::Mode::Polling);
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->seen.size() >= 5, 10000);
        for (const FakeLongPollHub::Seen &s : std::as_const(m_hub->seen))
            QCOMPARE(s.wait, 0);
        QCOMPARE(m_tracker->currentInterval(), 100ms); // grown to the cap
        m_hub->setState(m_id, approvedBody());
        QVERIFY(changed.wait(10000));
    }

    void hubIgnoringIfNoneMatchIsPolled()
    {
        m_hub->kind = FakeLongPollHub::Kind::IgnoresConditions;
        QSignalSpy mode(m_tracker.get(), &RegistrationTracker::modeChanged);
        start();
        QVERIFY(mode.wait(10000));
        QCOMPARE(m_tracker->mode(), RegistrationTracker::Mode::Polling);
        // It took one question with If-None-Match, answered 200 with the same ETag, to tell.
        QCOMPARE(m_hub->seen[1].ifNoneMatch, m_hub->etag(m_id));
    }

    void hubThatDoesNotHoldIsPolled()
    {
        m_hub->kind = FakeLongPollHub::Kind::HoldsNothing;
        QSignalSpy mode(m_tracker.get(), &RegistrationTracker::modeChanged);
        start();
        QVERIFY(mode.wait(20000));
        QCOMPARE(m_tracker->mode(), RegistrationTracker::Mode::Polling);
        // The first question and three waits that came back at once.
        QCOMPARE(m_hub->seen.size(), 4);
    }

    void fullHubIsAskedAfterRetryAfter()
    {
        m_hub->busyAnswers = 1;
        m_hub->retryAfterSeconds = 1;
        QSignalSpy failed(m_tracker.get(), &RegistrationTracker::pollFailed);
        start();
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->holding(), 1, 20000);
        QCOMPARE(m_hub->seen.size(), 3); // plain, refused wait, held wait
        // Not before the second the hub asked for (less the 5 % a timer may fire early).
        const qint64 gap = m_hub->seen[1].at.msecsTo(m_hub->seen[2].at);
        QVERIFY2(gap >= 950, qPrintable(QStringLiteral("asked again after %1 ms").arg(gap)));
        QCOMPARE(failed.size(), 0); // a full hub is not an error to show
        QCOMPARE(m_tracker->mode(), RegistrationTracker::Mode::Waiting);
    }

    void errorsPauseAndGrow()
    {
        QSignalSpy failed(m_tracker.get(), &RegistrationTracker::pollFailed);
        RegistrationTracker::Backoff backoff;
        backoff.first = 10ms;
        backoff.max = 80ms;
        backoff.factor = 2.0;
        m_tracker->setBackoff(backoff);
        m_tracker->track(QStringLiteral("req-unknown"), secret(), pending(QStringLiteral("req-unknown")));
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.constFirst().constFirst().value<Error>().code, ErrorCode::NotFound);
        QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 5, 10000);
        QCOMPARE(m_tracker->currentInterval(), 80ms);
        QCOMPARE(m_tracker->mode(), RegistrationTracker::Mode::Waiting); // errors say nothing about holding

        // Once it works again the next question waits at once, and a later error
        // starts over from the short pause.
        const QString id = m_hub->addRequest(secret());
        m_tracker->track(id, secret(), pending(id));
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->holding(), 1, 10000);
        QCOMPARE(m_tracker->currentInterval(), 0ms);
    }

    void askingNowGivesUpTheHeldQuestion()
    {
        start();
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->holding(), 1, 10000);
        m_tracker->pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->seen.size(), 3, 10000);
        QCOMPARE(m_hub->seen[2].wait, 55);
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->holding(), 1, 10000); // the old one was dropped
        m_tracker->stop();
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->holding(), 0, 10000);
    }
};

QTEST_GUILESS_MAIN(TestRegistrationTracker)
#include "tst_registrationtracker.moc"
