// SocketChannel, the bytes under every HTTP connection: plain and TLS over real
// loopback sockets; reading switched off really stops readiness (it is level-
// triggered); a client that resets is a failed read and a failed write (EPIPE:
// OpenSSL writes with write(2)), never a SIGPIPE that ends the process.
#include "SocketChannel.h"
#include "TlsContext.h"
#include "TlsMaterial.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>
#include <sys/socket.h>

using namespace fvpn;

namespace {

// Hands out accepted descriptors as they are, for the channel to take.
class DescriptorServer : public QTcpServer
{
public:
    QList<qintptr> accepted;

protected:
    void incomingConnection(qintptr descriptor) override { accepted.append(descriptor); }
};

// A plain client connected to a channel that has taken the accepted descriptor.
struct PlainPair
{
    DescriptorServer server;
    QTcpSocket client;
    SocketChannel channel;

    bool connect()
    {
        if (!server.listen(QHostAddress::LocalHost, 0))
            return false;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        return QTest::qWaitFor([this] {
                   return !server.accepted.isEmpty() && client.state() == QAbstractSocket::ConnectedState;
               })
            && channel.start(int(server.accepted.first()), nullptr);
    }
};

QByteArray readAll(SocketChannel &channel, qint64 *status)
{
    QByteArray bytes;
    char buffer[4096];
    while (true) {
        const qint64 n = channel.read(buffer, sizeof buffer);
        *status = n;
        if (n <= 0)
            return bytes;
        bytes.append(buffer, n);
    }
}

} // namespace

class TestSocketChannel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<const TlsContext> m_tls;

private Q_SLOTS:
    void initTestCase()
    {
        auto material = TlsMaterial::loadOrCreateSelfSigned(m_dir.path(), u"hub.example.com"_qs);
        QVERIFY2(material.ok(), qPrintable(material.ok() ? QString() : material.error().message));
        QString error;
        m_tls = TlsContext::create(material.value().configuration(), &error);
        QVERIFY2(m_tls, qPrintable(error));
    }

    void plainBothWaysAndTheEnd()
    {
        PlainPair pair;
        QVERIFY(pair.connect());
        QTcpSocket &client = pair.client;
        SocketChannel &channel = pair.channel;
        QSignalSpy readable(&channel, &SocketChannel::readable);

        client.write("ping");
        QTRY_VERIFY(!readable.isEmpty());
        qint64 status = 0;
        QCOMPARE(readAll(channel, &status), QByteArray("ping"));
        QCOMPARE(status, 0); // nothing more for now

        QCOMPARE(channel.write("pong", 4), 4);
        QTRY_COMPARE(client.bytesAvailable(), 4);
        QCOMPARE(client.readAll(), QByteArray("pong"));

        client.disconnectFromHost();
        QTRY_VERIFY(readAll(channel, &status).isEmpty() && status == -1);
    }

    void readingOffMeansNoReadiness()
    {
        PlainPair pair;
        QVERIFY(pair.connect());
        QTcpSocket &client = pair.client;
        SocketChannel &channel = pair.channel;
        channel.setReading(false);
        QSignalSpy readable(&channel, &SocketChannel::readable);
        client.write("later");
        QVERIFY(client.waitForBytesWritten(5000));
        // The bytes are there (a read finds them) but nobody is told while reading is off.
        QTest::qWait(300);
        QCOMPARE(readable.size(), 0);
        channel.setReading(true);
        QTRY_VERIFY(!readable.isEmpty());
        qint64 status = 0;
        QCOMPARE(readAll(channel, &status), QByteArray("later"));
    }

    void tlsBothWaysThenResetIsAFailureNotASignal()
    {
        DescriptorServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QSslSocket client;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        client.setSslConfiguration(config);
        client.connectToHostEncrypted(u"127.0.0.1"_qs, server.serverPort());
        QTRY_COMPARE(server.accepted.size(), 1);
        SocketChannel channel;
        QSignalSpy encrypted(&channel, &SocketChannel::encrypted);
        QVERIFY(channel.start(int(server.accepted.first()), m_tls.get()));
        QTRY_VERIFY(client.isEncrypted());
        QTRY_COMPARE(encrypted.size(), 1);

        client.write("hello over tls");
        qint64 status = 0;
        QByteArray got;
        QTRY_VERIFY((got += readAll(channel, &status)) == "hello over tls");
        QCOMPARE(channel.write("answer", 6), 6);
        QByteArray answer;
        QTRY_VERIFY2((answer += client.readAll()) == "answer", answer.constData());

        // The client goes away with a reset (SO_LINGER 0), as a crashed or
        // impatient one does.
        const linger abortive { 1, 0 };
        QCOMPARE(
            ::setsockopt(int(client.socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive),
            0);
        client.abort();
        // Once the reset has been seen on the socket (as closeGracefully()'s own
        // drain sees it), the kernel answers every further write(2) with EPIPE
        // and SIGPIPE: the next TLS write, and the close_notify of a graceful close.
        const int descriptor = int(server.accepted.first());
        bool resetSeen = false; // reported once: QTRY_VERIFY evaluates again at the end
        QTRY_VERIFY(resetSeen || (resetSeen = [descriptor] {
                        char byte = 0;
                        return ::recv(descriptor, &byte, 1, MSG_PEEK | MSG_DONTWAIT) < 0
                            && errno == ECONNRESET;
                    }()));
        const QByteArray more(64 * 1024, 'x');
        QCOMPARE(channel.write(more.constData(), more.size()), -1);
        channel.closeGracefully();
        QVERIFY(!channel.isOpen());
    }
};

QTEST_GUILESS_MAIN(TestSocketChannel)
#include "tst_socketchannel.moc"
