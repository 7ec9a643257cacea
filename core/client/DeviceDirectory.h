#pragma once

#include "IpAddress.h"
#include "Result.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace fvpn {

// One factory device as the hub's directory lists it for engineers.
struct DirectoryDevice
{
    enum class State
    {
        Online, // handshake within 180 s
        Stale, // within an hour
        Offline, // older, never, or not on the hub's interface
    };

    QString name;
    IpAddress address;
    State state = State::Offline;
    QDateTime lastHandshake; // invalid: never (or the hub did not say)

    friend bool operator==(const DirectoryDevice &, const DirectoryDevice &) = default;
};

struct DirectoryListing
{
    QList<DirectoryDevice> devices;
    QString sshUser; // the account to log in to the devices with; empty: the hub did not say
};

// "What can I reach now?": the factory's devices as the hub lists them for an
// approved engineer (docs/api.md, `GET /api/v1/directory`, served by
// core/hubapi/DirectoryRoutes). Asked on the hub's VPN address, so only through
// the tunnel, with the credentials the app already holds for its registration
// (request id and poll secret, as HTTP Basic); never with an admin token.
// Fetched while the tunnel is up, every 30 s and on demand; the last good
// listing stays until a newer one arrives.
class DeviceDirectory : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 MaxAnswerBytes = 8 * 1024 * 1024;
    static constexpr int MaxDevices = 100000;

    enum class Status
    {
        NotOffered, // the hub gave no directory address (an older hub)
        Waiting, // offered, but the tunnel is down: the address is reachable only through it
        Loading, // first answer not there yet
        Ready,
        Failed, // the last attempt failed; an older listing may still be shown
    };

    explicit DeviceDirectory(QObject *parent = nullptr);

    // Where and as whom to ask; an empty URL means the hub offers no directory.
    // `pin` is the hub's certificate fingerprint, for an https address.
    void setSource(const QUrl &url, const QString &requestId, const QString &secret, const QString &pin = {});
    void clear();
    // The tunnel is up (the hub's VPN address can be reached): fetch now and then regularly.
    void setActive(bool active);
    void refresh();
    void setInterval(std::chrono::milliseconds interval);
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    Status status() const { return m_status; }
    const DirectoryListing &listing() const { return m_listing; }
    QDateTime lastUpdate() const { return m_lastUpdate; }
    // Why the last attempt failed, in words; empty after a success.
    const QString &problem() const { return m_problem; }
    const QUrl &url() const { return m_url; }

    // The answer's JSON, strictly: unknown fields are ignored (a newer hub), wrong
    // types, bad addresses, unknown states and duplicate keys are errors.
    static Result<DirectoryListing> parse(QByteArrayView json);
    // What "Copy ssh command" copies: `ssh fio@10.42.42.11`, or `ssh 10.42.42.11`
    // when the hub names no user.
    static QString sshCommand(const DirectoryListing &listing, const DirectoryDevice &device);

Q_SIGNALS:
    void changed();

private:
    void setStatus(Status status, const QString &problem = {});
    void finished(QNetworkReply *reply);
    Result<DirectoryListing> read(QNetworkReply *reply) const;

    QNetworkAccessManager *m_network;
    QTimer m_timer;
    QUrl m_url;
    QString m_requestId;
    QString m_secret;
    QString m_pin;
    bool m_active = false;
    std::chrono::milliseconds m_timeout { 10000 };
    QPointer<QNetworkReply> m_inFlight;
    Status m_status = Status::NotOffered;
    DirectoryListing m_listing;
    QDateTime m_lastUpdate;
    QString m_problem;
};

} // namespace fvpn
