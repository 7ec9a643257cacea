#pragma once

#include "RegistrationStatus.h"
#include "Result.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace fvpn {

class HubClient;

// Follows one registration request on the hub until it is decided. Polls with
// backoff: quickly at first (an admin may be approving right now), then less
// often, and after an error as after a quiet poll. An approved request is still
// polled, slowly, so a revocation shows up; rejected and cancelled ones are final.
class RegistrationTracker : public QObject
{
    Q_OBJECT

public:
    struct Backoff
    {
        std::chrono::milliseconds first { 2000 };
        std::chrono::milliseconds max { 60000 };
        double factor = 1.6;
        std::chrono::milliseconds approvedInterval { 300000 };
    };

    explicit RegistrationTracker(HubClient *client, QObject *parent = nullptr);

    void setBackoff(const Backoff &backoff) { m_backoff = backoff; }
    const Backoff &backoff() const { return m_backoff; }

    // Starts following `id`, polling at once. `known` is the last state seen (for
    // example from the settings) so the first poll does not announce it as news.
    void track(const QString &id, const QString &secret, std::optional<RegistrationStatus> known = {});
    void stop();
    void pollNow();
    bool isTracking() const { return !m_id.isEmpty(); }
    std::chrono::milliseconds currentInterval() const { return m_interval; }
    const std::optional<RegistrationStatus> &lastStatus() const { return m_last; }

Q_SIGNALS:
    // Only when the state (or reason, or tunnel) differs from the last one seen.
    void statusChanged(const fvpn::RegistrationStatus &status);
    // A poll failed; polling goes on with backoff. NotFound/PermissionDenied mean
    // the hub forgot the request or the secret no longer matches.
    void pollFailed(const fvpn::Error &error);

private:
    void schedule();
    void handle(Result<RegistrationStatus> result);

    QPointer<HubClient> m_client;
    Backoff m_backoff;
    QString m_id;
    QString m_secret;
    std::optional<RegistrationStatus> m_last;
    std::chrono::milliseconds m_interval { 0 };
    QTimer m_timer;
    bool m_inFlight = false;
    quint64 m_generation = 0;
};

} // namespace fvpn
