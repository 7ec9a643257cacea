#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace fvpn {

struct HttpFramingLimits
{
    qsizetype maxHeaderBytes = 16 * 1024; // request line + headers + the empty line
    qint64 maxBodyBytes = 64 * 1024;
};

// Follows the request boundaries of an HTTP/1.1 byte stream without keeping the
// bodies, so a listener can refuse a request by its headers before anything large
// is buffered. QHttpServer has no such limits: it buffers any body it is told to
// expect and waits forever for one that never comes.
//
// Only what the hub API needs is accepted: bodies framed by Content-Length (no
// Transfer-Encoding, no protocol upgrades).
class HttpRequestFramer
{
public:
    struct Rejection
    {
        int status = 0; // 0 = not rejected
        QString message;
    };

    struct Progress
    {
        int started = 0; // requests whose first byte was seen in this chunk
        int completed = 0; // requests fully received in this chunk
    };

    explicit HttpRequestFramer(HttpFramingLimits limits = HttpFramingLimits());

    // Feeds the next bytes of the stream. Once rejected, the framer stays rejected
    // and ignores further input: the connection is to be answered and closed.
    Progress feed(QByteArrayView bytes);

    bool inRequest() const { return m_state != State::Idle; }
    bool rejected() const { return m_rejection.status != 0; }
    // A complete request asked to close the connection after its answer
    // ("Connection: close", or HTTP/1.0 without keep-alive). QHttpServer 6.4
    // ignores this; the listener closes once the answer is written.
    bool closeRequested() const { return m_closeRequested; }
    const Rejection &rejection() const { return m_rejection; }

private:
    enum class State
    {
        Idle,
        Headers,
        Body,
        Rejected,
    };

    void reject(int status, QString message);
    void headersComplete(Progress &progress);

    HttpFramingLimits m_limits;
    State m_state = State::Idle;
    QByteArray m_headers; // at most maxHeaderBytes
    qint64 m_bodyRemaining = 0;
    Rejection m_rejection;
    bool m_closeRequested = false;
};

} // namespace fvpn
