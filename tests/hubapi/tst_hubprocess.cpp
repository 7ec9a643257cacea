// The hub API in the real factory-vpn-hub process, over real HTTP(S): the
// registration flow down to the interface, concurrent clients-file edits, the
// hostile-input table, and where the admin listener is (not) reachable.
#include "AtomicFile.h"
#include "HostileInputs.h"
#include "HubProcess.h"
#include "SslScan.h"
#include "TestKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace fvpn;

class TestHubProcess : public QObject
{
    Q_OBJECT

    std::unique_ptr<HubProcess> m_hub;

    HeaderList auth() const { return { { "Authorization", "Bearer " + m_hub->token().toLatin1() } }; }
    HeaderList json() const { return { { "Content-Type", "application/json" } }; }

    HttpReply registerKey(const PublicKey &key)
    {
        const QJsonObject body { { u"public_key"_qs, key.toBase64() },
                                 { u"name"_qs, u"Erin Engineer"_qs },
                                 { u"hostname"_qs, u"erin-laptop"_qs },
                                 { u"os"_qs, u"Ubuntu 24.04"_qs } };
        return m_hub->send(false, "POST", u"/api/v1/registrations"_qs, QJsonDocument(body).toJson(), json());
    }

    QByteArray hostsFile() const
    {
        QFile file(QFileInfo(m_hub->clientsFile()).dir().filePath(u"hosts"_qs));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // The daemon's own word on factory-clients.conf (empty when it is valid).
    QJsonObject clientsFileError()
    {
        return m_hub->send(true, "GET", u"/api/v1/status"_qs, {}, auth())
            .json()
            .value(u"hub")
            .toObject()
            .value(u"clientsFile")
            .toObject()
            .value(u"error")
            .toObject();
    }

    int count(const QString &path, const QString &member)
    {
        return int(m_hub->send(true, "GET", path, {}, auth()).json().value(member).toArray().size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_hub = std::make_unique<HubProcess>();
        QVERIFY2(m_hub->start(), qPrintable(m_hub->log()));
    }
    void cleanupTestCase() { m_hub.reset(); }

    void fingerprintIsLoggedAndPublished()
    {
        const QString log = m_hub->log();
        QString colons;
        for (int i = 0; i < m_hub->fingerprintHex().size(); i += 2)
            colons += (i ? u":"_qs : QString()) + m_hub->fingerprintHex().mid(i, 2).toUpper();
        QVERIFY2(log.contains(colons), qPrintable(log + u"\nwanted: "_qs + colons));
        QFile info(m_hub->stateDir() + u"/api-public.json"_qs);
        QVERIFY(info.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(info.readAll()).object().value(u"fingerprint").toString(),
                 u"sha256:"_qs + m_hub->fingerprintHex());
    }

    void registrationApprovalPoll()
    {
        const PublicKey key = randomPublicKey();
        auto created = registerKey(key);
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(u"id").toString();
        const QString secret = created.json().value(u"secret").toString();
        const HeaderList bearer { { "Authorization", "Bearer " + secret.toLatin1() } };
        QCOMPARE(
            m_hub->send(false, "GET", u"/api/v1/registrations/"_qs + id, {}, bearer).json().value(u"status"),
            QJsonValue(u"pending"_qs));

        auto approved
            = m_hub->send(true, "POST", u"/api/v1/requests/"_qs + id + u"/approve", "{}", auth() + json());
        QCOMPARE(approved.status, 200);
        // On the interface by the time the approval was acknowledged.
        const QString line = key.toBase64() + u" 10.42.42.2/32"_qs;
        QVERIFY2(m_hub->interfacePeers().contains(line), qPrintable(m_hub->interfacePeers().join(u'|')));
        QVERIFY(m_hub->clientsFileBytes().contains(
            QByteArray(key.toBase64().toLatin1() + " 10.42.42.2 erin-engineer")));

        auto polled = m_hub->send(false, "GET", u"/api/v1/registrations/"_qs + id, {}, bearer);
        QCOMPARE(polled.json().value(u"status").toString(), u"approved"_qs);
        const QJsonObject config = polled.json().value(u"config").toObject();
        QCOMPARE(config.value(u"address").toString(), u"10.42.42.2"_qs);
        QCOMPARE(config.value(u"endpoint").toString(), u"hub.example.com:5555"_qs);
        QCOMPARE(config.value(u"allowed_ips").toArray(), QJsonArray { u"10.42.42.0/24"_qs });
        QCOMPARE(config.value(u"hub_public_key").toString().size(), 44);

        // The devices view carries the live interface; the client list too.
        auto clients = m_hub->send(true, "GET", u"/api/v1/clients"_qs, {}, auth());
        QCOMPARE(clients.json().value(u"clients").toArray().at(0).toObject().value(u"state").toString(),
                 u"never"_qs);

        // Revocation takes the peer off the interface at once.
        QString urlSafe = key.toBase64();
        urlSafe.replace(u'+', u'-').replace(u'/', u'_');
        QCOMPARE(m_hub->send(true, "DELETE", u"/api/v1/clients/"_qs + urlSafe, {}, auth()).status, 200);
        QVERIFY(!m_hub->interfacePeers().contains(line));
        QCOMPARE(
            m_hub->send(false, "GET", u"/api/v1/registrations/"_qs + id, {}, bearer).json().value(u"status"),
            QJsonValue(u"revoked"_qs));
    }

    // Key replacement in the real process: the new key's peer replaces the old
    // one on the interface in the approval's single apply.
    void keyReplacementSwapsThePeers()
    {
        const PublicKey oldKey = randomPublicKey();
        auto created = registerKey(oldKey);
        QCOMPARE(created.status, 201);
        const QString oldId = created.json().value(u"id").toString();
        const QByteArray oldSecret = created.json().value(u"secret").toString().toLatin1();
        QCOMPARE(m_hub
                     ->send(true, "POST", u"/api/v1/requests/"_qs + oldId + u"/approve",
                            R"({"address":"10.42.42.60"})", auth() + json())
                     .status,
                 200);
        const QString oldLine = oldKey.toBase64() + u" 10.42.42.60/32"_qs;
        QVERIFY(m_hub->interfacePeers().contains(oldLine));

        const PublicKey newKey = randomPublicKey();
        const QJsonObject body { { u"public_key"_qs, newKey.toBase64() },
                                 { u"name"_qs, u"Erin Engineer"_qs },
                                 { u"hostname"_qs, u"erin-laptop"_qs },
                                 { u"os"_qs, u"Ubuntu 24.04"_qs },
                                 { u"replaces"_qs, oldId } };
        // Without the old request's secret: refused.
        QCOMPARE(m_hub->send(false, "POST", u"/api/v1/registrations"_qs, QJsonDocument(body).toJson(), json())
                     .status,
                 401);
        auto replacement
            = m_hub->send(false, "POST", u"/api/v1/registrations"_qs, QJsonDocument(body).toJson(),
                          json() + HeaderList { { "Authorization", "Bearer " + oldSecret } });
        QVERIFY2(replacement.status == 201, replacement.body.constData());
        const QString newId = replacement.json().value(u"id").toString();
        QVERIFY(m_hub->interfacePeers().contains(oldLine));

        QCOMPARE(
            m_hub->send(true, "POST", u"/api/v1/requests/"_qs + newId + u"/approve", "{}", auth() + json())
                .status,
            200);
        QVERIFY2(m_hub->interfacePeers().contains(newKey.toBase64() + u" 10.42.42.60/32"_qs),
                 qPrintable(m_hub->interfacePeers().join(u'|')));
        QVERIFY(!m_hub->interfacePeers().contains(oldLine));
        QVERIFY(!m_hub->clientsFileBytes().contains(oldKey.toBase64().toLatin1()));
        const QJsonObject old = m_hub
                                    ->send(false, "GET", u"/api/v1/registrations/"_qs + oldId, {},
                                           { { "Authorization", "Bearer " + oldSecret } })
                                    .json();
        QCOMPARE(old.value(u"status").toString(), u"revoked"_qs);
        QCOMPARE(old.value(u"replaced_by").toString(), newId);
    }

    void failedApplyIsVisibleAndUndone()
    {
        const QByteArray before = m_hub->clientsFileBytes();
        const QStringList peersBefore = m_hub->interfacePeers();
        auto created = registerKey(randomPublicKey());
        const QString id = created.json().value(u"id").toString();
        m_hub->failWgSet("Unable to modify interface: Operation not permitted\n");
        auto approved
            = m_hub->send(true, "POST", u"/api/v1/requests/"_qs + id + u"/approve", "{}", auth() + json());
        m_hub->failWgSet({});
        QCOMPARE(approved.status, 503);
        QVERIFY2(approved.errorMessage().contains(u"Operation not permitted"), approved.body.constData());
        QCOMPARE(m_hub->clientsFileBytes(), before);
        QCOMPARE(m_hub->interfacePeers(), peersBefore);
        QCOMPARE(m_hub->send(true, "GET", u"/api/v1/requests/"_qs + id, {}, auth()).json().value(u"status"),
                 QJsonValue(u"pending"_qs));
        QCOMPARE(m_hub
                     ->send(true, "POST", u"/api/v1/requests/"_qs + id + u"/reject",
                            R"({"reason":"test over"})", auth() + json())
                     .status,
                 200);
    }

    void concurrentClientsFileEdits()
    {
        auto read = m_hub->send(true, "GET", u"/api/v1/clients-file"_qs, {}, auth());
        QCOMPARE(read.status, 200);
        const QByteArray etag = read.headers.value("etag");
        const QByteArray a = read.body + randomPublicKey().toBase64().toLatin1() + " 10.42.42.71 alice\n";
        const QByteArray b = read.body + randomPublicKey().toBase64().toLatin1() + " 10.42.42.72 bob\n";
        const HeaderList headers
            = auth() + HeaderList { { "Content-Type", "text/plain" }, { "If-Match", etag } };
        QNetworkReply *first = m_hub->startRequest(true, "PUT", u"/api/v1/clients-file"_qs, a, headers);
        QNetworkReply *second = m_hub->startRequest(true, "PUT", u"/api/v1/clients-file"_qs, b, headers);
        const HttpReply ra = ApiTestFixture::collect(first);
        const HttpReply rb = ApiTestFixture::collect(second);
        QList<int> statuses { ra.status, rb.status };
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses, (QList<int> { 200, 412 }));
        const QByteArray winner = ra.status == 200 ? a : b;
        QCOMPARE(m_hub->clientsFileBytes(), winner);
        QVERIFY(m_hub->interfacePeers().join(u'\n').contains(ra.status == 200 ? u"10.42.42.71/32"_qs
                                                                              : u"10.42.42.72/32"_qs));
        // Tidy for the next tests.
        QCOMPARE(m_hub
                     ->send(true, "PUT", u"/api/v1/clients-file"_qs, read.body,
                            auth() + HeaderList { { "Content-Type", "text/plain" }, { "If-Match", "*" } })
                     .status,
                 200);
    }

    // Issue 15: the hub's own key and a device's key are line errors through
    // PUT /clients-file, and a hand edit with one is not applied (the last good
    // set stays on the interface, the hosts file gains no name, the status says why).
    void clientsFileRefusesTheHubAndDeviceKeys()
    {
        const QString hubKey = m_hub->send(true, "GET", u"/api/v1/status"_qs, {}, auth())
                                   .json()
                                   .value(u"hub")
                                   .toObject()
                                   .value(u"interface")
                                   .toObject()
                                   .value(u"publicKey")
                                   .toString();
        QCOMPARE(hubKey.size(), 44);
        const QString deviceKey = randomPublicKey().toBase64();
        m_hub->setDevice(u"press-07"_qs, deviceKey, u"10.42.42.250"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->interfacePeers().contains(deviceKey + u" 10.42.42.250/32"_qs),
                                 10'000);

        const QByteArray alice = randomPublicKey().toBase64().toLatin1() + " 10.42.42.81 alice\n";
        const HeaderList put = auth() + HeaderList { { "Content-Type", "text/plain" }, { "If-Match", "*" } };
        QCOMPARE(m_hub->send(true, "PUT", u"/api/v1/clients-file"_qs, alice, put).status, 200);
        const QStringList peersBefore = m_hub->interfacePeers();
        const QByteArray hostsBefore = hostsFile();

        const QList<QPair<QByteArray, QString>> bad {
            { hubKey.toLatin1() + " 10.42.42.82 sneaky\n", u"is the hub's own public key"_qs },
            { deviceKey.toLatin1() + " 10.42.42.83 sneaky\n", u"belongs to device press-07"_qs },
        };
        for (const auto &[line, message] : bad) {
            // Through the API: 422 with the line, nothing written.
            auto refused = m_hub->send(true, "PUT", u"/api/v1/clients-file"_qs, alice + line, put);
            QCOMPARE(refused.status, 422);
            const QJsonObject lineError
                = refused.json().value(u"error").toObject().value(u"lines").toArray().at(0).toObject();
            QCOMPARE(lineError.value(u"line").toInt(), 2);
            QVERIFY2(lineError.value(u"message").toString().contains(message), refused.body.constData());
            QCOMPARE(m_hub->clientsFileBytes(), alice);

            // By hand: not applied, and the status says which line.
            QVERIFY(AtomicFile::write(m_hub->clientsFile(), alice + line).ok());
            QJsonObject fileError;
            QTRY_VERIFY_WITH_TIMEOUT(!(fileError = clientsFileError()).isEmpty()
                                         && fileError.value(u"message").toString().contains(message),
                                     10'000);
            QCOMPARE(fileError.value(u"lines").toArray().at(0).toObject().value(u"line").toInt(), 2);
            QCOMPARE(m_hub->interfacePeers(), peersBefore);
            QCOMPARE(hostsFile(), hostsBefore);
            QVERIFY(!hostsFile().contains("sneaky"));
            // Fixed by hand: valid again.
            QVERIFY(AtomicFile::write(m_hub->clientsFile(), alice).ok());
            QTRY_VERIFY_WITH_TIMEOUT(clientsFileError().isEmpty(), 10'000);
        }
        QVERIFY2(m_hub->log().contains(u"not applied, keeping the last good set of 1 client peers"_qs),
                 qPrintable(m_hub->log()));

        // Tidy for the next tests.
        QVERIFY(AtomicFile::write(QFileInfo(m_hub->clientsFile()).dir().filePath(u"inventory.json"_qs), "[]")
                    .ok());
        QTRY_VERIFY_WITH_TIMEOUT(!m_hub->interfacePeers().join(u'\n').contains(deviceKey), 10'000);
        QCOMPARE(m_hub->send(true, "PUT", u"/api/v1/clients-file"_qs, {}, put).status, 200);
    }

    void hostileInputs_data()
    {
        QTest::addColumn<int>("index");
        const QList<HostileCase> cases = hostileCases();
        QVERIFY(cases.size() >= 30);
        for (int i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].name) << i;
    }
    // The starting state of both hostile tables, made once through the API.
    const HostileSetup &hostileSetup()
    {
        static HostileSetup setup;
        static bool prepared = false;
        if (!prepared) {
            const Sender send = [this](bool admin, const QByteArray &method, const QString &path,
                                       const QByteArray &body, const HeaderList &headers) {
                return m_hub->send(admin, method, path, body, headers);
            };
            // The table expects an empty clients file to start from.
            const auto emptied
                = m_hub->send(true, "PUT", u"/api/v1/clients-file"_qs, {},
                              auth() + HeaderList { { "Content-Type", "text/plain" }, { "If-Match", "*" } });
            prepared = emptied.status == 200 && prepareHostileSetup(send, m_hub->token(), &setup);
        }
        return setup;
    }

    void hostileInputs()
    {
        QFETCH(int, index);
        const Sender send = [this](bool admin, const QByteArray &method, const QString &path,
                                   const QByteArray &body, const HeaderList &headers) {
            return m_hub->send(admin, method, path, body, headers);
        };
        const HostileSetup &setup = hostileSetup();
        QVERIFY(!setup.pendingId.isEmpty());
        const QByteArray fileBefore = m_hub->clientsFileBytes();
        const QStringList peersBefore = m_hub->interfacePeers();
        const int requestsBefore = count(u"/api/v1/requests?status=all"_qs, u"requests"_qs);
        const int auditBefore = count(u"/api/v1/audit?limit=500"_qs, u"entries"_qs);

        const HostileCase c = instantiate(hostileCases().at(index), setup, m_hub->token());
        const HttpReply reply = send(c.admin, c.method, c.path, c.body, c.headers);
        QVERIFY2(reply.status == c.status,
                 qPrintable(QStringLiteral("expected %1, got %2: %3")
                                .arg(c.status)
                                .arg(reply.status)
                                .arg(QString::fromUtf8(reply.body.left(300)))));
        QVERIFY(!reply.errorCode().isEmpty());
        QVERIFY(reply.errorMessage().size() > 10);
        if (c.mentions)
            QVERIFY2(reply.body.contains(c.mentions), reply.body.constData());

        QCOMPARE(m_hub->clientsFileBytes(), fileBefore);
        QCOMPARE(m_hub->interfacePeers(), peersBefore);
        QCOMPARE(count(u"/api/v1/requests?status=all"_qs, u"requests"_qs), requestsBefore);
        QCOMPARE(count(u"/api/v1/audit?limit=500"_qs, u"entries"_qs), auditBefore);
    }

    // Raw byte streams at the real process (public over TLS, admin over HTTP):
    // exact answers, and nothing behind a refused request ever runs.
    void wire_data()
    {
        QTest::addColumn<int>("index");
        const QList<WireCase> cases = wireCases();
        for (int i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].name) << i;
    }
    void wire()
    {
        QFETCH(int, index);
        const HostileSetup &setup = hostileSetup();
        QVERIFY(!setup.pendingId.isEmpty());
        const QByteArray fileBefore = m_hub->clientsFileBytes();
        const QStringList peersBefore = m_hub->interfacePeers();
        const int requestsBefore = count(u"/api/v1/requests?status=all"_qs, u"requests"_qs);
        const int auditBefore = count(u"/api/v1/audit?limit=500"_qs, u"entries"_qs);
        const QByteArray settingsBefore = m_hub->send(true, "GET", u"/api/v1/settings"_qs, {}, auth()).body;

        const WireCase c = instantiate(wireCases().at(index), setup, m_hub->token());
        const QList<RawResponse> answers = sendRaw(c.admin ? m_hub->adminPort() : m_hub->publicPort(),
                                                   !c.admin, c.stream, int(c.statuses.size()));
        QList<int> statuses;
        for (const RawResponse &r : answers)
            statuses.append(r.status);
        QCOMPARE(statuses, c.statuses);
        if (c.statuses.last() != 401)
            QCOMPARE(answers.last().header("connection"), QByteArray("close"));
        QVERIFY(!answers.last().errorCode().isEmpty());

        QCOMPARE(m_hub->clientsFileBytes(), fileBefore);
        QCOMPARE(m_hub->interfacePeers(), peersBefore);
        QCOMPARE(count(u"/api/v1/requests?status=all"_qs, u"requests"_qs), requestsBefore);
        QCOMPARE(count(u"/api/v1/audit?limit=500"_qs, u"entries"_qs), auditBefore);
        QCOMPARE(m_hub->send(true, "GET", u"/api/v1/settings"_qs, {}, auth()).body, settingsBefore);
        const auto pending = m_hub->send(true, "GET", u"/api/v1/requests/"_qs + setup.pendingId, {}, auth());
        QCOMPARE(pending.json().value(u"status"_qs).toString(), u"pending"_qs);
    }

    // Issue 15, item 7: the public listener of the real hub, scanned.
    void publicTlsIsModernOnly()
    {
        if (QStandardPaths::findExecutable(u"sslscan"_qs).isEmpty())
            QSKIP("sslscan is not installed (scripts/install-deps.sh installs it); the TLS policy was not "
                  "scanned");
        const QString problems = modernTlsProblems(sslscan(m_hub->publicPort()));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void hugeDeclaredBodyOnTheWire()
    {
        // Raw TLS: only headers, a 1 GB Content-Length, and the answer comes at once.
        QSslSocket socket;
        socket.setPeerVerifyMode(QSslSocket::QueryPeer);
        connect(&socket, &QSslSocket::sslErrors, &socket,
                [&socket](const QList<QSslError> &) { socket.ignoreSslErrors(); });
        socket.connectToHostEncrypted(u"127.0.0.1"_qs, m_hub->publicPort());
        QVERIFY(socket.waitForEncrypted(10'000));
        socket.write("POST /api/v1/registrations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Length: 1000000000\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n"), 10'000);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
    }

    void adminListenerIsNotOnThePublicAddressByDefault()
    {
        // Another hub whose public address is 127.0.0.2 and whose admin side is left
        // to its defaults (the VPN address and 127.0.0.1, port 8444).
        QTcpServer probe;
        if (!probe.listen(QHostAddress(u"127.0.0.1"_qs), 8444))
            QSKIP("port 8444 on 127.0.0.1 is taken on this machine");
        probe.close();
        HubProcess other;
        const quint16 port = HubProcess::freePort();
        QVERIFY2(other.start({ u"--public-listen"_qs, u"127.0.0.2:%1"_qs.arg(port) }, false),
                 qPrintable(other.log()));
        // The public address answers registration, but has no admin routes ...
        auto status = other.send(false, "GET", u"/api/v1/status"_qs, {},
                                 { { "Authorization", "Bearer " + other.token().toLatin1() } });
        QCOMPARE(status.status, 404);
        // ... and nothing listens on the admin port there.
        QTcpSocket admin;
        admin.connectToHost(QHostAddress(u"127.0.0.2"_qs), 8444);
        QVERIFY(!admin.waitForConnected(3000));
        QCOMPARE(admin.error(), QAbstractSocket::ConnectionRefusedError);
        // The admin API is on localhost.
        auto local = other.sendTo(QUrl(u"http://127.0.0.1:8444/api/v1/status"_qs), "GET", {},
                                  { { "Authorization", "Bearer " + other.token().toLatin1() } });
        QCOMPARE(local.status, 200);
        QCOMPARE(local.json().value(u"hub").toObject().value(u"phase").toString(), u"running"_qs);
    }

    void adminCommandsWhileRunning()
    {
        int code = -1;
        const QByteArray out = m_hub->runCommand({ u"invite"_qs, u"create"_qs, u"--pre-approved"_qs }, &code);
        QCOMPARE(code, 0);
        QVERIFY2(out.contains("Enrollment link: factory-vpn://enroll?url=https%3A%2F%2Fhub.example.com"),
                 out.constData());
        const QString invite = QString::fromLatin1(out.split('\n').value(0)).section(u": "_qs, 1);
        const PublicKey key = randomPublicKey();
        QJsonObject body { { u"public_key"_qs, key.toBase64() },
                           { u"name"_qs, u"Frank"_qs },
                           { u"hostname"_qs, u"frank-pc"_qs },
                           { u"os"_qs, u"Windows 11"_qs },
                           { u"invite"_qs, invite } };
        auto created
            = m_hub->send(false, "POST", u"/api/v1/registrations"_qs, QJsonDocument(body).toJson(), json());
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(u"status").toString(), u"approved"_qs);
        QVERIFY(m_hub->interfacePeers().join(u'\n').contains(key.toBase64()));

        // A token revoked from the command line stops working at once.
        const QString second = QString::fromLatin1(
            m_hub->runCommand({ u"token"_qs, u"create"_qs, u"--name"_qs, u"short-lived"_qs }, &code)
                .trimmed());
        QCOMPARE(code, 0);
        const HeaderList bearer { { "Authorization", "Bearer " + second.toLatin1() } };
        QCOMPARE(m_hub->send(true, "GET", u"/api/v1/status"_qs, {}, bearer).status, 200);
        m_hub->runCommand({ u"token"_qs, u"revoke"_qs, u"short-lived"_qs }, &code);
        QCOMPARE(code, 0);
        QCOMPARE(m_hub->send(true, "GET", u"/api/v1/status"_qs, {}, bearer).status, 401);
    }
};

QTEST_GUILESS_MAIN(TestHubProcess)
#include "tst_hubprocess.moc"
