#pragma once

// Internal to core/http: the bytes one connection has still to write.

#include <QByteArray>
#include <QList>
#include <QPair>

namespace fvpn {

class SocketChannel;

// An answer's bytes wait here as the shared arrays they were given in, so a large
// snapshot answer is never copied per client, until the kernel takes them. Also
// frames what goes out: the status line and header block, chunks of a stream.
class HttpOutput
{
public:
    enum class Flushed
    {
        All, // nothing left
        KernelFull, // the channel took what it could; its writable() follows
        BudgetSpent, // more to write on a later turn of the event loop
        Failed, // the client reset the connection
    };
    enum class ConnectionHeader
    {
        None,
        Close,
        KeepAlive, // said to an HTTP/1.0 client, for which closing is the default
    };

    // The status line and headers. Framing is the server's: a handler's own
    // Content-Length, Transfer-Encoding, Connection or Date is left out, as is a
    // header that is not a token with a valid field value. `contentLength` < 0:
    // none (a stream, or a status without a body).
    static QByteArray head(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                           qint64 contentLength, bool chunked, ConnectionHeader connection);
    // `bytes` as one chunk of the chunked coding (RFC 9112 §7.1).
    static QByteArray chunk(const QByteArray &bytes);

    void queue(QByteArray bytes);
    qint64 pending() const { return m_pendingBytes; }
    bool isEmpty() const { return m_pending.isEmpty(); }
    // Drops what is left (the connection is gone): shared answers are released.
    void clear();

    // Writes at most `budget` bytes (a slice at a time) and stops early when the
    // kernel is full. `progress`: set when the client took anything.
    Flushed writeTo(SocketChannel &channel, qint64 budget, bool *progress);

private:
    QList<QByteArray> m_pending;
    qsizetype m_offset = 0; // into m_pending.first()
    qint64 m_pendingBytes = 0;
};

} // namespace fvpn
