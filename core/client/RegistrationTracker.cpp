#include "RegistrationTracker.h"

#include "HubClient.h"

#include <QNetworkReply>
#include <QRandomGenerator>

#include <algorithm>

namespace fvpn {

namespace {

using std::chrono::milliseconds;

// Up to a fifth more, so that the apps behind one office NAT do not all ask in
// the same instant after the hub asked them to wait.
milliseconds withJitter(milliseconds delay)
{
    const qint64 extra = delay.count() / 5;
    return delay + milliseconds(extra > 0 ? qint64(QRandomGenerator::global()->bounded(extra + 1)) : 0);
}

} // namespace

RegistrationTracker::RegistrationTracker(HubClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RegistrationTracker::pollNow);
}

RegistrationTracker::~RegistrationTracker()
{
    abortQuestion();
}

void RegistrationTracker::abortQuestion()
{
    ++m_generation;
    m_inFlight = false;
    if (QNetworkReply *question = m_question) {
        m_question = nullptr;
        question->abort();
    }
}

void RegistrationTracker::track(const QString &id, const QString &secret,
                                std::optional<RegistrationStatus> known)
{
    abortQuestion();
    m_id = id;
    m_secret = secret;
    m_last = std::move(known);
    m_etag.clear();
    m_quickAnswers = 0;
    if (m_mode != Mode::Waiting) {
        m_mode = Mode::Waiting; // until this hub shows otherwise
        Q_EMIT modeChanged(m_mode);
    }
    m_interval = m_backoff.first;
    pollNow();
}

void RegistrationTracker::stop()
{
    abortQuestion();
    m_timer.stop();
    m_id.clear();
    m_secret.clear();
    m_last.reset();
    m_etag.clear();
}

void RegistrationTracker::pollNow()
{
    if (m_id.isEmpty() || !m_client)
        return;
    m_timer.stop();
    abortQuestion();
    m_inFlight = true;
    const quint64 generation = m_generation;
    // Wait on the hub while the request is pending; an approved request is only
    // checked now and then (a revocation), without holding a place on the hub.
    const bool pending = !m_last || m_last->state == RegistrationState::Pending;
    const bool wait = m_mode == Mode::Waiting && pending && !m_etag.isEmpty();
    const QByteArray sentEtag = m_etag;
    QElapsedTimer clock;
    clock.start();
    m_question = m_client->pollRegistration(
        m_id, m_secret, sentEtag, wait ? m_backoff.waitSeconds : 0, this,
        [this, generation, sentEtag, wait, clock](Result<RegistrationPoll> result) {
            if (generation != m_generation)
                return;
            m_inFlight = false;
            m_question = nullptr;
            handle(std::move(result), sentEtag, wait, clock.elapsed());
        });
}

milliseconds RegistrationTracker::grown(milliseconds interval) const
{
    return std::min(m_backoff.max, milliseconds(qint64(double(interval.count()) * m_backoff.factor)));
}

void RegistrationTracker::scheduleAfterError()
{
    // Right after questions that worked the pause starts short; each failure in a
    // row makes it longer. The pauses of the many apps that lost the hub in the
    // same instant (it restarted) are spread a little.
    m_interval = m_interval.count() == 0 ? m_backoff.first : grown(m_interval);
    schedule(m_mode == Mode::Waiting ? withJitter(m_interval) : m_interval);
}

void RegistrationTracker::fallBackToPolling()
{
    if (m_mode == Mode::Polling)
        return;
    m_mode = Mode::Polling;
    m_interval = m_backoff.first;
    Q_EMIT modeChanged(m_mode);
}

void RegistrationTracker::handle(Result<RegistrationPoll> result, const QByteArray &sentEtag, bool waited,
                                 qint64 elapsedMs)
{
    if (!result) {
        // A hub that refuses the wait itself (400) is one to poll.
        if (waited && result.error().code == ErrorCode::InvalidInput) {
            fallBackToPolling();
            return schedule(m_backoff.first);
        }
        Q_EMIT pollFailed(result.error());
        return scheduleAfterError();
    }
    // An answer to a wait that came back at once, unchanged, did not wait: a few
    // in a row and the hub is polled instead of asked again and again.
    const qint64 held = std::min<qint64>(1000, m_backoff.waitSeconds * 1000 / 2);
    const bool quickAnswer = waited && elapsedMs < held;
    switch (result->outcome) {
    case RegistrationPoll::Outcome::Busy: {
        const milliseconds asked(qint64(result->retryAfterSeconds) * 1000);
        if (result->retryAfterSeconds < 0)
            return scheduleAfterError();
        return schedule(withJitter(std::clamp(asked, milliseconds(1000), m_backoff.maxRetryAfter)));
    }
    case RegistrationPoll::Outcome::NotModified:
        if (!result->etag.isEmpty())
            m_etag = result->etag;
        if (m_last)
            return onStatus(*m_last, false, quickAnswer);
        // A 304 without anything known: ask plainly.
        m_etag.clear();
        return schedule(m_backoff.first);
    case RegistrationPoll::Outcome::Answered:
        break;
    }
    // A hub that sends no ETag, or the same one for an answer it was asked to keep
    // when unchanged, does not hold questions.
    if (result->etag.isEmpty() || (!sentEtag.isEmpty() && result->etag == sentEtag))
        fallBackToPolling();
    m_etag = result->etag;
    const bool changed = !m_last || !(*m_last == result->status);
    m_last = result->status;
    onStatus(result->status, changed, quickAnswer && !changed);
}

void RegistrationTracker::onStatus(const RegistrationStatus &status, bool changed, bool quick)
{
    m_quickAnswers = quick ? m_quickAnswers + 1 : 0;
    if (m_quickAnswers >= 3)
        fallBackToPolling();
    switch (status.state) {
    case RegistrationState::Pending:
        if (m_mode == Mode::Waiting) {
            // The next question at once; after an answer that did not wait, a pause.
            m_interval = quick ? m_backoff.first : milliseconds(0);
        } else {
            m_interval = changed ? m_backoff.first : grown(m_interval);
        }
        schedule(m_interval);
        break;
    case RegistrationState::Approved:
        m_interval = m_backoff.approvedInterval;
        schedule(m_interval);
        break;
    case RegistrationState::Rejected:
    case RegistrationState::Revoked:
    case RegistrationState::Cancelled:
        m_interval = milliseconds(0);
        break;
    }
    if (changed)
        Q_EMIT statusChanged(status);
}

void RegistrationTracker::schedule(milliseconds delay)
{
    if (m_id.isEmpty())
        return;
    if (delay.count() == 0)
        QMetaObject::invokeMethod(this, &RegistrationTracker::pollNow, Qt::QueuedConnection);
    else
        m_timer.start(delay);
}

} // namespace fvpn
