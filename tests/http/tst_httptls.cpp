// TLS on the workers: the hub's certificate (EC P-256, self-signed) and an
// admin's RSA one; what a real scanner (sslscan) sees offered: TLS 1.2 and 1.3
// only, TLS 1.2 only with ECDHE + AEAD suites (no CBC, no SHA-1 MAC). A
// control listener with Qt's default configuration shows the scan would see
// CBC suites if they were offered.
#include "HttpServer.h"
#include "RawClient.h"
#include "SslScan.h"
#include "TlsMaterial.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCipher>
#include <QSslKey>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace fvpn;

namespace {

// A listener with Qt's default TLS configuration: the control.
class DefaultTlsServer : public QTcpServer
{
public:
    explicit DefaultTlsServer(const QSslConfiguration &configuration)
        : m_configuration(configuration)
    { }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        socket->setSslConfiguration(m_configuration);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        socket->startServerEncryption();
    }

private:
    QSslConfiguration m_configuration;
};

} // namespace

class TestHttpTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<TlsMaterial> m_ec;
    std::optional<TlsMaterial> m_rsa;

    std::unique_ptr<HttpServer> serve(const TlsMaterial &material, quint16 *port)
    {
        ListenerLimits limits;
        limits.handshakeTimeoutMs = 800;
        limits.lingerMs = 300;
        auto server = std::make_unique<HttpServer>(limits);
        server->setHandler(
            [](HttpExchange e) { e.respond(HttpResponse(200, "text/plain", e.isTls() ? "tls" : "plain")); });
        server->setTls(material.configuration());
        *port = server->listen(QHostAddress::LocalHost, 0);
        return server;
    }

    void checkScan(const TlsMaterial &material)
    {
        if (QStandardPaths::findExecutable(QStringLiteral("sslscan")).isEmpty())
            QSKIP("sslscan is not installed (scripts/install-deps.sh installs it); the TLS policy was not "
                  "scanned");
        quint16 port = 0;
        auto server = serve(material, &port);
        QVERIFY(port != 0);
        const QString problems = modernTlsProblems(sslscan(port));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QDir().mkpath(m_dir.filePath(u"ec"_qs)));
        auto ec = TlsMaterial::loadOrCreateSelfSigned(m_dir.filePath(u"ec"_qs), u"hub.example.com"_qs);
        QVERIFY2(ec.ok(), qPrintable(ec.ok() ? QString() : ec.error().message));
        m_ec = ec.value();
        // An admin's own certificate may well be RSA.
        QProcess openssl;
        openssl.start(u"openssl"_qs,
                      { u"req"_qs, u"-x509"_qs, u"-newkey"_qs, u"rsa:2048"_qs, u"-nodes"_qs, u"-keyout"_qs,
                        m_dir.filePath(u"rsa.key"_qs), u"-out"_qs, m_dir.filePath(u"rsa.pem"_qs), u"-days"_qs,
                        u"2"_qs, u"-subj"_qs, u"/CN=hub.example.com"_qs });
        QVERIFY(openssl.waitForFinished(60'000));
        QCOMPARE(openssl.exitCode(), 0);
        auto rsa = TlsMaterial::load(m_dir.filePath(u"rsa.pem"_qs), m_dir.filePath(u"rsa.key"_qs));
        QVERIFY2(rsa.ok(), qPrintable(rsa.ok() ? QString() : rsa.error().message));
        m_rsa = rsa.value();
    }

    void servesTls()
    {
        quint16 port = 0;
        auto server = serve(*m_ec, &port);
        RawClient c(port, QString(), true);
        QTRY_VERIFY(c.encrypted);
        auto *ssl = qobject_cast<QSslSocket *>(c.socket());
        QCOMPARE(QString::fromLatin1(ssl->peerCertificate().digest(QCryptographicHash::Sha256).toHex()),
                 m_ec->fingerprintHex());
        QVERIFY(ssl->sessionProtocol() == QSsl::TlsV1_3 || ssl->sessionProtocol() == QSsl::TlsV1_2);
        c.send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.first().body, QByteArray("tls"));
        c.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n");
        QTRY_COMPARE(c.responses(), 2);
        QCOMPARE(c.answers().constLast().status, 413);
        QTRY_VERIFY(c.closed);
    }

    void tls12ClientGetsAnAeadSuite()
    {
        quint16 port = 0;
        auto server = serve(*m_rsa, &port);
        RawClient c(port, QString(), true);
        QTRY_VERIFY(c.encrypted || c.closed);
        QVERIFY(c.encrypted);
        // A TLS 1.2-only client that offers only CBC suites gets no session.
        QSslSocket cbc;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setProtocol(QSsl::TlsV1_2);
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        config.setCiphers(
            { QSslCipher(u"ECDHE-RSA-AES128-SHA"_qs), QSslCipher(u"ECDHE-RSA-AES256-SHA384"_qs) });
        cbc.setSslConfiguration(config);
        bool encrypted = false;
        connect(&cbc, &QSslSocket::encrypted, this, [&encrypted] { encrypted = true; });
        cbc.connectToHostEncrypted(u"127.0.0.1"_qs, port);
        QTRY_VERIFY(cbc.state() == QAbstractSocket::UnconnectedState || encrypted);
        QVERIFY(!encrypted);
        // A TLS 1.2-only client with an AEAD suite does.
        QSslSocket gcm;
        config.setCiphers({ QSslCipher(u"ECDHE-RSA-AES128-GCM-SHA256"_qs) });
        gcm.setSslConfiguration(config);
        gcm.connectToHostEncrypted(u"127.0.0.1"_qs, port);
        QTRY_VERIFY(gcm.isEncrypted());
        QCOMPARE(gcm.sessionCipher().name(), u"ECDHE-RSA-AES128-GCM-SHA256"_qs);
        QCOMPARE(gcm.sessionProtocol(), QSsl::TlsV1_2);
    }

    void plainOrSilenceOnTheTlsPortGoesNowhere()
    {
        quint16 port = 0;
        auto server = serve(*m_ec, &port);
        RawClient plain(port);
        plain.send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(plain.closed, 10'000);
        QCOMPARE(plain.responses(), 0);
        RawClient silent(port);
        QTRY_VERIFY(silent.connected);
        // The handshake deadline (0.8 s here) ends it.
        QTRY_VERIFY_WITH_TIMEOUT(silent.closed, 10'000);
        QTRY_COMPARE(server->quickConnections(), 0);
    }

    // A large answer goes out whole through partial TLS writes; a client that
    // resets in the middle of one costs the server that connection only (the
    // write fails with EPIPE/ECONNRESET: SIGPIPE would end this whole process).
    void largeAnswerAndResetMidAnswer()
    {
        const QByteArray big = [] {
            QByteArray bytes(8 * 1024 * 1024, Qt::Uninitialized);
            for (qsizetype i = 0; i < bytes.size(); ++i)
                bytes[i] = char('a' + i % 23);
            return bytes;
        }();
        ListenerLimits limits;
        HttpServer server(limits);
        server.setHandler([big](HttpExchange e) { e.respond(HttpResponse(200, "text/plain", big)); });
        server.setTls(m_ec->configuration());
        const quint16 port = server.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port != 0);

        RawClient whole(port, QString(), true);
        QTRY_VERIFY(whole.encrypted);
        whole.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(whole.responses() == 1 && whole.first().complete, 30'000);
        QVERIFY(whole.first().body == big);

        for (int round = 0; round < 3; ++round) {
            QSslSocket reset;
            QSslConfiguration config = QSslConfiguration::defaultConfiguration();
            config.setPeerVerifyMode(QSslSocket::VerifyNone);
            reset.setSslConfiguration(config);
            reset.setReadBufferSize(64 * 1024); // stops reading: the server's writes fill the kernel
            reset.connectToHostEncrypted(u"127.0.0.1"_qs, port);
            QTRY_VERIFY(reset.isEncrypted());
            reset.write("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
            QTRY_VERIFY(reset.bytesAvailable() > 0);
            reset.abort();
        }
        // Still serving, and every connection of the reset clients is gone.
        RawClient after(port, QString(), true);
        QTRY_VERIFY(after.encrypted);
        after.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(after.responses() == 1 && after.first().complete, 30'000);
        QVERIFY(after.first().body == big);
        QTRY_COMPARE(server.quickConnections(), 2);
    }

    // Two requests in one TLS record: two answers, in order.
    void pipelinedOverTls()
    {
        quint16 port = 0;
        auto server = serve(*m_ec, &port);
        RawClient c(port, QString(), true);
        QTRY_VERIFY(c.encrypted);
        c.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QTRY_COMPARE(c.responses(), 2);
        QCOMPARE(c.answers().at(0).body, QByteArray("tls"));
        QCOMPARE(c.answers().at(1).body, QByteArray("tls"));
        QTRY_VERIFY(c.closed);
    }

    // A certificate with somebody else's key: the listener does not start, and says why.
    void keyNotMatchingTheCertificateIsRefused()
    {
        QSslConfiguration mixed = m_ec->configuration();
        mixed.setPrivateKey(m_rsa->configuration().privateKey());
        HttpServer server { ListenerLimits() };
        server.setTls(mixed);
        QString error;
        QCOMPARE(server.listen(QHostAddress::LocalHost, 0, &error), quint16(0));
        QVERIFY2(error.contains(u"private key"), qPrintable(error));
    }

    void scanEcCertificate() { checkScan(*m_ec); }
    void scanRsaCertificate() { checkScan(*m_rsa); }

    // The control: Qt's defaults offer CBC suites on TLS 1.2, and the scan sees them.
    void scanSeesCbcWhenOffered()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("sslscan")).isEmpty())
            QSKIP("sslscan is not installed (scripts/install-deps.sh installs it)");
        DefaultTlsServer control(m_ec->configuration());
        QVERIFY(control.listen(QHostAddress::LocalHost, 0));
        const ScanResult scan = sslscan(control.serverPort());
        QVERIFY2(scan.error.isEmpty(), qPrintable(scan.error));
        bool sawCbc = false;
        for (const auto &[version, cipher] : scan.accepted)
            sawCbc = sawCbc || (version == u"TLSv1.2" && !isModernTls12Suite(cipher));
        QVERIFY2(sawCbc, "the control listener offers CBC suites, but the scan did not see them");
    }
};

QTEST_GUILESS_MAIN(TestHttpTls)
#include "tst_httptls.moc"
