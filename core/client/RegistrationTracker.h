#pragma once

#include "RegistrationStatus.h"
#include "Result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

class QNetworkReply;

namespace fvpn {

class HubClient;
struct RegistrationPoll;

// Follows one registration request on the hub until it is decided.
//
// While the request is pending it waits on the hub (docs/api.md,
// "Registration long-poll"): each question carries the ETag of the last answer
// and `wait`, the hub holds it until the request changes or the wait ends, and
// the next question goes out at once, so an approval is known within a moment
// of the admin's click. Only after an error does it pause, briefly at first
// and longer after more errors in a row; a hub that is full (503) is asked
// again after its Retry-After.
//
// A hub that does not hold questions (an older one: no ETag, the same ETag
// back with a 200, or answers to a wait that come back at once) is polled
// instead: quickly at first (an admin may be approving right now), then less
// often. An approved request is still asked about, every few minutes and
// without waiting, so a revocation shows up; rejected and cancelled ones are final.
class RegistrationTracker : public QObject
{
    Q_OBJECT

public:
    struct Backoff
    {
        // The pause after an error (and between polls of an older hub): `first`,
        // then `factor` times longer each time in a row, up to `max`.
        std::chrono::milliseconds first { 2000 };
        std::chrono::milliseconds max { 60000 };
        double factor = 1.6;
        std::chrono::milliseconds approvedInterval { 300000 };
        int waitSeconds = 55; // how long the hub may hold a question
        std::chrono::milliseconds maxRetryAfter { 300000 }; // a 503's Retry-After, at most
    };

    enum class Mode
    {
        Waiting, // long-polls (until the hub shows it does not hold them)
        Polling, // timed polls with a growing interval
    };

    explicit RegistrationTracker(HubClient *client, QObject *parent = nullptr);
    ~RegistrationTracker() override;

    void setBackoff(const Backoff &backoff) { m_backoff = backoff; }
    const Backoff &backoff() const { return m_backoff; }

    // Starts following `id`, polling at once. `known` is the last state seen (for
    // example from the settings) so the first poll does not announce it as news.
    void track(const QString &id, const QString &secret, std::optional<RegistrationStatus> known = {});
    void stop();
    // Asks again now; a question the hub is holding is given up for a fresh one.
    void pollNow();
    bool isTracking() const { return !m_id.isEmpty(); }
    Mode mode() const { return m_mode; }
    // The pause before the next question (0 while one is out or follows at once).
    std::chrono::milliseconds currentInterval() const { return m_interval; }
    const std::optional<RegistrationStatus> &lastStatus() const { return m_last; }

Q_SIGNALS:
    // Only when the state (or reason, or tunnel) differs from the last one seen.
    void statusChanged(const fvpn::RegistrationStatus &status);
    // A poll failed; polling goes on with backoff. NotFound/PermissionDenied mean
    // the hub forgot the request or the secret no longer matches.
    void pollFailed(const fvpn::Error &error);
    // The hub showed it does not hold questions: polling from now on.
    void modeChanged(fvpn::RegistrationTracker::Mode mode);

private:
    void schedule(std::chrono::milliseconds delay);
    void handle(Result<RegistrationPoll> result, const QByteArray &sentEtag, bool waited, qint64 elapsedMs);
    void onStatus(const RegistrationStatus &status, bool changed, bool quick);
    void fallBackToPolling();
    std::chrono::milliseconds grown(std::chrono::milliseconds interval) const;
    void scheduleAfterError();
    void abortQuestion();

    QPointer<HubClient> m_client;
    Backoff m_backoff;
    QString m_id;
    QString m_secret;
    std::optional<RegistrationStatus> m_last;
    QByteArray m_etag;
    Mode m_mode = Mode::Waiting;
    std::chrono::milliseconds m_interval { 0 };
    int m_quickAnswers = 0; // answers to a wait that did not wait, in a row
    QTimer m_timer;
    QPointer<QNetworkReply> m_question;
    bool m_inFlight = false;
    quint64 m_generation = 0;
};

} // namespace fvpn
