#pragma once

// Internal to core/http: one accepted connection's bytes, plain or TLS.

#include <QObject>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

struct ssl_st;

namespace fvpn {

class TlsContext;

// A non-blocking descriptor read and written straight from the caller's buffers,
// with OpenSSL on top when the listener is TLS. It buffers nothing itself (the
// connection's parser and output queue do): an idle connection costs its
// descriptor, two notifiers and, with TLS, an SSL object whose record buffers
// OpenSSL frees while idle. Readiness is level-triggered, so a reader that does
// not want input switches reading off (setReading(false)) rather than ignore it.
class SocketChannel : public QObject
{
    Q_OBJECT

public:
    explicit SocketChannel(QObject *parent = nullptr);
    ~SocketChannel() override;

    // Takes the descriptor (and closes it from then on); with `tls` the TLS
    // handshake starts. False, and the descriptor is not taken, on failure.
    bool start(int descriptor, const TlsContext *tls);
    bool isOpen() const { return m_descriptor >= 0; }

    // Bytes read (> 0), 0 when nothing is there now (readable() follows), -1 when
    // the client closed or the connection failed.
    qint64 read(char *data, qint64 maxSize);
    // Bytes taken (> 0), 0 when the connection cannot take more now (writable()
    // follows), -1 when it failed. With TLS a call that took 0 is repeated with the
    // same bytes (they may have moved).
    qint64 write(const char *data, qint64 size);

    // Whether readable() is wanted; the handshake reads regardless.
    void setReading(bool on);
    // writable() once the socket takes output again (at once if it does now): a
    // writer that stops while it still could lets other connections of its thread go first.
    void wantWritable();

    // Sends TLS close_notify if it can, then closes. Unread input is read and
    // dropped first (bounded), so the close does not become a reset that could
    // destroy an answer the client has not read yet.
    void closeGracefully();
    // Closes at once.
    void abort();

Q_SIGNALS:
    void encrypted();
    void readable();
    void writable();
    // The TLS handshake failed.
    void failed();

private:
    void onReadActivated();
    void onWriteActivated();
    void continueHandshake();
    void updateReadNotifier();

    int m_descriptor = -1;
    ssl_st *m_ssl = nullptr;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    bool m_handshaking = false;
    bool m_reading = true;
    bool m_readWantsWrite = false; // TLS: a read must wait until the socket takes output
    bool m_writeWantsRead = false; // TLS: a write must wait for input
};

} // namespace fvpn
