// Issue 15's crash test, the part inside the hub's network namespace (started by
// tests/hubapi/lab-hub-crash.sh, which also keeps an engineer pinging a device
// through the hub the whole time): runs factory-vpn-hub, sends it a mixed stream of
// registrations, approvals, rejections, revocations, clients-file PUTs, hand edits
// and settings changes, kills it with SIGKILL at a random moment, restarts it, and
// checks what it holds against what its API acknowledged (CrashModel). Repeats
// --kills times. The interface must never be re-created (same ifindex).
//
//   hubcrash_driver --kills 200 --seed N --token-file F --clients-file F --state-dir D
//                   --interface IF --protect KEY=ADDR --device KEY --log FILE -- HUB ARGS...
#include "ApiTestFixture.h"
#include "ClientsFile.h"
#include "CrashModel.h"
#include "TestKeys.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSslCertificate>
#include <QThread>
#include <QTimer>

#include <cstdio>

using namespace fvpn;

namespace {

struct Options
{
    int kills = 200;
    quint32 seed = 0;
    QString token;
    QString clientsFile;
    QString stateDir;
    QString interfaceName;
    QString log;
    QStringList hub; // program and arguments
    QUrl adminUrl;
    QUrl publicUrl;
};

// One change in flight, and what the model learns from its answer.
struct Change
{
    QNetworkReply *reply = nullptr;
    QString kind;
    std::function<void(const HttpReply &, bool certain)> settle; // certain: answered; else cut off
};

QByteArray run(const QStringList &command, int *exitCode = nullptr)
{
    QProcess p;
    p.start(command.first(), command.mid(1));
    p.waitForFinished(10'000);
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput();
}

class Driver
{
public:
    explicit Driver(Options options)
        : m_o(std::move(options))
        , m_random(m_o.seed)
    { }

    int exec();
    void protect(const PublicKey &key, const IpAddress &address)
    {
        m_model.protect(key, address);
        m_protectedKeys.append(key);
    }
    void setDevices(const QList<PublicKey> &keys) { m_model.setDevices(keys); }

private:
    bool startHub();
    void killHub();
    QString ifindex() const;
    HttpReply admin(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const QByteArray &contentType = {}, const HeaderList &extra = {});
    QNetworkReply *send(bool isAdmin, const QByteArray &method, const QString &path, const QByteArray &body,
                        const QByteArray &contentType, const HeaderList &extra = {});
    CrashModel::Observed observe();
    QStringList checkWithRetry();
    IpAddress freeAddress(const QSet<IpAddress> &taken);
    QList<Change> burst();
    void handEdit();
    void tally(const QString &kind, const QString &outcome) { ++m_tally[kind + u' ' + outcome]; }

    Options m_o;
    QRandomGenerator m_random;
    QNetworkAccessManager m_nam;
    QProcess m_hub;
    QString m_pin;
    CrashModel m_model;
    QList<PublicKey> m_protectedKeys;
    QMap<QString, int> m_tally;
};

bool Driver::startHub()
{
    m_hub.setProcessChannelMode(QProcess::MergedChannels);
    m_hub.setStandardOutputFile(m_o.log, QIODevice::Append);
    m_hub.start(m_o.hub.first(), m_o.hub.mid(1));
    if (!m_hub.waitForStarted(10'000))
        return false;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 30'000) {
        if (m_hub.state() != QProcess::Running)
            return false;
        const auto cert
            = QSslCertificate::fromPath(QDir(m_o.stateDir).filePath(QStringLiteral("api-cert.pem")));
        if (!cert.isEmpty())
            m_pin = QString::fromLatin1(cert.first().digest(QCryptographicHash::Sha256).toHex());
        const HttpReply status = admin("GET", QStringLiteral("/api/v1/status"));
        if (status.status == 200
            && status.json().value(u"hub").toObject().value(u"phase") == QJsonValue(u"running"_qs)
            && !m_pin.isEmpty())
            return true;
        QThread::msleep(50);
    }
    return false;
}

void Driver::killHub()
{
    if (m_hub.state() == QProcess::NotRunning)
        return;
    m_hub.kill(); // SIGKILL: no shutdown code runs
    m_hub.waitForFinished(10'000);
    m_nam.clearConnectionCache(); // kept-alive connections died with it
}

QString Driver::ifindex() const
{
    return QString::fromLatin1(run({ QStringLiteral("ip"), QStringLiteral("-o"), QStringLiteral("link"),
                                     QStringLiteral("show"), m_o.interfaceName }))
        .section(u':', 0, 0);
}

QNetworkReply *Driver::send(bool isAdmin, const QByteArray &method, const QString &path,
                            const QByteArray &body, const QByteArray &contentType, const HeaderList &extra)
{
    QUrl url = isAdmin ? m_o.adminUrl : m_o.publicUrl;
    url.setPath(path.section(u'?', 0, 0));
    url.setQuery(path.section(u'?', 1));
    QNetworkRequest request(url);
    request.setTransferTimeout(15'000);
    if (isAdmin)
        request.setRawHeader("Authorization", "Bearer " + m_o.token.toLatin1());
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    for (const auto &[name, value] : extra)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    const QString pin = m_pin;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply, pin](const QList<QSslError> &) {
        const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
        if (QString::fromLatin1(peer.digest(QCryptographicHash::Sha256).toHex()) == pin)
            reply->ignoreSslErrors();
    });
    return reply;
}

HttpReply Driver::admin(const QByteArray &method, const QString &path, const QByteArray &body,
                        const QByteArray &contentType, const HeaderList &extra)
{
    return ApiTestFixture::collect(send(true, method, path, body, contentType, extra));
}

CrashModel::Observed Driver::observe()
{
    CrashModel::Observed o;
    // Listing requests also settles the database with the file (hand edits).
    o.requests
        = admin("GET", QStringLiteral("/api/v1/requests?status=all")).json().value(u"requests").toArray();
    o.clientsFile = admin("GET", QStringLiteral("/api/v1/clients-file")).body;
    o.deviceToDevice
        = admin("GET", QStringLiteral("/api/v1/settings")).json().value(u"device_to_device").toBool();
    QString before;
    for (int page = 0; page < 1000; ++page) {
        const QJsonObject answer = admin("GET",
                                         QStringLiteral("/api/v1/audit?limit=500")
                                             + (before.isEmpty() ? QString() : u"&before=" + before))
                                       .json();
        const QJsonArray entries = answer.value(u"entries").toArray();
        for (const QJsonValue &e : entries) {
            const QJsonObject entry = e.toObject();
            ++o.auditCounts[entry.value(u"action").toString() + u' ' + entry.value(u"target").toString()];
        }
        if (answer.value(u"next_before").isNull() || answer.value(u"next_before").isUndefined())
            break;
        before = QString::number(answer.value(u"next_before").toInteger());
    }
    const QByteArray dump = run(
        { QStringLiteral("wg"), QStringLiteral("show"), m_o.interfaceName, QStringLiteral("allowed-ips") });
    for (const QByteArray &line : dump.split('\n')) {
        const QList<QByteArray> fields = line.split('\t');
        if (fields.size() == 2)
            o.interfacePeers.insert(
                PublicKey::fromBase64(QString::fromLatin1(fields[0])).valueOr(PublicKey()),
                QString::fromLatin1(fields[1]).trimmed());
    }
    return o;
}

// The restarted hub applies its files at once, but "at once" is not "before its
// API answers": the interface is given a bounded while to match.
QStringList Driver::checkWithRetry()
{
    QStringList problems;
    for (int attempt = 0; attempt < 100; ++attempt) {
        CrashModel copy = m_model;
        problems = copy.check(observe());
        const bool onlyInterface = std::all_of(problems.cbegin(), problems.cend(), [](const QString &p) {
            return p.startsWith(u"the interface") || p.startsWith(u"device ");
        });
        if (problems.isEmpty() || !onlyInterface) {
            m_model = copy;
            return problems;
        }
        QThread::msleep(100);
    }
    return problems;
}

IpAddress Driver::freeAddress(const QSet<IpAddress> &taken)
{
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const IpAddress a
            = IpAddress::parse(QStringLiteral("10.42.42.%1").arg(m_random.bounded(20, 250))).value();
        if (!taken.contains(a))
            return a;
    }
    return {};
}

QList<Change> Driver::burst()
{
    // Where things stand, as the stream's changes are chosen from it.
    const HttpReply read = admin("GET", QStringLiteral("/api/v1/clients-file"));
    const QByteArray etag = read.headers.value("etag");
    const Result<ClientsFile> file = ClientsFile::parseUtf8(read.body);
    QSet<IpAddress> taken;
    if (file) {
        for (const ClientPeer &p : file->peers())
            taken.insert(p.address);
    }
    QList<QString> pending;
    QList<PublicKey> approved;
    for (const CrashModel::Request &r : m_model.requests()) {
        if (r.allowed == QSet<QString> { QStringLiteral("pending") })
            pending.append(r.id);
        else if (r.allowed == QSet<QString> { QStringLiteral("approved") })
            approved.append(r.key);
    }
    QList<PublicKey> manual;
    for (const CrashModel::ManualLine &l : m_model.manualLines())
        manual.append(l.key);

    QList<Change> changes;
    QSet<QString> busy; // one change per request, key or file at a time
    const int count = 1 + int(m_random.bounded(4));
    for (int i = 0; i < count; ++i) {
        const int pick = int(m_random.bounded(100));
        const bool crowded = taken.size() > 150;
        if (pick < 25 && !crowded) { // a registration
            const PublicKey key = randomPublicKey();
            const QJsonObject body { { u"public_key"_qs, key.toBase64() },
                                     { u"name"_qs, u"Crash Engineer"_qs },
                                     { u"hostname"_qs, u"crash-laptop"_qs },
                                     { u"os"_qs, u"Debian 12"_qs } };
            Change c { send(false, "POST", u"/api/v1/registrations"_qs, QJsonDocument(body).toJson(),
                            "application/json"),
                       u"register"_qs,
                       {} };
            c.settle = [this, key](const HttpReply &r, bool certain) {
                if (!certain)
                    m_model.maybeRegistered(1);
                else if (r.status == 201) {
                    const QString id = r.json().value(u"id").toString();
                    m_model.registered(id, r.json().value(u"secret").toString(), key, true);
                    m_model.audited(u"request.create"_qs, id, true);
                }
            };
            changes.append(c);
        } else if (pick < 45 && !pending.isEmpty() && !crowded) { // an approval
            const QString id = pending.takeAt(int(m_random.bounded(qsizetype(pending.size()))));
            QByteArray body = "{}";
            QString address;
            if (m_random.bounded(2)) {
                address = freeAddress(taken).toString();
                body = "{\"address\":\"" + address.toLatin1() + "\"}";
            }
            Change c { send(true, "POST", u"/api/v1/requests/"_qs + id + u"/approve", body,
                            "application/json"),
                       u"approve"_qs,
                       {} };
            c.settle = [this, id](const HttpReply &r, bool certain) {
                if (certain && r.status != 200)
                    return;
                m_model.decided(id, u"approved"_qs,
                                certain ? r.json().value(u"address").toString() : QString(), certain);
                m_model.audited(u"request.approve"_qs, id, certain);
            };
            changes.append(c);
        } else if (pick < 55 && !pending.isEmpty()) { // a rejection
            const QString id = pending.takeAt(int(m_random.bounded(qsizetype(pending.size()))));
            Change c { send(true, "POST", u"/api/v1/requests/"_qs + id + u"/reject",
                            R"({"reason":"crash test"})", "application/json"),
                       u"reject"_qs,
                       {} };
            c.settle = [this, id](const HttpReply &r, bool certain) {
                if (certain && r.status != 200)
                    return;
                m_model.decided(id, u"rejected"_qs, {}, certain);
                m_model.audited(u"request.reject"_qs, id, certain);
            };
            changes.append(c);
        } else if (pick < 70 && !(approved.isEmpty() && manual.isEmpty()) && !busy.contains(u"file"_qs)) {
            // A revocation, of an approved engineer or a hand-made line.
            busy.insert(u"file"_qs);
            const bool ofRequest = !approved.isEmpty() && (manual.isEmpty() || m_random.bounded(2));
            const PublicKey key = ofRequest
                ? approved.takeAt(int(m_random.bounded(qsizetype(approved.size()))))
                : manual.takeAt(int(m_random.bounded(qsizetype(manual.size()))));
            QString path = key.toBase64();
            path.replace(u'+', u'-').replace(u'/', u'_');
            Change c { send(true, "DELETE", u"/api/v1/clients/"_qs + path, {}, {}), u"revoke"_qs, {} };
            c.settle = [this, key, ofRequest](const HttpReply &r, bool certain) {
                if (certain && r.status != 200)
                    return;
                m_model.revoked(key, certain);
                m_model.audited(u"client.revoke"_qs, key.toBase64(), certain);
                // A kill between the file and the database: the restarted hub
                // revokes the request itself when it sees the line gone.
                if (!certain && ofRequest)
                    for (const CrashModel::Request &req : m_model.requests())
                        if (req.key == key)
                            m_model.audited(u"request.revoke"_qs, req.id, false);
            };
            changes.append(c);
        } else if (pick < 85 && file && !busy.contains(u"file"_qs)) { // a whole-file PUT
            busy.insert(u"file"_qs);
            QByteArray content = read.body;
            const bool add = manual.isEmpty() || m_random.bounded(3) != 0;
            PublicKey key;
            IpAddress address;
            if (add && !crowded) {
                key = randomPublicKey();
                address = freeAddress(taken);
                taken.insert(address);
                content += key.toBase64().toLatin1() + ' ' + address.toString().toLatin1() + " put-by-api\n";
            } else if (!manual.isEmpty()) {
                key = manual.takeAt(int(m_random.bounded(qsizetype(manual.size()))));
                address = m_model.manualLines().value(key).address;
                QByteArray kept;
                for (const QByteArray &line : read.body.split('\n'))
                    if (!line.isEmpty() && !line.startsWith(key.toBase64().toLatin1()))
                        kept += line + '\n';
                content = kept;
            }
            Change c { send(true, "PUT", u"/api/v1/clients-file"_qs, content, "text/plain",
                            { { "If-Match", etag } }),
                       u"put"_qs,
                       {} };
            c.settle = [this, key, address, add](const HttpReply &r, bool certain) {
                if (certain && r.status != 200)
                    return;
                if (!key.isNull())
                    m_model.manualLine(key, address, add, certain);
                m_model.audited(u"clients_file.replace"_qs, u"factory-clients.conf"_qs, certain);
            };
            changes.append(c);
        } else if (!busy.contains(u"settings"_qs)) { // device-to-device toggled
            busy.insert(u"settings"_qs);
            const bool on = !admin("GET", u"/api/v1/settings"_qs).json().value(u"device_to_device").toBool();
            Change c { send(true, "PUT", u"/api/v1/settings"_qs,
                            on ? R"({"device_to_device":true})" : R"({"device_to_device":false})",
                            "application/json"),
                       u"settings"_qs,
                       {} };
            c.settle = [this, on](const HttpReply &r, bool certain) {
                if (certain && r.status != 200)
                    return;
                m_model.deviceToDevice(on, certain);
                m_model.audited(u"settings.change"_qs, u"device_to_device"_qs, certain);
            };
            changes.append(c);
        }
    }
    return changes;
}

// An admin's editor: a line added or removed by hand, written by rename.
void Driver::handEdit()
{
    QFile in(m_o.clientsFile);
    if (!in.open(QIODevice::ReadOnly))
        return;
    const QByteArray before = in.readAll();
    in.close();
    QByteArray after = before;
    const QList<CrashModel::ManualLine> manual = m_model.manualLines().values();
    if (manual.isEmpty() || m_random.bounded(2)) {
        QSet<IpAddress> taken;
        if (auto file = ClientsFile::parseUtf8(before); file)
            for (const ClientPeer &p : file->peers())
                taken.insert(p.address);
        if (taken.size() > 150)
            return;
        const PublicKey key = randomPublicKey();
        const IpAddress address = freeAddress(taken);
        after += key.toBase64().toLatin1() + ' ' + address.toString().toLatin1() + " edited-by-hand\n";
        m_model.manualLine(key, address, true, true);
    } else {
        const CrashModel::ManualLine &line = manual.at(int(m_random.bounded(qsizetype(manual.size()))));
        after.clear();
        for (const QByteArray &l : before.split('\n'))
            if (!l.isEmpty() && !l.startsWith(line.key.toBase64().toLatin1()))
                after += l + '\n';
        m_model.manualLine(line.key, line.address, false, true);
    }
    QSaveFile out(m_o.clientsFile);
    if (out.open(QIODevice::WriteOnly)) {
        out.write(after);
        out.commit();
    }
    tally(u"hand-edit"_qs, u"written"_qs);
}

int Driver::exec()
{
    if (!startHub()) {
        std::fprintf(stderr, "the hub did not start; see %s\n", qPrintable(m_o.log));
        return 1;
    }
    const QString index = ifindex();
    std::printf("seed %u, interface %s has ifindex %s\n", m_o.seed, qPrintable(m_o.interfaceName),
                qPrintable(index));
    int failures = 0;
    for (int kill = 1; kill <= m_o.kills; ++kill) {
        const QStringList before = checkWithRetry();
        for (const QString &p : before)
            std::printf("kill %d: %s\n", kill - 1, qPrintable(p));
        failures += int(before.size());
        if (failures > 20)
            break;

        if (m_random.bounded(4) == 0)
            handEdit();
        QList<Change> changes = burst();
        // Most kills land while changes are in flight; some after they were all
        // answered, when the hub is busy applying or idle.
        const bool midway = m_random.bounded(4) != 0;
        const int delayMs = int(m_random.bounded(midway ? 150 : 100));
        QElapsedTimer clock;
        clock.start();
        bool killed = false;
        auto allDone = [&] {
            return std::all_of(changes.cbegin(), changes.cend(),
                               [](const Change &c) { return c.reply->isFinished(); });
        };
        while (!killed) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if ((midway && clock.elapsed() >= delayMs) || (!midway && allDone() && clock.elapsed() >= delayMs)
                || clock.elapsed() > 20'000) {
                if (!midway && m_random.bounded(3) == 0)
                    handEdit(); // a hand edit the hub may not have seen yet
                killHub();
                killed = true;
            }
        }
        for (Change &c : changes) {
            QElapsedTimer wait;
            wait.start();
            while (!c.reply->isFinished() && wait.elapsed() < 10'000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            const HttpReply reply = ApiTestFixture::collect(c.reply);
            const bool answered = reply.status != 0 && reply.transportError.isEmpty();
            tally(c.kind,
                  !answered                ? u"cut-off"_qs
                      : reply.status < 300 ? u"acknowledged"_qs
                                           : u"refused"_qs);
            c.settle(reply, answered);
        }
        if (!startHub()) {
            std::printf("kill %d: the hub did not start again; see %s\n", kill, qPrintable(m_o.log));
            return 1;
        }
        if (ifindex() != index) {
            std::printf("kill %d: the interface was re-created (ifindex %s, was %s)\n", kill,
                        qPrintable(ifindex()), qPrintable(index));
            ++failures;
        }
        if (kill % 20 == 0)
            std::printf("%d kills, %d problems so far\n", kill, failures);
        std::fflush(stdout);
    }
    const QStringList last = checkWithRetry();
    for (const QString &p : last)
        std::printf("after the last kill: %s\n", qPrintable(p));
    failures += int(last.size());
    killHub();
    std::printf("what the stream did:\n");
    for (auto it = m_tally.cbegin(); it != m_tally.cend(); ++it)
        std::printf("  %-28s %d\n", qPrintable(it.key()), it.value());
    std::printf("%d kills, %d problems\n", m_o.kills, failures);
    return failures == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QStringList valued { u"kills"_qs,     u"seed"_qs,      u"token-file"_qs, u"clients-file"_qs,
                               u"state-dir"_qs, u"interface"_qs, u"log"_qs,        u"protect"_qs,
                               u"device"_qs,    u"admin-url"_qs, u"public-url"_qs };
    for (const QString &name : valued)
        parser.addOption(QCommandLineOption(name, name, u"value"_qs));
    parser.process(app);
    Options o;
    o.kills = parser.value(u"kills"_qs).toInt();
    o.seed = parser.isSet(u"seed"_qs) ? parser.value(u"seed"_qs).toUInt()
                                      : QRandomGenerator::system()->generate();
    QFile token(parser.value(u"token-file"_qs));
    if (!token.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "no --token-file\n");
        return 2;
    }
    o.token = QString::fromLatin1(token.readAll().trimmed());
    o.clientsFile = parser.value(u"clients-file"_qs);
    o.stateDir = parser.value(u"state-dir"_qs);
    o.interfaceName = parser.value(u"interface"_qs);
    o.log = parser.value(u"log"_qs);
    o.adminUrl = QUrl(parser.value(u"admin-url"_qs));
    o.publicUrl = QUrl(parser.value(u"public-url"_qs));
    o.hub = parser.positionalArguments();
    if (o.hub.isEmpty() || o.kills < 1) {
        std::fprintf(stderr, "usage: hubcrash_driver --kills N ... -- HUB ARGS...\n");
        return 2;
    }
    Driver driver(o);
    for (const QString &p : parser.values(u"protect"_qs)) {
        driver.protect(PublicKey::fromBase64(p.section(u'=', 0, -2)).value(),
                       IpAddress::parse(p.section(u'=', -1)).value());
    }
    QList<PublicKey> devices;
    for (const QString &d : parser.values(u"device"_qs))
        devices.append(PublicKey::fromBase64(d).value());
    driver.setDevices(devices);
    return driver.exec();
}
