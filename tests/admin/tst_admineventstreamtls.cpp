// AdminEventStream over TLS: a pinned hub is trusted by its certificate alone,
// any other certificate is cut off before the request (and the token) leaves,
// and an untrusted one without a pin is refused as AdminClient refuses it.
#include "AdminEventStream.h"
#include "FakeHub.h" // the engineer side's: makeTlsIdentity()

#include <QSignalSpy>
#include <QSslServer>
#include <QSslSocket>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;
using namespace Qt::StringLiterals;

namespace {

constexpr auto Token = "fvpn-test-admin-token-0123456789";

// A TLS server that answers GET /api/v1/events with a stream holding a hello,
// and keeps every byte it was sent.
class TlsEventServer : public QObject
{
public:
    explicit TlsEventServer(const TlsIdentity &identity)
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(identity.certificate);
        configuration.setPrivateKey(identity.key);
        m_server.setSslConfiguration(configuration);
        QObject::connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    received += socket->readAll();
                    if (received.contains("\r\n\r\n") && !m_answered) {
                        m_answered = true;
                        const QByteArray body = "event: hello\ndata: {\"revision\": 42}\n\n";
                        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                      "Transfer-Encoding: chunked\r\n\r\n"
                                      + QByteArray::number(body.size(), 16) + "\r\n" + body + "\r\n");
                    }
                });
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    QUrl url() const { return QUrl(u"https://127.0.0.1:%1"_s.arg(m_server.serverPort())); }

    QByteArray received;

private:
    QSslServer m_server;
    bool m_answered = false;
};

} // namespace

class TestAdminEventStreamTls : public QObject
{
    Q_OBJECT

    TlsIdentity m_identity;

private Q_SLOTS:
    void initTestCase()
    {
        m_identity = makeTlsIdentity();
        QVERIFY(!m_identity.fingerprint.isEmpty());
    }

    void pinnedCertificateIsTrusted()
    {
        TlsEventServer server(m_identity);
        AdminEventStream stream;
        stream.setHub(server.url(), QString::fromLatin1(Token), m_identity.fingerprint);
        QSignalSpy events(&stream, &AdminEventStream::eventReceived);
        stream.start();
        QVERIFY(events.wait(15000));
        QCOMPARE(events.constFirst().constFirst().value<AdminEvent>().kind, AdminEventKind::Hello);
        QCOMPARE(events.constFirst().constFirst().value<AdminEvent>().revision, quint64(42));
        QVERIFY(server.received.startsWith("GET /api/v1/events HTTP/1.1\r\n"));
        QVERIFY(server.received.contains(QByteArray("Authorization: Bearer ") + Token));
    }

    void otherCertificateIsCutOffBeforeTheToken()
    {
        TlsEventServer server(m_identity);
        AdminEventStream stream;
        QString wrongPin = m_identity.fingerprint;
        wrongPin[0] = wrongPin[0] == u'0' ? u'1' : u'0';
        stream.setHub(server.url(), QString::fromLatin1(Token), wrongPin);
        QSignalSpy lost(&stream, &AdminEventStream::lost);
        stream.start();
        QVERIFY(lost.wait(15000));
        const Error error = lost.constFirst().at(0).value<Error>();
        QCOMPARE(error.code, ErrorCode::PermissionDenied);
        QVERIFY2(error.message.contains(u"not the pinned one"_s), qPrintable(error.message));
        QVERIFY2(server.received.isEmpty(), server.received.constData()); // not a byte of the request
    }

    void untrustedCertificateWithoutPinIsRefused()
    {
        TlsEventServer server(m_identity);
        AdminEventStream stream;
        stream.setHub(server.url(), QString::fromLatin1(Token));
        QSignalSpy lost(&stream, &AdminEventStream::lost);
        stream.start();
        QVERIFY(lost.wait(15000));
        const Error error = lost.constFirst().at(0).value<Error>();
        QCOMPARE(error.code, ErrorCode::PermissionDenied);
        QVERIFY2(error.message.contains(u"does not trust"_s), qPrintable(error.message));
        QVERIFY(server.received.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAdminEventStreamTls)
#include "tst_admineventstreamtls.moc"
