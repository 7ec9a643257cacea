#include "AdminEventStream.h"

#include "AdminErrors.h"
#include "AdminJson.h"
#include "AdminTransport.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>

namespace fvpn {

namespace {

// A non-200 answer's body is read only this far (a proxy's error page).
constexpr qint64 MaxRefusalBytes = 64 * 1024;
constexpr qint64 ReadChunkBytes = 256 * 1024;

} // namespace

AdminEventStream::AdminEventStream(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    // The bearer token must never follow a redirect to another origin.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_reconnect.setSingleShot(true);
    m_silence.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &AdminEventStream::connectNow);
    connect(&m_silence, &QTimer::timeout, this, &AdminEventStream::onSilence);
}

AdminEventStream::~AdminEventStream()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void AdminEventStream::setHub(const QUrl &adminUrl, const QString &token, const QString &pin)
{
    stop();
    m_url = adminUrl.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    m_url.setPath(m_url.path() + QStringLiteral("/api/v1/events"));
    m_token = token;
    m_pin = pin.toLower();
    m_parser = EventStreamParser(m_limits);
    m_failures = 0;
    m_network->clearConnectionCache();
}

void AdminEventStream::setParserLimits(const EventStreamParser::Limits &limits)
{
    m_limits = limits;
    const QString position = m_parser.lastEventId();
    m_parser = EventStreamParser(limits);
    m_parser.setLastEventId(position);
}

QString AdminEventStream::where() const
{
    return m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath);
}

void AdminEventStream::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void AdminEventStream::start()
{
    if (m_state != State::Stopped)
        return;
    connectNow();
}

void AdminEventStream::stop()
{
    m_reconnect.stop();
    m_silence.stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_resuming = false;
    setState(State::Stopped);
}

void AdminEventStream::connectNow()
{
    m_reconnect.stop();
    if (!m_url.isValid() || m_url.host().isEmpty()
        || (m_url.scheme() != u"https" && m_url.scheme() != u"http")) {
        scheduleReconnect(makeError(ErrorCode::InvalidInput,
                                    QStringLiteral("The admin URL is not usable (expected "
                                                   "http(s)://<hub address>:<port>)")),
                          m_timing.maxRetryMs);
        return;
    }
    QNetworkRequest request(m_url);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Cache-Control", "no-store");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // An answer that is streamed must not be cached or decompressed as a whole.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setRawHeader("Accept-Encoding", "identity");
    const QString resumeFrom = m_parser.lastEventId();
    m_resuming = !resumeFrom.isEmpty();
    if (m_resuming)
        request.setRawHeader("Last-Event-ID", resumeFrom.toUtf8());

    m_parser.restart();
    m_status = 0;
    m_retryAfterMs = -1;
    m_problem.clear();
    m_notAStream = false;
    m_gotEvent = false;
    m_pinProblem = std::make_shared<QString>();
    QNetworkReply *reply = m_network->get(request);
    reply->setReadBufferSize(ReadChunkBytes);
    m_reply = reply;
    AdminTransport::pinReply(this, reply, m_pin, m_pinProblem);
    connect(reply, &QNetworkReply::metaDataChanged, this, &AdminEventStream::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &AdminEventStream::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &AdminEventStream::onFinished);
    setState(State::Connecting);
    m_silence.start(m_timing.silenceMs);
}

void AdminEventStream::onMetaData()
{
    if (!m_reply || m_status != 0)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_status = status.toInt();
    if (m_status == 503) {
        bool ok = false;
        const qint64 seconds = m_reply->rawHeader("Retry-After").trimmed().toLongLong(&ok);
        if (ok && seconds >= 0)
            m_retryAfterMs = int(qMin<qint64>(seconds * 1000, m_timing.maxRetryAfterMs));
    }
    if (m_status != 200)
        return; // read (a little) to the end, then onFinished says what it was
    const QByteArray type = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (!type.trimmed().toLower().startsWith("text/event-stream")) {
        m_notAStream = true;
        m_reply->abort();
        return;
    }
    setState(State::Open);
    Q_EMIT opened();
}

void AdminEventStream::onReadyRead()
{
    if (!m_reply)
        return;
    m_silence.start(m_timing.silenceMs);
    if (m_status == 0)
        onMetaData();
    if (!m_reply)
        return;
    if (m_status != 200 || m_state != State::Open) {
        if (m_reply->bytesAvailable() > MaxRefusalBytes)
            m_reply->abort();
        return;
    }
    // A stream that is read stays alive through this object: the QPointer says
    // when a handler stopped it (another hub was chosen in reaction to an event).
    QPointer<QNetworkReply> reply = m_reply;
    while (reply && reply->bytesAvailable() > 0) {
        const QByteArray bytes = reply->read(ReadChunkBytes);
        if (!m_parser.feed(bytes)) {
            m_problem = m_parser.error();
            reply->abort();
            return;
        }
        const QList<ServerSentEvent> events = m_parser.takeEvents();
        for (const ServerSentEvent &sse : events) {
            Result<AdminEvent> event
                = AdminJson::event(sse.type, sse.hasOwnId ? sse.lastEventId : QString(), sse.data);
            if (!event) {
                Q_EMIT eventRejected(event.error());
            } else {
                const bool position = event->kind == AdminEventKind::Reset
                    || (event->kind == AdminEventKind::Hello && !m_resuming && lastEventId().isEmpty());
                // A hello or reset without an id says where this stream starts: a
                // reconnection resumes from there.
                if (position && !sse.hasOwnId)
                    m_parser.setLastEventId(QString::number(event->revision));
                m_gotEvent = true;
                m_failures = 0;
                Q_EMIT eventReceived(*event);
            }
            if (!reply || reply != m_reply)
                return;
        }
    }
}

void AdminEventStream::onSilence()
{
    if (!m_reply)
        return;
    m_problem = QStringLiteral("nothing came from it for %1 s").arg(m_timing.silenceMs / 1000.0);
    m_reply->abort();
}

void AdminEventStream::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || sender() != reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    m_silence.stop();
    if (m_status == 0) {
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        m_status = status.isValid() ? status.toInt() : 0;
    }
    const bool worked = m_status == 200 && m_gotEvent;

    Error error;
    int delay = 0;
    if (!m_pinProblem->isEmpty()) {
        error = AdminErrors::notPinned(where(), *m_pinProblem);
        delay = m_timing.maxRetryMs;
    } else if (m_notAStream) {
        error = makeError(ErrorCode::NotFound,
                          QStringLiteral("The hub at %1 has no event stream (it answered with something "
                                         "else): it is older than this app; views refresh on a timer instead")
                              .arg(where()));
        delay = withJitter(m_timing.unsupportedRetryMs);
    } else if (!m_problem.isEmpty()) {
        error = makeError(ErrorCode::Unavailable,
                          QStringLiteral("The event stream of %1 was dropped: %2").arg(where(), m_problem));
        delay = worked ? retryMs() : backoffMs();
    } else if (m_status == 200) {
        const QString why = reply->error() == QNetworkReply::NoError ? QStringLiteral("the hub ended it")
                                                                     : reply->errorString();
        error = makeError(ErrorCode::Unavailable,
                          QStringLiteral("The event stream of %1 ended (%2)").arg(where(), why));
        delay = worked ? retryMs() : backoffMs();
    } else if (m_status != 0) {
        error = statusError(m_status);
        if (m_status == 503 && m_retryAfterMs >= 0)
            delay = withJitter(qMax(m_retryAfterMs, 1000));
        else if (error.code == ErrorCode::NotFound)
            delay = withJitter(m_timing.unsupportedRetryMs);
        else if (error.code == ErrorCode::PermissionDenied)
            delay = m_timing.maxRetryMs;
        else
            delay = backoffMs();
    } else if (reply->error() == QNetworkReply::SslHandshakeFailedError) {
        error = AdminErrors::untrustedCertificate(where(), reply->errorString());
        delay = m_timing.maxRetryMs;
    } else {
        error = makeError(ErrorCode::Unavailable,
                          QStringLiteral("The event stream of %1 is not reachable (%2)")
                              .arg(where(), reply->errorString()));
        delay = backoffMs();
    }
    if (!worked)
        ++m_failures;
    scheduleReconnect(error, delay);
}

Error AdminEventStream::statusError(int status) const
{
    switch (status) {
    case 401:
    case 403:
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("The hub at %1 did not accept the admin token for its event stream "
                                        "(HTTP %2)")
                             .arg(where())
                             .arg(status));
    case 404:
    case 405:
    case 501:
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("The hub at %1 has no event stream (HTTP %2): it is older than "
                                        "this app; views refresh on a timer instead")
                             .arg(where())
                             .arg(status));
    case 503:
        return makeError(ErrorCode::Exhausted,
                         QStringLiteral("The hub at %1 is serving as many event streams as it can (HTTP 503)")
                             .arg(where()));
    default:
        if (status >= 300 && status < 400)
            return makeError(
                ErrorCode::Unavailable,
                QStringLiteral("The hub at %1 answered the event stream with a redirect (HTTP %2); "
                               "it is not followed")
                    .arg(where())
                    .arg(status));
        return makeError(
            ErrorCode::Unavailable,
            QStringLiteral("The hub at %1 answered the event stream with HTTP %2").arg(where()).arg(status));
    }
}

int AdminEventStream::withJitter(int ms) const
{
    const int extra = ms / 4;
    return ms + (extra > 0 ? int(QRandomGenerator::global()->bounded(extra + 1)) : 0);
}

int AdminEventStream::baseRetryMs() const
{
    // Not faster than ten times a second, whatever a hub says.
    return qBound(MinRetryMs, m_parser.retryMs().value_or(m_timing.retryMs), m_timing.maxRetryMs);
}

int AdminEventStream::retryMs() const
{
    return withJitter(baseRetryMs());
}

int AdminEventStream::backoffMs() const
{
    const int doublings = qMin(m_failures, 16);
    const qint64 ms = qMin<qint64>(qint64(m_timing.maxRetryMs), qint64(baseRetryMs()) << doublings);
    return withJitter(int(ms));
}

void AdminEventStream::scheduleReconnect(const Error &error, int delayMs)
{
    m_resuming = false;
    m_retryDelayMs = qMax(0, delayMs);
    setState(State::Waiting);
    m_reconnect.start(m_retryDelayMs);
    Q_EMIT lost(error, m_retryDelayMs);
}

} // namespace fvpn
