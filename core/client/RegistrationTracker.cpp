#include "RegistrationTracker.h"

#include "HubClient.h"

#include <algorithm>

namespace fvpn {

RegistrationTracker::RegistrationTracker(HubClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RegistrationTracker::pollNow);
}

void RegistrationTracker::track(const QString &id, const QString &secret,
                                std::optional<RegistrationStatus> known)
{
    ++m_generation;
    m_inFlight = false;
    m_id = id;
    m_secret = secret;
    m_last = std::move(known);
    m_interval = m_backoff.first;
    pollNow();
}

void RegistrationTracker::stop()
{
    ++m_generation;
    m_inFlight = false;
    m_timer.stop();
    m_id.clear();
    m_secret.clear();
    m_last.reset();
}

void RegistrationTracker::pollNow()
{
    if (m_id.isEmpty() || !m_client || m_inFlight)
        return;
    m_timer.stop();
    m_inFlight = true;
    const quint64 generation = m_generation;
    m_client->fetchRegistration(m_id, m_secret, this, [this, generation](Result<RegistrationStatus> result) {
        if (generation != m_generation)
            return;
        m_inFlight = false;
        handle(std::move(result));
    });
}

void RegistrationTracker::handle(Result<RegistrationStatus> result)
{
    if (!result) {
        Q_EMIT pollFailed(result.error());
        m_interval = std::min(
            m_backoff.max, std::chrono::milliseconds(qint64(double(m_interval.count()) * m_backoff.factor)));
        schedule();
        return;
    }
    const bool changed = !m_last || !(*m_last == *result);
    m_last = *result;
    switch (result->state) {
    case RegistrationState::Pending:
        m_interval = changed
            ? m_backoff.first
            : std::min(m_backoff.max,
                       std::chrono::milliseconds(qint64(double(m_interval.count()) * m_backoff.factor)));
        break;
    case RegistrationState::Approved:
        m_interval = m_backoff.approvedInterval;
        break;
    case RegistrationState::Rejected:
    case RegistrationState::Revoked:
    case RegistrationState::Cancelled:
        m_interval = std::chrono::milliseconds(0);
        break;
    }
    if (m_interval.count() > 0)
        schedule();
    if (changed)
        Q_EMIT statusChanged(*result);
}

void RegistrationTracker::schedule()
{
    if (!m_id.isEmpty())
        m_timer.start(m_interval);
}

} // namespace fvpn
