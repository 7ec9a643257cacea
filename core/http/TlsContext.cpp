#include "TlsContext.h"

#include <QSslCertificate>
#include <QSslCipher>
#include <QSslKey>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

namespace fvpn {

namespace {

struct BioFree
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct X509Free
{
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};

std::unique_ptr<X509, X509Free> toX509(const QSslCertificate &certificate)
{
    const QByteArray der = certificate.toDer();
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    return std::unique_ptr<X509, X509Free>(d2i_X509(nullptr, &data, der.size()));
}

std::unique_ptr<EVP_PKEY, PkeyFree> toPkey(const QSslKey &key)
{
    // The key passes through PEM once, in memory, wiped after; OpenSSL then holds it.
    QByteArray pem = key.toPem();
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    std::unique_ptr<EVP_PKEY, PkeyFree> pkey;
    if (bio)
        pkey.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    OPENSSL_cleanse(pem.data(), size_t(pem.size()));
    return pkey;
}

} // namespace

std::shared_ptr<const TlsContext> TlsContext::create(const QSslConfiguration &configuration, QString *error)
{
    auto fail = [error](const QString &what) -> std::shared_ptr<const TlsContext> {
        if (error)
            *error = what;
        return nullptr;
    };
    ERR_clear_error();
    std::shared_ptr<TlsContext> tls(new TlsContext);
    tls->m_context = SSL_CTX_new(TLS_server_method());
    if (!tls->m_context)
        return fail(QStringLiteral("TLS: %1").arg(takeErrors()));
    SSL_CTX *ctx = tls->m_context;

    const int minimum = configuration.protocol() == QSsl::TlsV1_3OrLater ? TLS1_3_VERSION : TLS1_2_VERSION;
    SSL_CTX_set_min_proto_version(ctx, minimum);
    // The TLS 1.2 suites are the configuration's (restrictTls()); OpenSSL keeps
    // TLS 1.3's, all AEAD, apart.
    QByteArray tls12;
    for (const QSslCipher &cipher : configuration.ciphers()) {
        if (cipher.name().startsWith(u"TLS_"))
            continue;
        if (!tls12.isEmpty())
            tls12 += ':';
        tls12 += cipher.name().toLatin1();
    }
    if (!tls12.isEmpty() && SSL_CTX_set_cipher_list(ctx, tls12.constData()) != 1)
        return fail(QStringLiteral("TLS: no usable cipher suite in \"%1\": %2")
                        .arg(QString::fromLatin1(tls12), takeErrors()));
    SSL_CTX_set_options(ctx,
                        SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE
                            | SSL_OP_NO_COMPRESSION
                            // A client that closes without close_notify has simply closed.
                            | SSL_OP_IGNORE_UNEXPECTED_EOF);
    // Record buffers are freed while a connection is idle; writes may be partial
    // and resumed from a buffer that has moved (the connection's output queue).
    SSL_CTX_set_mode(
        ctx, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // No server-side session cache: resumption uses tickets, which the server does
    // not store, so a thousand clients cost no cache entries.
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);

    const QList<QSslCertificate> chain = configuration.localCertificateChain();
    if (chain.isEmpty())
        return fail(QStringLiteral("TLS: no certificate"));
    const auto leaf = toX509(chain.first());
    if (!leaf || SSL_CTX_use_certificate(ctx, leaf.get()) != 1)
        return fail(QStringLiteral("TLS: the certificate is not usable: %1").arg(takeErrors()));
    for (qsizetype i = 1; i < chain.size(); ++i) {
        const auto intermediate = toX509(chain.at(i));
        if (!intermediate || SSL_CTX_add1_chain_cert(ctx, intermediate.get()) != 1)
            return fail(
                QStringLiteral("TLS: chain certificate %1 is not usable: %2").arg(i).arg(takeErrors()));
    }
    const auto key = toPkey(configuration.privateKey());
    if (!key || SSL_CTX_use_PrivateKey(ctx, key.get()) != 1)
        return fail(QStringLiteral("TLS: the private key is not usable: %1").arg(takeErrors()));
    if (SSL_CTX_check_private_key(ctx) != 1)
        return fail(
            QStringLiteral("TLS: the private key does not match the certificate: %1").arg(takeErrors()));
    return tls;
}

TlsContext::~TlsContext()
{
    SSL_CTX_free(m_context);
}

ssl_st *TlsContext::newSession(int descriptor) const
{
    ERR_clear_error();
    SSL *ssl = SSL_new(m_context);
    if (!ssl)
        return nullptr;
    if (SSL_set_fd(ssl, descriptor) != 1) {
        SSL_free(ssl);
        return nullptr;
    }
    SSL_set_accept_state(ssl);
    return ssl;
}

QString TlsContext::takeErrors()
{
    QStringList errors;
    char text[256];
    while (const unsigned long code = ERR_get_error()) {
        ERR_error_string_n(code, text, sizeof text);
        errors << QString::fromLatin1(text);
    }
    return errors.isEmpty() ? QStringLiteral("no detail from OpenSSL") : errors.join(u"; ");
}

} // namespace fvpn
