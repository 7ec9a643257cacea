#pragma once

#include "AdminEvent.h"
#include "EventStreamParser.h"
#include "Result.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace fvpn {

// Follows the hub's event stream (GET /api/v1/events, docs/api.md) for as long
// as it runs: connects with the admin token (and the pinned certificate, as
// AdminClient does), hands over each event read strictly (AdminJson::event),
// and when the stream ends or fails connects again, with Last-Event-ID so that
// nothing is lost in between.
//
// Reconnecting: after a stream that worked, in the hub's `retry:` time (2 s
// unless it said otherwise); after failures in a row, twice as long each time
// up to a minute; after a 503, in its Retry-After seconds (at most five
// minutes); a hub without the stream (404) is asked again every five minutes.
// Every wait gets up to a quarter more at random, so that the views of many
// admins do not all come back in the same instant after a hub restart. Nothing
// heard for 45 s (the hub sends a keep-alive every 15 s) counts as a lost stream.
class AdminEventStream : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped,
        Connecting, // asked, no answer yet
        Open, // the hub answered with a stream
        Waiting, // to connect again
    };
    Q_ENUM(State)

    static constexpr int MinRetryMs = 100;

    struct Timing
    {
        int retryMs = 2000; // until the hub says otherwise
        int maxRetryMs = 60000;
        int silenceMs = 45000;
        int unsupportedRetryMs = 300000;
        int maxRetryAfterMs = 300000;
    };

    explicit AdminEventStream(QObject *parent = nullptr);
    ~AdminEventStream() override;

    // Another hub: stops, and forgets where the previous stream was.
    void setHub(const QUrl &adminUrl, const QString &token, const QString &pin = {});
    void setTiming(const Timing &timing) { m_timing = timing; }
    const Timing &timing() const { return m_timing; }
    void setParserLimits(const EventStreamParser::Limits &limits);

    void start();
    void stop();
    State state() const { return m_state; }
    bool isOpen() const { return m_state == State::Open; }

    // Where the next connection resumes: the id of the last event, or the
    // revision of a hello or reset that came without one. Empty: from now.
    QString lastEventId() const { return m_parser.lastEventId(); }
    void setLastEventId(const QString &id) { m_parser.setLastEventId(id); }
    // Whether the open stream was asked to resume (it sent Last-Event-ID).
    bool isResuming() const { return m_resuming; }
    // Connection attempts that failed since the last stream that worked.
    int failures() const { return m_failures; }
    // How long the current wait to reconnect is, in milliseconds.
    int retryDelayMs() const { return m_retryDelayMs; }

Q_SIGNALS:
    void stateChanged(fvpn::AdminEventStream::State state);
    void opened();
    void eventReceived(const fvpn::AdminEvent &event);
    // An event that does not read as its type says; the stream goes on.
    void eventRejected(const fvpn::Error &error);
    // The stream could not be opened, or ended; the next attempt is in `retryInMs`.
    // NotFound: the hub has no event stream; PermissionDenied: the token was refused.
    void lost(const fvpn::Error &error, int retryInMs);

private:
    void connectNow();
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void onSilence();
    void setState(State state);
    void scheduleReconnect(const Error &error, int delayMs);
    int baseRetryMs() const;
    int retryMs() const; // after a stream that worked
    int backoffMs() const; // after failures in a row
    int withJitter(int ms) const;
    Error statusError(int status) const;
    QString where() const;

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QUrl m_url;
    QString m_token;
    QString m_pin;
    Timing m_timing;
    EventStreamParser::Limits m_limits;
    EventStreamParser m_parser;
    State m_state = State::Stopped;
    QTimer m_reconnect;
    QTimer m_silence;
    bool m_resuming = false;
    bool m_gotEvent = false; // the current connection delivered at least one event
    int m_failures = 0;
    int m_retryDelayMs = 0;
    // What the current attempt learnt before it ended.
    int m_status = 0;
    int m_retryAfterMs = -1;
    QString m_problem; // why this side ended it
    bool m_notAStream = false; // 200, but not text/event-stream
    std::shared_ptr<QString> m_pinProblem;
};

} // namespace fvpn
