#pragma once

// Internal to core/http: one listener's TLS, on OpenSSL directly.

#include <QSslConfiguration>
#include <QString>

#include <memory>

struct ssl_ctx_st;
struct ssl_st;

namespace fvpn {

// One OpenSSL context per TLS listener, shared by all of its connections.
//
// Why not QSslSocket: it keeps about 64 KiB of buffers per connection after use
// (its ring buffers keep a block each) and an SSL_CTX of its own per socket, so
// 1,000 engineers' long-polls held ~66 MB (docs/benchmarks.md). Here a waiting
// connection is an SSL object whose record buffers are given back while idle
// (SSL_MODE_RELEASE_BUFFERS) and a descriptor; the policy (TLS 1.2+, ECDHE with
// AEAD suites on 1.2) is the one HttpServer::restrictTls() gives Qt's sockets.
class TlsContext
{
public:
    // The configuration's certificate chain and private key; null with `error` set
    // when OpenSSL refuses them (a key that does not match the certificate, too).
    static std::shared_ptr<const TlsContext> create(const QSslConfiguration &configuration, QString *error);
    ~TlsContext();
    TlsContext(const TlsContext &) = delete;
    TlsContext &operator=(const TlsContext &) = delete;

    // A server-side session for one accepted descriptor (not owned); null on failure.
    ssl_st *newSession(int descriptor) const;

    // OpenSSL's queued errors of this thread as one line, and the queue cleared.
    static QString takeErrors();

private:
    TlsContext() = default;
    ssl_ctx_st *m_context = nullptr;
};

} // namespace fvpn
