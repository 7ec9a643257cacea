#include "SocketChannel.h"

#include "TlsContext.h"

#include <QSocketNotifier>

#include <cerrno>
#include <climits>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fvpn {

namespace {

// OpenSSL writes with write(2), which raises SIGPIPE on a connection the client
// has reset. Qt happens to ignore SIGPIPE process-wide once it makes a socket;
// blocked on the threads that serve connections, the write fails with EPIPE
// whatever Qt does, and the disposition the hub's tools inherit is not touched.
void blockSigPipeOnThisThread()
{
    thread_local const bool blocked = [] {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGPIPE);
        return pthread_sigmask(SIG_BLOCK, &set, nullptr) == 0;
    }();
    (void)blocked;
}

bool wouldBlock(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

} // namespace

SocketChannel::SocketChannel(QObject *parent)
    : QObject(parent)
{ }

SocketChannel::~SocketChannel()
{
    abort();
}

bool SocketChannel::start(int descriptor, const TlsContext *tls)
{
    blockSigPipeOnThisThread();
    const int flags = ::fcntl(descriptor, F_GETFL);
    if (flags < 0 || ::fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) < 0)
        return false;
    // An answer leaves as a head and a body: with Nagle's algorithm the body's
    // last short segment would wait for the client's delayed ACK of the one
    // before (about 40 ms per answer of a few hundred KiB, seen in the benchmark).
    const int one = 1;
    ::setsockopt(descriptor, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (tls) {
        m_ssl = tls->newSession(descriptor);
        if (!m_ssl)
            return false;
        m_handshaking = true;
    }
    m_descriptor = descriptor;
    m_readNotifier = new QSocketNotifier(qintptr(descriptor), QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(qintptr(descriptor), QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &SocketChannel::onReadActivated);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &SocketChannel::onWriteActivated);
    if (m_handshaking)
        continueHandshake(); // the ClientHello is often there already
    return true;
}

void SocketChannel::continueHandshake()
{
    ERR_clear_error();
    const int result = SSL_do_handshake(m_ssl);
    if (result == 1) {
        m_handshaking = false;
        updateReadNotifier();
        Q_EMIT encrypted();
        return;
    }
    switch (SSL_get_error(m_ssl, result)) {
    case SSL_ERROR_WANT_READ:
        updateReadNotifier();
        return;
    case SSL_ERROR_WANT_WRITE:
        wantWritable();
        return;
    default:
        // Scanners, plain HTTP on the TLS port, old protocols: nothing to report.
        ERR_clear_error();
        Q_EMIT failed();
        return;
    }
}

qint64 SocketChannel::read(char *data, qint64 maxSize)
{
    if (m_descriptor < 0 || m_handshaking)
        return m_descriptor < 0 ? -1 : 0;
    maxSize = qMin<qint64>(maxSize, INT_MAX);
    if (!m_ssl) {
        const ssize_t n = ::recv(m_descriptor, data, size_t(maxSize), 0);
        if (n > 0)
            return n;
        if (n < 0 && wouldBlock(errno))
            return 0;
        return -1;
    }
    ERR_clear_error();
    const int n = SSL_read(m_ssl, data, int(maxSize));
    if (n > 0)
        return n;
    switch (SSL_get_error(m_ssl, n)) {
    case SSL_ERROR_WANT_READ:
        return 0;
    case SSL_ERROR_WANT_WRITE:
        m_readWantsWrite = true;
        wantWritable();
        return 0;
    default: // close_notify, end of stream, a reset or a bad record
        ERR_clear_error();
        return -1;
    }
}

qint64 SocketChannel::write(const char *data, qint64 size)
{
    if (m_descriptor < 0)
        return -1;
    if (m_handshaking || size <= 0)
        return 0;
    size = qMin<qint64>(size, INT_MAX);
    if (!m_ssl) {
        const ssize_t n = ::send(m_descriptor, data, size_t(size), MSG_NOSIGNAL);
        if (n > 0)
            return n;
        if (n < 0 && wouldBlock(errno)) {
            wantWritable();
            return 0;
        }
        return -1;
    }
    ERR_clear_error();
    const int n = SSL_write(m_ssl, data, int(size));
    if (n > 0)
        return n;
    switch (SSL_get_error(m_ssl, n)) {
    case SSL_ERROR_WANT_WRITE:
        wantWritable();
        return 0;
    case SSL_ERROR_WANT_READ:
        m_writeWantsRead = true;
        updateReadNotifier();
        return 0;
    default:
        ERR_clear_error();
        return -1;
    }
}

void SocketChannel::setReading(bool on)
{
    if (m_reading == on)
        return;
    m_reading = on;
    updateReadNotifier();
}

void SocketChannel::updateReadNotifier()
{
    if (m_readNotifier)
        m_readNotifier->setEnabled(m_reading || m_handshaking || m_writeWantsRead);
}

void SocketChannel::wantWritable()
{
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(true);
}

void SocketChannel::onReadActivated()
{
    if (m_handshaking) {
        continueHandshake();
        return;
    }
    if (m_writeWantsRead) {
        m_writeWantsRead = false;
        updateReadNotifier();
        Q_EMIT writable();
        if (m_descriptor < 0)
            return;
    }
    if (m_reading)
        Q_EMIT readable();
}

void SocketChannel::onWriteActivated()
{
    m_writeNotifier->setEnabled(false);
    if (m_handshaking) {
        continueHandshake();
        return;
    }
    if (m_readWantsWrite) {
        m_readWantsWrite = false;
        Q_EMIT readable();
        if (m_descriptor < 0)
            return;
    }
    Q_EMIT writable();
}

void SocketChannel::closeGracefully()
{
    if (m_descriptor < 0)
        return;
    char scratch[4096];
    for (int i = 0; i < 16; ++i) {
        const ssize_t n = ::recv(m_descriptor, scratch, sizeof scratch, MSG_DONTWAIT);
        if (n <= 0)
            break;
    }
    if (m_ssl && !m_handshaking) {
        ERR_clear_error();
        SSL_shutdown(m_ssl); // one try: close_notify if the socket takes it now
        ERR_clear_error();
    }
    ::shutdown(m_descriptor, SHUT_WR);
    abort();
}

void SocketChannel::abort()
{
    // Possibly called from a notifier's own activation: disabled now (before the
    // descriptor's number can be reused), deleted once that returns.
    for (QSocketNotifier *notifier : { m_readNotifier, m_writeNotifier }) {
        if (notifier) {
            notifier->setEnabled(false);
            notifier->deleteLater();
        }
    }
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
    if (m_ssl) {
        SSL_free(m_ssl);
        m_ssl = nullptr;
    }
    if (m_descriptor >= 0) {
        ::close(m_descriptor);
        m_descriptor = -1;
    }
    m_handshaking = false;
}

} // namespace fvpn
