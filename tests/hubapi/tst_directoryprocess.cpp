// The engineers' device directory (GET /api/v1/directory) in the real
// factory-vpn-hub process, over real HTTP. The hub's VPN address is a loopback
// address here (127.0.0.2 in 127.0.0.0/24; the fake `ip` records it and the
// kernel already has it on lo), and the engineer under test is approved at
// 127.0.0.1, the address the kernel picks as source towards 127.0.0.2 — as the
// engineer's tunnel address is picked inside a real tunnel. The lab test
// (lab-hub-api.sh) does the same through real wireguard-go.
#include "DeviceDirectory.h"
#include "HubProcess.h"
#include "TestKeys.h"
#include "TunnelParameters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace fvpn;

namespace {

QString hubAddress()
{
    return QStringLiteral("127.0.0.2");
}

struct RawReply
{
    int status = 0;
    QByteArray head;
    QByteArray body;
};

// One request from a chosen source address (what the engineer's tunnel address
// would be), read to the end (Connection: close).
RawReply rawGet(const QString &from, quint16 port, const QByteArray &path, const QByteArray &authorization)
{
    QTcpSocket socket;
    RawReply reply;
    if (!socket.bind(QHostAddress(from)))
        return reply;
    socket.connectToHost(QHostAddress(hubAddress()), port);
    if (!socket.waitForConnected(5'000))
        return reply;
    QByteArray request
        = "GET " + path + " HTTP/1.1\r\nHost: " + hubAddress().toLatin1() + "\r\nConnection: close\r\n";
    if (!authorization.isEmpty())
        request += "Authorization: " + authorization + "\r\n";
    socket.write(request + "\r\n");
    QByteArray all;
    for (int i = 0; i < 100 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.waitForReadyRead(100);
        all += socket.readAll();
    }
    all += socket.readAll();
    const qsizetype split = all.indexOf("\r\n\r\n");
    reply.head = all.left(split);
    reply.body = split < 0 ? QByteArray() : all.mid(split + 4);
    reply.status = all.mid(9, 3).toInt();
    return reply;
}

QByteArray basic(const QString &user, const QString &password)
{
    return "Basic " + QString(user + u':' + password).toUtf8().toBase64();
}

} // namespace

class TestDirectoryProcess : public QObject
{
    Q_OBJECT

    std::unique_ptr<HubProcess> m_hub;
    quint16 m_directoryPort = 0;
    QString m_pressKey;
    QString m_paintKey;
    QString m_weldKey;
    QString m_oldKey;
    HubProcess::Registration m_alice;

    HeaderList auth() const { return { { "Authorization", "Bearer " + m_hub->token().toLatin1() } }; }
    HeaderList json() const { return { { "Content-Type", "application/json" } }; }

    QUrl directoryUrl() const
    {
        return QUrl(QStringLiteral("http://%1:%2/api/v1/directory").arg(hubAddress()).arg(m_directoryPort));
    }

    HttpReply get(const QByteArray &authorization)
    {
        HeaderList headers;
        if (!authorization.isEmpty())
            headers.append({ "Authorization", authorization });
        return m_hub->sendTo(directoryUrl(), "GET", {}, headers);
    }

    HttpReply approve(const HubProcess::Registration &r, const QString &address)
    {
        const QByteArray body
            = QJsonDocument(QJsonObject { { QStringLiteral("address"), address } }).toJson();
        return m_hub->send(true, "POST", QStringLiteral("/api/v1/requests/%1/approve").arg(r.id), body,
                           auth() + json());
    }

    static QString urlSafe(const PublicKey &key)
    {
        return key.toBase64().replace(u'+', u'-').replace(u'/', u'_');
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_hub = std::make_unique<HubProcess>();
        m_pressKey = randomPublicKey().toBase64();
        m_paintKey = randomPublicKey().toBase64();
        m_weldKey = randomPublicKey().toBase64();
        m_oldKey = randomPublicKey().toBase64();
        const auto device = [](const QString &name, const QString &key, const QString &ip) {
            return QJsonObject { { QStringLiteral("name"), name },
                                 { QStringLiteral("pubkey"), key },
                                 { QStringLiteral("ip"), ip },
                                 { QStringLiteral("enabled"), true } };
        };
        m_hub->setInventory(
            QJsonArray { device(QStringLiteral("press-01"), m_pressKey, QStringLiteral("127.0.0.11")),
                         device(QStringLiteral("paint-03"), m_paintKey, QStringLiteral("127.0.0.13")),
                         device(QStringLiteral("weld-05"), m_weldKey, QStringLiteral("127.0.0.15")),
                         device(QStringLiteral("old-07"), m_oldKey, QStringLiteral("127.0.0.17")) });
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        m_hub->setHandshake(m_pressKey, now - 20); // online
        m_hub->setHandshake(m_paintKey, now - 1200); // stale
        m_hub->setHandshake(m_oldKey, now - 7200); // offline (older than an hour); weld-05: never
        m_directoryPort = HubProcess::freePort();
        QVERIFY2(m_hub->start({ QStringLiteral("--vpnaddr"), hubAddress() + QStringLiteral("/24"),
                                QStringLiteral("--directory-port"), QString::number(m_directoryPort),
                                QStringLiteral("--ssh-user"), QStringLiteral("fio") }),
                 qPrintable(m_hub->log()));
        // The directory comes up once the interface has the VPN address.
        bool up = false;
        for (int i = 0; i < 100 && !up; ++i) {
            up = rawGet(QStringLiteral("127.0.0.99"), m_directoryPort, "/api/v1/directory", {}).status == 401;
            if (!up)
                QTest::qWait(100);
        }
        QVERIFY2(up, qPrintable(m_hub->log()));
        // The line was written before the listener took its first connection, but
        // reaches this process through a pipe the event loop reads: wait for it.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_hub->log().contains(
                QStringLiteral("engineers' directory on 127.0.0.2:%1").arg(m_directoryPort)),
            10'000);

        m_alice = m_hub->registerEngineer(QStringLiteral("Alice Able"));
        QVERIFY(!m_alice.id.isEmpty());
        const HttpReply approved = approve(m_alice, QStringLiteral("127.0.0.1"));
        QVERIFY2(approved.status == 200, approved.body.constData());
    }

    void cleanupTestCase() { m_hub.reset(); }

    // The directory's port on the VPN address is taken when the hub starts: the
    // hub runs on (its public side answers), says so once, and binds the
    // directory as soon as the port is free.
    void bindFailureIsRetriedNeverFatal()
    {
        const quint16 port = HubProcess::freePort();
        auto blocker = std::make_unique<QTcpServer>();
        QVERIFY(blocker->listen(QHostAddress(hubAddress()), port));
        HubProcess hub;
        QVERIFY2(hub.start({ QStringLiteral("--vpnaddr"), hubAddress() + QStringLiteral("/24"),
                             QStringLiteral("--directory-port"), QString::number(port) }),
                 qPrintable(hub.log()));
        QTRY_VERIFY_WITH_TIMEOUT(
            hub.log().contains(QStringLiteral("directory 127.0.0.2:%1 not up yet").arg(port)), 10'000);
        QCOMPARE(hub.send(false, "GET", QStringLiteral("/api/v1/health")).status, 200);
        blocker.reset();
        QTRY_VERIFY_WITH_TIMEOUT(
            rawGet(QStringLiteral("127.0.0.98"), port, "/api/v1/directory", {}).status == 401, 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            hub.log().contains(QStringLiteral("engineers' directory on 127.0.0.2:%1").arg(port)), 10'000);
        QCOMPARE(hub.log().count(QStringLiteral("not up yet")), 1);
    }

    void approvedEngineerGetsTheDevices()
    {
        // The app learns where to ask from its own poll.
        const QJsonObject config = m_hub->poll(m_alice).value(QStringLiteral("config")).toObject();
        QCOMPARE(config.value(QStringLiteral("directory_url")).toString(), directoryUrl().toString());

        // The live sample is taken once someone asks (as for the admin view):
        // ask until it shows the handshakes.
        HttpReply reply;
        QJsonArray devices;
        for (int i = 0; i < 40; ++i) {
            reply = get(basic(m_alice.id, m_alice.secret));
            devices = reply.json().value(QStringLiteral("devices")).toArray();
            if (reply.status == 200 && devices.size() == 4
                && devices.at(0).toObject().value(QStringLiteral("state")).toString()
                    == QLatin1String("online"))
                break;
            // Slower than the rate limit's refill (1 a second after 20): 429 never decides this.
            QTest::qWait(500);
        }
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.headers.value("cache-control"), QByteArray("no-store"));
        QVERIFY(!reply.headers.value("etag").isEmpty());
        QCOMPARE(reply.json().value(QStringLiteral("ssh_user")).toString(), QStringLiteral("fio"));
        QCOMPARE(devices.size(), 4);
        const auto at = [&](int i, const char *field) {
            return devices.at(i).toObject().value(QLatin1String(field));
        };
        QCOMPARE(at(0, "name").toString(), QStringLiteral("press-01"));
        QCOMPARE(at(0, "address").toString(), QStringLiteral("127.0.0.11"));
        QCOMPARE(at(0, "state").toString(), QStringLiteral("online"));
        QVERIFY(at(0, "last_handshake").toString().endsWith(u'Z'));
        QCOMPARE(at(1, "state").toString(), QStringLiteral("stale"));
        QCOMPARE(at(2, "name").toString(), QStringLiteral("weld-05"));
        QCOMPARE(at(2, "state").toString(), QStringLiteral("offline"));
        QVERIFY(at(2, "last_handshake").isNull());
        QCOMPARE(at(3, "state").toString(), QStringLiteral("offline"));
        QVERIFY(at(3, "last_handshake").isString());
        for (const QJsonValue &d : std::as_const(devices))
            QCOMPARE(d.toObject().keys(),
                     (QStringList { QStringLiteral("address"), QStringLiteral("last_handshake"),
                                    QStringLiteral("name"), QStringLiteral("state") }));

        // Nothing about engineers or keys: not Alice's key, name or address, no device key.
        for (const QString &secret :
             { m_alice.key.toBase64(), QStringLiteral("Alice"), QStringLiteral("alice"),
               QStringLiteral("127.0.0.1\""), m_pressKey, m_paintKey })
            QVERIFY2(!reply.body.contains(secret.toUtf8()), qPrintable(secret));

        // An unchanged answer for the same tag.
        const HttpReply again = m_hub->sendTo(directoryUrl(), "GET", {},
                                              { { "Authorization", basic(m_alice.id, m_alice.secret) },
                                                { "If-None-Match", reply.headers.value("etag") } });
        QVERIFY(again.status == 304 || again.status == 200); // 200 only if a new sample changed a time
        if (again.status == 304)
            QVERIFY(again.body.isEmpty());
    }

    void theAppReadsTheRealAnswer()
    {
        DeviceDirectory directory;
        // The app's own reading of the approval: it takes the directory address
        // only on the hub's VPN address.
        const Result<TunnelParameters> tunnel
            = TunnelParameters::fromJson(m_hub->poll(m_alice).value(QStringLiteral("config")).toObject());
        QVERIFY2(tunnel.ok(), qPrintable(tunnel.ok() ? QString() : tunnel.error().message));
        QCOMPARE(tunnel->directoryUrl, directoryUrl());
        directory.setSource(tunnel->directoryUrl, m_alice.id, m_alice.secret);
        QSignalSpy changed(&directory, &DeviceDirectory::changed);
        directory.setActive(true);
        QTRY_VERIFY_WITH_TIMEOUT(directory.status() == DeviceDirectory::Status::Ready
                                     || directory.status() == DeviceDirectory::Status::Failed,
                                 15'000);
        QVERIFY2(directory.status() == DeviceDirectory::Status::Ready, qPrintable(directory.problem()));
        const DirectoryListing &listing = directory.listing();
        QCOMPARE(listing.sshUser, QStringLiteral("fio"));
        QCOMPARE(listing.devices.size(), 4);
        QCOMPARE(listing.devices.at(0).name, QStringLiteral("press-01"));
        QCOMPARE(listing.devices.at(0).address.toString(), QStringLiteral("127.0.0.11"));
        QCOMPARE(listing.devices.at(0).state, DirectoryDevice::State::Online);
        QVERIFY(listing.devices.at(0).lastHandshake.isValid());
        QCOMPARE(listing.devices.at(1).state, DirectoryDevice::State::Stale);
        QCOMPARE(listing.devices.at(2).state, DirectoryDevice::State::Offline);
        QVERIFY(!listing.devices.at(2).lastHandshake.isValid());
        QCOMPARE(DeviceDirectory::sshCommand(listing, listing.devices.at(0)),
                 QStringLiteral("ssh fio@127.0.0.11"));
    }

    void refusedCredentials_data()
    {
        // Each row from an address of its own: the directory's rate limit per
        // address (20, then 1 a second) must not decide these answers.
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QString>("source");
        const QString secret = m_alice.secret;
        const QString id = m_alice.id;
        int n = 100;
        const auto row = [&n](const char *name, const QByteArray &authorization) {
            QTest::newRow(name) << authorization << QStringLiteral("127.0.0.%1").arg(n++);
        };
        row("none", QByteArray());
        row("admin token as bearer", QByteArray("Bearer " + m_hub->token().toLatin1()));
        row("admin token as basic",
            basic(m_hub->token().section(u'.', 0, 0), m_hub->token().section(u'.', 1)));
        row("poll secret as bearer", QByteArray("Bearer " + secret.toLatin1()));
        row("wrong secret", basic(id, secret.left(secret.size() - 2) + QStringLiteral("AA")));
        row("empty secret", basic(id, {}));
        row("unknown id", basic(QString(32, u'a'), secret));
        row("no colon", QByteArray("Basic " + id.toLatin1().toBase64()));
        row("bad base64", QByteArray("Basic !!!"));
        row("basic without credentials", QByteArray("Basic"));
    }

    void refusedCredentials()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(QString, source);
        const RawReply reply = rawGet(source, m_directoryPort, "/api/v1/directory", authorization);
        QCOMPARE(reply.status, 401);
        QCOMPARE(QJsonDocument::fromJson(reply.body)
                     .object()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("unauthorized"));
        QVERIFY2(reply.head.contains("\r\nWWW-Authenticate: Basic realm=\"factory-vpn\"\r\n"),
                 reply.head.constData());
        QVERIFY(!reply.body.contains("devices"));
    }

    void onlyApprovedRegistrations()
    {
        // Pending: the right credentials, but nobody approved them yet.
        const HubProcess::Registration bob = m_hub->registerEngineer(QStringLiteral("Bob Pending"));
        HttpReply reply = get(basic(bob.id, bob.secret));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.errorCode(), QStringLiteral("forbidden"));
        QVERIFY(!reply.body.contains("devices"));

        // Rejected.
        const HubProcess::Registration carol = m_hub->registerEngineer(QStringLiteral("Carol Rejected"));
        QCOMPARE(m_hub
                     ->send(true, "POST", QStringLiteral("/api/v1/requests/%1/reject").arg(carol.id),
                            R"({"reason":"unknown laptop"})", auth() + json())
                     .status,
                 200);
        QCOMPARE(get(basic(carol.id, carol.secret)).status, 403);

        // Cancelled by its own app.
        const HubProcess::Registration dave = m_hub->registerEngineer(QStringLiteral("Dave Cancelled"));
        QCOMPARE(m_hub
                     ->send(false, "DELETE", QStringLiteral("/api/v1/registrations/") + dave.id, {},
                            { { "Authorization", "Bearer " + dave.secret.toLatin1() } })
                     .status,
                 200);
        QCOMPARE(get(basic(dave.id, dave.secret)).status, 403);
    }

    void onlyFromTheRegistrationsOwnAddress()
    {
        // Erin is approved at 127.0.0.5: her secret used from 127.0.0.1 (another
        // machine's tunnel address) is refused; from her own address it works.
        const HubProcess::Registration erin = m_hub->registerEngineer(QStringLiteral("Erin Elsewhere"));
        QCOMPARE(approve(erin, QStringLiteral("127.0.0.5")).status, 200);
        const HttpReply other = get(basic(erin.id, erin.secret));
        QCOMPARE(other.status, 403);
        QVERIFY(!other.body.contains("devices"));
        const RawReply own = rawGet(QStringLiteral("127.0.0.5"), m_directoryPort, "/api/v1/directory",
                                    basic(erin.id, erin.secret));
        QCOMPARE(own.status, 200);
        QVERIFY(own.body.contains("press-01"));
        // And Alice's secret from Erin's address is refused.
        QCOMPARE(rawGet(QStringLiteral("127.0.0.5"), m_directoryPort, "/api/v1/directory",
                        basic(m_alice.id, m_alice.secret))
                     .status,
                 403);
    }

    void servedOnlyOnTheDirectoryListener()
    {
        const QByteArray credentials = basic(m_alice.id, m_alice.secret);
        // Not on the public listener, not on the admin listener (not even with a token).
        QCOMPARE(m_hub
                     ->send(false, "GET", QStringLiteral("/api/v1/directory"), {},
                            { { "Authorization", credentials } })
                     .status,
                 404);
        QCOMPARE(m_hub->send(true, "GET", QStringLiteral("/api/v1/directory"), {}, auth()).status, 404);
        QCOMPARE(m_hub
                     ->send(true, "GET", QStringLiteral("/api/v1/directory"), {},
                            { { "Authorization", credentials } })
                     .status,
                 404);
        // The directory listener serves nothing else.
        for (const char *path : { "/api/v1/health", "/api/v1/devices", "/api/v1/clients", "/api/v1/requests",
                                  "/api/v1/status" }) {
            const HttpReply reply = m_hub->sendTo(QUrl(QStringLiteral("http://%1:%2%3")
                                                           .arg(hubAddress())
                                                           .arg(m_directoryPort)
                                                           .arg(QLatin1String(path))),
                                                  "GET", {}, auth());
            QVERIFY2(reply.status == 404, path);
        }
        QCOMPARE(m_hub->sendTo(directoryUrl(), "POST", {}, { { "Authorization", credentials } }).status, 405);
        // No bodies at all on this listener.
        QCOMPARE(
            m_hub->sendTo(directoryUrl(), "POST", "{}", { { "Content-Type", "application/json" } }).status,
            413);
        // Bound to the VPN address only: nothing listens on the port elsewhere.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_directoryPort);
        QVERIFY(!socket.waitForConnected(2'000));
    }

    void revokedEngineerIsLockedOutAtOnce()
    {
        const HubProcess::Registration frank = m_hub->registerEngineer(QStringLiteral("Frank Revoked"));
        QCOMPARE(approve(frank, QStringLiteral("127.0.0.6")).status, 200);
        QCOMPARE(rawGet(QStringLiteral("127.0.0.6"), m_directoryPort, "/api/v1/directory",
                        basic(frank.id, frank.secret))
                     .status,
                 200);
        QCOMPARE(
            m_hub->send(true, "DELETE", QStringLiteral("/api/v1/clients/") + urlSafe(frank.key), {}, auth())
                .status,
            200);
        // The very next request.
        const RawReply after = rawGet(QStringLiteral("127.0.0.6"), m_directoryPort, "/api/v1/directory",
                                      basic(frank.id, frank.secret));
        QCOMPARE(after.status, 403);
        QVERIFY(!after.body.contains("devices"));
        // A peer removed by a hand edit of factory-clients.conf is locked out as well.
        const HubProcess::Registration gina = m_hub->registerEngineer(QStringLiteral("Gina Handedit"));
        QCOMPARE(approve(gina, QStringLiteral("127.0.0.7")).status, 200);
        QCOMPARE(rawGet(QStringLiteral("127.0.0.7"), m_directoryPort, "/api/v1/directory",
                        basic(gina.id, gina.secret))
                     .status,
                 200);
        QByteArray file = m_hub->clientsFileBytes();
        QByteArray kept;
        for (const QByteArray &line : file.split('\n')) {
            if (!line.contains(gina.key.toBase64().toLatin1()) && !line.isEmpty())
                kept += line + '\n';
        }
        QVERIFY(kept.size() < file.size());
        QFile out(m_hub->clientsFile());
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(kept);
        out.close();
        // Counted from the hub's next look at the file, which a loaded machine may
        // delay; spaced past the rate limit's refill so 429 never answers.
        int status = 0;
        for (int i = 0; i < 20 && status != 403; ++i) {
            if (i > 0)
                QTest::qWait(1'100);
            status = rawGet(QStringLiteral("127.0.0.7"), m_directoryPort, "/api/v1/directory",
                            basic(gina.id, gina.secret))
                         .status;
        }
        QVERIFY2(status == 403, qPrintable(m_hub->log().right(3000)));
    }
};

QTEST_GUILESS_MAIN(TestDirectoryProcess)
#include "tst_directoryprocess.moc"
