// The push contract (docs/api.md, "Revisions", "Registration long-poll", "Event
// stream") in the real factory-vpn-hub process over real HTTP: ETags and 304s,
// gzip, device deltas with removals, the registration long-poll, and the event
// stream read by the admin's own AdminEventStream and AdminSession.
#include "AdminEventStream.h"
#include "AdminSession.h"
#include "AtomicFile.h"
#include "HttpCompression.h"
#include "HubProcess.h"
#include "TestKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

#include <algorithm>

using namespace fvpn;

namespace {

constexpr int WaitMs = 15000; // a bound for anything that should take well under a second

QString deviceKey(int i)
{
    static QHash<int, QString> keys;
    if (!keys.contains(i))
        keys.insert(i, randomPublicKey().toBase64());
    return keys.value(i);
}

} // namespace

class TestHubPush : public QObject
{
    Q_OBJECT

    std::unique_ptr<HubProcess> m_hub;

    HeaderList auth(HeaderList more = {}) const
    {
        more.prepend({ "Authorization", "Bearer " + m_hub->token().toLatin1() });
        return more;
    }
    HttpReply get(const QString &path, const HeaderList &more = {})
    {
        return m_hub->send(true, "GET", path, {}, auth(more));
    }
    QUrl adminUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_hub->adminPort())); }

    void writeInventory(const QList<QPair<QString, int>> &devices)
    {
        QJsonArray rows;
        for (const auto &[name, i] : devices)
            rows.append(QJsonObject { { u"name"_qs, name },
                                      { u"pubkey"_qs, deviceKey(i) },
                                      { u"ip"_qs, QStringLiteral("10.42.42.%1").arg(200 + i) },
                                      { u"enabled"_qs, true } });
        QVERIFY(AtomicFile::write(QFileInfo(m_hub->clientsFile()).dir().filePath(u"inventory.json"_qs),
                                  QJsonDocument(rows).toJson()));
    }
    QStringList deviceNames(const QJsonObject &answer)
    {
        QStringList names;
        const QJsonArray devices = answer.value(u"devices").toArray();
        for (const QJsonValue &d : devices)
            names.append(d.toObject().value(u"name").toString());
        names.sort();
        return names;
    }
    HttpReply approve(const QString &id)
    {
        return m_hub->send(true, "POST", u"/api/v1/requests/"_qs + id + u"/approve"_qs, "{}",
                           auth({ { "Content-Type", "application/json" } }));
    }
    HeaderList pollHeaders(const HubProcess::Registration &r, const QByteArray &etag = {})
    {
        HeaderList h { { "Authorization", "Bearer " + r.secret.toLatin1() } };
        if (!etag.isEmpty())
            h.append({ "If-None-Match", etag });
        return h;
    }
    QString pollPath(const HubProcess::Registration &r, const QString &query = {})
    {
        return u"/api/v1/registrations/"_qs + r.id + (query.isEmpty() ? QString() : u"?"_qs + query);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_hub = std::make_unique<HubProcess>();
        QVERIFY2(m_hub->start(), qPrintable(m_hub->log()));
    }
    void cleanupTestCase() { m_hub.reset(); }

    void everyListHasAnEtagAndAnswers304()
    {
        const QStringList paths { u"/api/v1/devices"_qs, u"/api/v1/clients"_qs, u"/api/v1/requests"_qs,
                                  u"/api/v1/status"_qs, u"/api/v1/settings"_qs };
        for (const QString &path : paths) {
            // The status may move while it is asked (the first request makes the
            // hub sample the interface): a 200 with another tag is a real change,
            // so every check starts again with that tag; a 200 for the tag that
            // was sent is never right.
            HttpReply next = get(path);
            bool checked = false;
            for (int attempt = 0; attempt < 20 && !checked; ++attempt) {
                const HttpReply first = next;
                QCOMPARE(first.status, 200);
                const QByteArray etag = first.headers.value("etag");
                QVERIFY2(etag.startsWith('"') && etag.endsWith('"'), qPrintable(path));
                if (path != u"/api/v1/settings")
                    QVERIFY2(first.json().value(u"revision").toDouble() > 1e15, qPrintable(path));
                // The tag itself, then a list of tags with a weak one: both match.
                for (const QByteArray &condition : { etag, QByteArray("\"x\", W/" + etag) }) {
                    next = get(path, { { "If-None-Match", condition } });
                    if (next.status == 200)
                        break;
                    QCOMPARE(next.status, 304);
                    QVERIFY(next.body.isEmpty());
                    QCOMPARE(next.headers.value("etag"), etag);
                }
                if (next.status == 200) {
                    QVERIFY2(next.headers.value("etag") != etag,
                             qPrintable(path + u": 200 for the tag it sent"_qs));
                    continue;
                }
                // Another tag does not match.
                QCOMPARE(get(path, { { "If-None-Match", "\"other\"" } }).status, 200);
                checked = true;
            }
            QVERIFY2(checked, qPrintable(path + u": changed on every one of 20 tries"_qs));
        }
    }

    void gzipWhenAsked()
    {
        // The status may move between two requests (the first one makes the hub
        // sample the interface): compare two answers of one revision (same ETag).
        HttpReply plain;
        HttpReply zipped;
        for (int attempt = 0; attempt < 20; ++attempt) {
            plain = get(u"/api/v1/status"_qs, { { "Accept-Encoding", "identity" } });
            zipped = get(u"/api/v1/status"_qs, { { "Accept-Encoding", "gzip" } });
            if (plain.headers.value("etag") == zipped.headers.value("etag"))
                break;
        }
        QCOMPARE(zipped.headers.value("etag"), plain.headers.value("etag"));
        QCOMPARE(plain.status, 200);
        QVERIFY(plain.headers.value("content-encoding").isEmpty());
        QCOMPARE(zipped.status, 200);
        QCOMPARE(zipped.headers.value("content-encoding"), QByteArray("gzip"));
        QVERIFY(zipped.headers.value("vary").contains("Accept-Encoding"));
        bool ok = false;
        QCOMPARE(HttpCompression::gunzip(zipped.body, &ok), plain.body);
        QVERIFY(ok);
    }

    void deviceDeltasWithRemovals()
    {
        writeInventory({ { u"press-1"_qs, 1 }, { u"press-2"_qs, 2 }, { u"lathe-3"_qs, 3 } });
        QTRY_COMPARE_WITH_TIMEOUT(deviceNames(get(u"/api/v1/devices"_qs).json()),
                                  QStringList({ u"lathe-3"_qs, u"press-1"_qs, u"press-2"_qs }), WaitMs);
        const HttpReply full = get(u"/api/v1/devices"_qs);
        QCOMPARE(full.json().value(u"full").toBool(), true);
        const quint64 base = quint64(full.json().value(u"revision").toDouble());
        const QByteArray etag = full.headers.value("etag");

        // Nothing changed since: an empty delta, or 304 with the ETag.
        const HttpReply empty = get(u"/api/v1/devices?since=%1"_qs.arg(base));
        QCOMPARE(empty.status, 200);
        QCOMPARE(empty.json().value(u"full").toBool(), false);
        QVERIFY(empty.json().value(u"devices").toArray().isEmpty());
        QVERIFY(empty.json().value(u"removed").toArray().isEmpty());
        QCOMPARE(get(u"/api/v1/devices?since=%1"_qs.arg(base), { { "If-None-Match", etag } }).status, 304);

        // press-1 removed, press-2 renamed, mill-4 added, lathe-3 unchanged.
        writeInventory({ { u"press-2b"_qs, 2 }, { u"lathe-3"_qs, 3 }, { u"mill-4"_qs, 4 } });
        QTRY_COMPARE_WITH_TIMEOUT(deviceNames(get(u"/api/v1/devices"_qs).json()),
                                  QStringList({ u"lathe-3"_qs, u"mill-4"_qs, u"press-2b"_qs }), WaitMs);
        const HttpReply delta = get(u"/api/v1/devices?since=%1"_qs.arg(base));
        QCOMPARE(delta.status, 200);
        const QJsonObject d = delta.json();
        QCOMPARE(d.value(u"full").toBool(), false);
        QVERIFY(quint64(d.value(u"revision").toDouble()) > base);
        QCOMPARE(deviceNames(d), QStringList({ u"mill-4"_qs, u"press-2b"_qs }));
        QCOMPARE(d.value(u"removed").toArray(), QJsonArray({ deviceKey(1) }));
        QVERIFY(delta.headers.value("etag") != etag);
        QCOMPARE(get(u"/api/v1/devices"_qs, { { "If-None-Match", etag } }).status, 200);

        // Positions of another run, of the future, or no position at all: everything.
        for (const QString &since : { u"1"_qs, QString::number(base + 1'000'000'000) }) {
            const QJsonObject all = get(u"/api/v1/devices?since="_qs + since).json();
            QCOMPARE(all.value(u"full").toBool(), true);
            QCOMPARE(deviceNames(all), QStringList({ u"lathe-3"_qs, u"mill-4"_qs, u"press-2b"_qs }));
            QVERIFY(all.value(u"removed").toArray().isEmpty());
        }
        for (const QString &bad : { u"abc"_qs, u"-1"_qs, u""_qs, u"99999999999999999999"_qs })
            QCOMPARE(get(u"/api/v1/devices?since="_qs + bad).status, 400);
    }

    void longPollAnswersOnApproval()
    {
        const HubProcess::Registration r = m_hub->registerEngineer(u"Lena Poll"_qs);
        QVERIFY(!r.id.isEmpty());
        const HttpReply first = m_hub->send(false, "GET", pollPath(r), {}, pollHeaders(r));
        QCOMPARE(first.status, 200);
        const QByteArray etag = first.headers.value("etag");
        QVERIFY(!etag.isEmpty());
        // Unchanged: 304 at once without wait.
        QCOMPARE(m_hub->send(false, "GET", pollPath(r), {}, pollHeaders(r, etag)).status, 304);

        QNetworkReply *held
            = m_hub->startRequest(false, "GET", pollPath(r, u"wait=55"_qs), {}, pollHeaders(r, etag));
        QSignalSpy finished(held, &QNetworkReply::finished);
        // Held: nothing comes back while nothing changes.
        QVERIFY(!finished.wait(1000));
        QCOMPARE(approve(r.id).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QCOMPARE(held->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QByteArray newTag = held->rawHeader("ETag");
        QVERIFY(!newTag.isEmpty() && newTag != etag);
        const QJsonObject approved = QJsonDocument::fromJson(held->readAll()).object();
        QCOMPARE(approved.value(u"status").toString(), u"approved"_qs);
        QVERIFY(approved.contains(u"config"));
        held->deleteLater();
    }

    void longPollEndsWith304()
    {
        const HubProcess::Registration r = m_hub->registerEngineer(u"Otto Timeout"_qs);
        const QByteArray etag
            = m_hub->send(false, "GET", pollPath(r), {}, pollHeaders(r)).headers.value("etag");
        const HttpReply waited
            = m_hub->send(false, "GET", pollPath(r, u"wait=1"_qs), {}, pollHeaders(r, etag));
        QCOMPARE(waited.status, 304);
        QCOMPARE(waited.headers.value("etag"), etag);
        // A stale tag: the current state at once, even with wait.
        const HttpReply stale
            = m_hub->send(false, "GET", pollPath(r, u"wait=60"_qs), {}, pollHeaders(r, "\"p-old\""));
        QCOMPARE(stale.status, 200);
        QCOMPARE(stale.headers.value("etag"), etag);
    }

    void longPollRefusesBadInput()
    {
        const HubProcess::Registration r = m_hub->registerEngineer(u"Bea Bad"_qs);
        for (const QString &wait : { u"0"_qs, u"61"_qs, u"abc"_qs, u""_qs, u"-5"_qs, u"1.5"_qs }) {
            const HttpReply reply
                = m_hub->send(false, "GET", pollPath(r, u"wait="_qs + wait), {}, pollHeaders(r));
            QVERIFY2(reply.status == 400, qPrintable(wait));
        }
        HubProcess::Registration wrong = r;
        wrong.secret = u"not-the-secret-at-all"_qs;
        QCOMPARE(
            m_hub->send(false, "GET", pollPath(wrong, u"wait=5"_qs), {}, pollHeaders(wrong, "\"x\"")).status,
            401);
        QCOMPARE(m_hub->send(false, "GET", pollPath(r, u"wait=5"_qs)).status, 401);
    }

    void eventStreamSeesRegistrations()
    {
        AdminEventStream stream;
        QList<AdminEvent> events;
        connect(&stream, &AdminEventStream::eventReceived, this,
                [&events](const AdminEvent &e) { events.append(e); });
        stream.setHub(adminUrl(), m_hub->token());
        QSignalSpy opened(&stream, &AdminEventStream::opened);
        stream.start();
        QVERIFY(opened.wait(WaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), WaitMs);
        QCOMPARE(events.first().kind, AdminEventKind::Hello);

        const HubProcess::Registration r = m_hub->registerEngineer(u"Eve Event"_qs);
        auto created = [&events, &r] {
            for (const AdminEvent &e : std::as_const(events)) {
                if (e.kind == AdminEventKind::RequestCreated && e.request && e.request->id == r.id)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(created(), WaitMs);
        QCOMPARE(approve(r.id).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(events.cbegin(), events.cend(),
                        [](const AdminEvent &e) { return e.kind == AdminEventKind::RequestApproved; }),
            WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(events.cbegin(), events.cend(),
                        [](const AdminEvent &e) { return e.kind == AdminEventKind::ClientAdded; }),
            WaitMs);
        // Ids increase strictly.
        quint64 last = 0;
        for (const AdminEvent &e : std::as_const(events)) {
            if (!e.id)
                continue;
            QVERIFY(*e.id > last);
            last = *e.id;
        }
        stream.stop();
    }

    void resumeWithLastEventIdLosesNothing()
    {
        AdminEventStream stream;
        QList<AdminEvent> events;
        connect(&stream, &AdminEventStream::eventReceived, this,
                [&events](const AdminEvent &e) { events.append(e); });
        stream.setHub(adminUrl(), m_hub->token());
        QSignalSpy opened(&stream, &AdminEventStream::opened);
        stream.start();
        QVERIFY(opened.wait(WaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), WaitMs);
        const QString resumeFrom = stream.lastEventId();
        QVERIFY(!resumeFrom.isEmpty());
        stream.stop();
        events.clear();

        // Changes while nobody listens...
        QStringList ids;
        for (const QString &name : { u"Ada Away"_qs, u"Bob Away"_qs, u"Cy Away"_qs })
            ids.append(m_hub->registerEngineer(name).id);

        // ...are all replayed, in order, to the stream that resumes.
        stream.setLastEventId(resumeFrom);
        stream.start();
        QVERIFY(opened.wait(WaitMs));
        auto createdIds = [&events] {
            QStringList out;
            for (const AdminEvent &e : std::as_const(events)) {
                if (e.kind == AdminEventKind::RequestCreated && e.request)
                    out.append(e.request->id);
            }
            return out;
        };
        QTRY_COMPARE_WITH_TIMEOUT(createdIds(), ids, WaitMs);
        QVERIFY(std::none_of(events.cbegin(), events.cend(),
                             [](const AdminEvent &e) { return e.kind == AdminEventKind::Reset; }));
        stream.stop();

        // A position of another run: an explicit reset.
        events.clear();
        stream.setLastEventId(u"12345"_qs);
        stream.start();
        QVERIFY(opened.wait(WaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(events.cbegin(), events.cend(),
                        [](const AdminEvent &e) { return e.kind == AdminEventKind::Reset; }),
            WaitMs);
        stream.stop();
    }

    void adminSessionShowsANewRequestFromEventsAlone()
    {
        AdminSession session;
        session.setRefreshInterval(0); // no timer: only the event stream can bring it
        QSignalSpy finished(&session, &AdminSession::refreshFinished);
        session.connectTo(adminUrl(), m_hub->token());
        QVERIFY(finished.wait(WaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(session.isLive(), WaitMs);
        const HubProcess::Registration r = m_hub->registerEngineer(u"Nia Notified"_qs);
        auto shown = [&session, &r] {
            const auto &requests = session.snapshot().requests;
            return std::any_of(requests.cbegin(), requests.cend(),
                               [&r](const RequestInfo &q) { return q.id == r.id; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(shown(), WaitMs);
    }

    void failedApplyIsAnEvent()
    {
        AdminEventStream stream;
        QList<AdminEvent> events;
        connect(&stream, &AdminEventStream::eventReceived, this,
                [&events](const AdminEvent &e) { events.append(e); });
        stream.setHub(adminUrl(), m_hub->token());
        QSignalSpy opened(&stream, &AdminEventStream::opened);
        stream.start();
        QVERIFY(opened.wait(WaitMs));
        const HubProcess::Registration r = m_hub->registerEngineer(u"Fay Fail"_qs);
        m_hub->failWgSet("Unable to modify interface: Operation not permitted\n");
        const int status = approve(r.id).status;
        m_hub->failWgSet({});
        QCOMPARE(status, 503);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.cbegin(), events.cend(),
                                             [](const AdminEvent &e) {
                                                 return e.kind == AdminEventKind::ApplyFailed
                                                     && e.error.contains(u"Operation not permitted");
                                             }),
                                 WaitMs);
        stream.stop();
    }

    // The admin listener's 64 waiting places: the 65th stream is told to come
    // back later (503 + Retry-After), not left hanging; quick requests still work.
    void streamCapAnswers503()
    {
        std::vector<std::unique_ptr<QTcpSocket>> streams;
        const QByteArray ask = "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + m_hub->token().toLatin1() + "\r\nAccept: text/event-stream\r\n\r\n";
        auto open = [&]() -> QByteArray {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, m_hub->adminPort());
            if (!socket->waitForConnected(WaitMs))
                return {};
            socket->write(ask);
            QByteArray head;
            while (!head.contains("\r\n\r\n") && socket->waitForReadyRead(WaitMs))
                head += socket->readAll();
            streams.push_back(std::move(socket));
            return head;
        };
        for (int i = 0; i < 64; ++i) {
            const QByteArray head = open();
            QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
        }
        const QByteArray refused = open();
        QVERIFY2(refused.startsWith("HTTP/1.1 503"), refused.constData());
        QVERIFY(refused.toLower().contains("retry-after: "));
        QCOMPARE(get(u"/api/v1/status"_qs).status, 200);
        streams.clear();
        // The places come back once the streams are gone.
        QTRY_VERIFY_WITH_TIMEOUT(open().startsWith("HTTP/1.1 200"), WaitMs);
    }

    // A revoked token sees nothing more: its open streams end, whether the API
    // revoked it (at once) or `factory-vpn-hub token revoke` did (within a
    // keep-alive period); another token's stream stays open.
    void revokingATokenEndsItsStreams()
    {
        auto newToken = [this](const QString &name) {
            int code = -1;
            const QString token = QString::fromLatin1(
                m_hub->runCommand({ u"token"_qs, u"create"_qs, u"--name"_qs, name }, &code).trimmed());
            return code == 0 ? token : QString();
        };
        const QString viaApi = newToken(u"stream-api"_qs);
        const QString viaCli = newToken(u"stream-cli"_qs);
        QVERIFY(!viaApi.isEmpty() && !viaCli.isEmpty());
        auto open = [this](const QString &token) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, m_hub->adminPort());
            if (!socket->waitForConnected(WaitMs))
                return std::unique_ptr<QTcpSocket>();
            socket->write("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                          + token.toLatin1() + "\r\n\r\n");
            QByteArray head;
            while (!head.contains("event: hello") && socket->waitForReadyRead(WaitMs))
                head += socket->readAll();
            return head.startsWith("HTTP/1.1 200") && head.contains("event: hello") ? std::move(socket)
                                                                                    : nullptr;
        };
        auto api = open(viaApi);
        auto cli = open(viaCli);
        auto kept = open(m_hub->token());
        QVERIFY(api && cli && kept);

        const QString apiId = viaApi.section(u'.', 0, 0);
        QCOMPARE(m_hub
                     ->send(true, "DELETE", u"/api/v1/tokens/"_qs + apiId, {},
                            { { "Authorization", "Bearer " + m_hub->token().toLatin1() } })
                     .status,
                 200);
        // Ended: the chunked response's last chunk (an event's chunk ends in
        // "\n\n\r\n", never so), or the connection closed.
        QHash<QTcpSocket *, QByteArray> seen;
        auto ended = [&seen](QTcpSocket *socket) {
            seen[socket] += socket->readAll();
            return seen[socket].endsWith("0\r\n\r\n") || socket->state() == QAbstractSocket::UnconnectedState;
        };
        QTRY_VERIFY_WITH_TIMEOUT(ended(api.get()), WaitMs);

        int code = -1;
        m_hub->runCommand({ u"token"_qs, u"revoke"_qs, u"stream-cli"_qs }, &code);
        QCOMPARE(code, 0);
        QTRY_VERIFY_WITH_TIMEOUT(ended(cli.get()), 40'000);

        QVERIFY(!ended(kept.get()));
        // And a revoked token cannot open a new one.
        QCOMPARE(m_hub
                     ->send(true, "GET", u"/api/v1/events"_qs, {},
                            { { "Authorization", "Bearer " + viaCli.toLatin1() } })
                     .status,
                 401);
    }

    void eventStreamNeedsAToken()
    {
        QCOMPARE(m_hub->send(true, "GET", u"/api/v1/events"_qs).status, 401);
        QCOMPARE(m_hub
                     ->send(true, "GET", u"/api/v1/events"_qs, {},
                            { { "Authorization", "Bearer wrong-token-123" } })
                     .status,
                 401);
    }
};

QTEST_GUILESS_MAIN(TestHubPush)
#include "tst_hubpush.moc"
