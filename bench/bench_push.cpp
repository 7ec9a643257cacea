// Push latency and the cost of waiting (issue 12), against the real
// factory-vpn-hub process (tests/hubapi/HubProcess: fake wg/ip/nft) over real
// HTTP(S) on loopback. Prints medians and worst cases, each beside a reference
// measured in the same run:
//   approve -> the engineer's long-poll answers   (ref: the approve call's own round trip)
//   register -> the admin's event stream has it  (ref: the registration call's round trip)
//   1,000 waiting long-polls + 10 event streams: hub RSS growth, /health p50/p99
//     (ref: /health with none waiting)
// Run: FVPN_BUILD_DIR=build-dev build-dev/bench/bench_push [runs] [late approval, seconds]
#include "HubProcess.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace {

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto at = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v[at];
}

bool waitFor(const std::function<bool()> &done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return done();
}

qint64 rssKb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

qint64 hubPid(const HubProcess &hub)
{
    // The hub writes its pid into status.json.
    QFile f(hub.stateDir() + QStringLiteral("/status.json"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("pid")).toInteger(-1);
}

// One TLS connection that sends `GET /api/v1/health` back to back and times each.
std::vector<double> healthTimes(HubProcess &hub, int count)
{
    std::vector<double> ms;
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), hub.publicPort());
    if (!socket.waitForEncrypted(10000))
        return ms;
    const QByteArray ask = "GET /api/v1/health HTTP/1.1\r\nHost: hub\r\n\r\n";
    for (int i = 0; i < count; ++i) {
        QElapsedTimer t;
        t.start();
        socket.write(ask);
        QByteArray got;
        while (!(got.contains("\r\n\r\n") && got.endsWith("}")) && socket.waitForReadyRead(10000))
            got += socket.readAll();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? QByteArray(argv[1]).toInt() : 10;
    HubProcess hub;
    if (!hub.start()) {
        std::fprintf(stderr, "hub did not start:\n%s\n", qPrintable(hub.log()));
        return 1;
    }
    const HeaderList admin { { "Authorization", "Bearer " + hub.token().toLatin1() },
                             { "Content-Type", "application/json" } };

    // 1. approve -> the engineer's long-poll answers.
    std::vector<double> notice, approveRtt;
    for (int i = 0; i < runs; ++i) {
        const HubProcess::Registration r = hub.registerEngineer(QStringLiteral("Bench %1").arg(i));
        const HeaderList poll { { "Authorization", "Bearer " + r.secret.toLatin1() } };
        const QString path = QStringLiteral("/api/v1/registrations/") + r.id;
        const QByteArray etag = hub.send(false, "GET", path, {}, poll).headers.value("etag");
        QNetworkReply *held = hub.startRequest(false, "GET", path + QStringLiteral("?wait=55"), {},
                                               poll + HeaderList { { "If-None-Match", etag } });
        // Shared with the handlers, which may outlive this iteration's frame.
        struct Timing
        {
            QElapsedTimer clock;
            bool answered = false;
            double at = 0;
            double rtt = 0;
        };
        const auto t = std::make_shared<Timing>();
        QObject::connect(held, &QNetworkReply::finished, held, [t] {
            t->answered = true;
            t->at = double(t->clock.nsecsElapsed()) / 1e6;
        });
        waitFor([] { return false; }, 300); // the poll is held by now
        t->clock.start();
        QNetworkReply *approve = hub.startRequest(
            true, "POST", QStringLiteral("/api/v1/requests/%1/approve").arg(r.id), "{}", admin);
        QObject::connect(approve, &QNetworkReply::finished, approve,
                         [t] { t->rtt = double(t->clock.nsecsElapsed()) / 1e6; });
        waitFor([&t] { return t->answered && t->rtt > 0; }, 10000);
        notice.push_back(t->at);
        approveRtt.push_back(t->rtt);
        held->deleteLater();
        approve->deleteLater();
    }

    // 1b. Once, the approval comes LATE seconds after the request (argv[2]; 0 skips
    //     it): the engineer's poll is renewed as the app does (wait=55, then again
    //     with the ETag it got) until the approval, which must still arrive at once.
    const int late = argc > 2 ? QByteArray(argv[2]).toInt() : 0;
    double lateNotice = -1, lateRtt = -1;
    int lateRenewals = 0;
    if (late > 0) {
        const HubProcess::Registration r = hub.registerEngineer(QStringLiteral("Late"));
        const HeaderList poll { { "Authorization", "Bearer " + r.secret.toLatin1() } };
        const QString path = QStringLiteral("/api/v1/registrations/") + r.id;
        // The poll loop's state, shared with the replies' handlers (which hold
        // it weakly: the loop ends with this block).
        struct Poller
        {
            HubProcess *hub = nullptr;
            QString path;
            HeaderList poll;
            QByteArray etag;
            QElapsedTimer clock;
            bool approvedSent = false;
            bool approvedSeen = false;
            double notice = -1;
            double rtt = -1;
            int renewals = 0;
            std::function<void()> hold;
        };
        const auto poller = std::make_shared<Poller>();
        poller->hub = &hub;
        poller->path = path;
        poller->poll = poll;
        poller->etag = hub.send(false, "GET", path, {}, poll).headers.value("etag");
        QElapsedTimer sinceRequest;
        sinceRequest.start();
        poller->hold = [weak = std::weak_ptr<Poller>(poller)] {
            const std::shared_ptr<Poller> p = weak.lock();
            if (!p)
                return;
            QNetworkReply *held = p->hub->startRequest(false, "GET", p->path + QStringLiteral("?wait=55"), {},
                                                       p->poll + HeaderList { { "If-None-Match", p->etag } });
            QObject::connect(held, &QNetworkReply::finished, held, [weak, held] {
                held->deleteLater();
                const std::shared_ptr<Poller> q = weak.lock();
                if (!q)
                    return;
                const int status = held->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status == 200 && q->approvedSent) {
                    q->notice = double(q->clock.nsecsElapsed()) / 1e6;
                    q->approvedSeen = true;
                    return;
                }
                if (status == 200)
                    q->etag = held->rawHeader("ETag");
                ++q->renewals;
                q->hold();
            });
        };
        poller->hold();
        waitFor([&] { return sinceRequest.elapsed() >= qint64(late) * 1000; }, late * 1000 + 1000);
        poller->clock.start();
        poller->approvedSent = true;
        QNetworkReply *approve = hub.startRequest(
            true, "POST", QStringLiteral("/api/v1/requests/%1/approve").arg(r.id), "{}", admin);
        QObject::connect(approve, &QNetworkReply::finished, approve,
                         [poller] { poller->rtt = double(poller->clock.nsecsElapsed()) / 1e6; });
        waitFor([&poller] { return poller->approvedSeen && poller->rtt >= 0; }, 10000);
        lateNotice = poller->notice;
        lateRtt = poller->rtt;
        lateRenewals = poller->renewals;
        approve->deleteLater();
    }

    // 2. register -> the admin's event stream has it.
    std::vector<double> seen, registerRtt;
    {
        QNetworkReply *stream = hub.startRequest(true, "GET", QStringLiteral("/api/v1/events"), {},
                                                 { { "Authorization", "Bearer " + hub.token().toLatin1() } });
        // What the stream brought, shared with its handler.
        struct Watch
        {
            QByteArray buffer;
            std::function<void()> check; // reset before the locals it reads go
        };
        const auto watch = std::make_shared<Watch>();
        QObject::connect(stream, &QNetworkReply::readyRead, stream, [watch, stream] {
            watch->buffer += stream->readAll();
            if (watch->check)
                watch->check();
        });
        waitFor([&watch] { return watch->buffer.contains("event: hello"); }, 10000);
        for (int i = 0; i < runs; ++i) {
            const qsizetype before = watch->buffer.count("event: request.created");
            QElapsedTimer clock;
            clock.start();
            double at = 0;
            watch->check = [&] {
                if (at == 0 && watch->buffer.count("event: request.created") > before)
                    at = double(clock.nsecsElapsed()) / 1e6;
            };
            hub.registerEngineer(QStringLiteral("Seen %1").arg(i));
            const double rtt = double(clock.nsecsElapsed()) / 1e6;
            watch->check();
            waitFor([&] { return at > 0; }, 10000);
            watch->check = nullptr;
            seen.push_back(at);
            registerRtt.push_back(rtt);
        }
        stream->abort();
        stream->deleteLater();
    }

    // 3. 1,000 waiting long-polls from 16 source addresses (the per-source cap is
    //    64) and 10 event streams, as issue 12 counts them.
    const qint64 pid = hubPid(hub);
    const std::vector<double> idleHealth = healthTimes(hub, 2000);
    const HeaderList token { { "Authorization", "Bearer " + hub.token().toLatin1() } };
    // What the hub itself holds, from its gauge (docs/metrics.md).
    const auto held = [&hub, &token](const char *listener) {
        const QByteArray page = hub.send(true, "GET", QStringLiteral("/metrics"), {}, token).body;
        const QByteArray key
            = QByteArray("factory_vpn_http_connections{listener=\"") + listener + "\",class=\"waiting\"} ";
        const qsizetype at = page.indexOf(key);
        return at < 0 ? -1 : page.mid(at + key.size(), page.indexOf('\n', at) - at - key.size()).toInt();
    };
    const qint64 rssBefore = rssKb(pid);
    const int waiters = 1000;
    const int streams = 10;
    std::vector<std::unique_ptr<QSslSocket>> polls;
    std::vector<std::unique_ptr<QTcpSocket>> eventStreams;
    int open = 0, refused = 0, heldPolls = 0, heldStreams = 0;
    {
        // Raw sockets: QNetworkAccessManager opens at most six connections to a
        // host, which the streams would hold, and the gauge's scrapes would wait.
        for (int i = 0; i < streams; ++i) {
            auto stream = std::make_unique<QTcpSocket>();
            stream->connectToHost(QStringLiteral("127.0.0.1"), hub.adminPort());
            stream->write("GET /api/v1/events HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer "
                          + hub.token().toLatin1() + "\r\n\r\n");
            eventStreams.push_back(std::move(stream));
        }
        waitFor([&] { return held("admin") >= streams; }, 10000);
        std::vector<HubProcess::Registration> regs;
        for (int i = 0; i < 20; ++i)
            regs.push_back(hub.registerEngineer(QStringLiteral("Waiter %1").arg(i)));
        std::vector<QByteArray> tags;
        for (const auto &r : regs)
            tags.push_back(hub.send(false, "GET", QStringLiteral("/api/v1/registrations/") + r.id, {},
                                    { { "Authorization", "Bearer " + r.secret.toLatin1() } })
                               .headers.value("etag"));
        // In batches of 16 (the quick per-source cap): every connection is quick
        // until its handler holds it, then it moves to the waiting class; the next
        // batch goes once the hub's gauge shows this one held.
        for (int i = 0; i < waiters; ++i) {
            auto socket = std::make_unique<QSslSocket>();
            socket->setPeerVerifyMode(QSslSocket::VerifyNone);
            socket->bind(QHostAddress(QStringLiteral("127.0.0.%1").arg(2 + i / 63)), 0);
            socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), hub.publicPort());
            const auto &r = regs[size_t(i) % regs.size()];
            socket->write("GET /api/v1/registrations/" + r.id.toLatin1()
                          + "?wait=60 HTTP/1.1\r\nHost: hub\r\n" + "Authorization: Bearer "
                          + r.secret.toLatin1() + "\r\nIf-None-Match: " + tags[size_t(i) % regs.size()]
                          + "\r\n\r\n");
            polls.push_back(std::move(socket));
            if (polls.size() % 16 == 0 || i + 1 == waiters) {
                const int sent = int(polls.size());
                waitFor(
                    [&] {
                        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
                        const auto closed = std::count_if(polls.begin(), polls.end(), [](const auto &s) {
                            return s->state() == QAbstractSocket::UnconnectedState || s->bytesAvailable() > 0;
                        });
                        return held("public") + int(closed) >= sent;
                    },
                    10000);
            }
        }
        waitFor([] { return false; }, 1000);
        for (const auto &s : polls) {
            if (s->state() == QAbstractSocket::ConnectedState && s->isEncrypted())
                ++open;
            if (s->bytesAvailable() > 0)
                ++refused;
        }
        heldPolls = held("public");
        heldStreams = held("admin");
    }
    const qint64 rssWaiting = rssKb(pid);
    const std::vector<double> busyHealth = healthTimes(hub, 2000);

    std::printf("runs: %d\n", runs);
    std::printf("approve -> long-poll answered   p50 %.1f ms  worst %.1f ms   | ref: approve round trip p50 "
                "%.1f ms worst %.1f ms\n",
                percentile(notice, 0.5), percentile(notice, 1), percentile(approveRtt, 0.5),
                percentile(approveRtt, 1));
    if (late > 0)
        std::printf("approve %d s after the request -> long-poll answered %.1f ms (the poll renewed %d times "
                    "before)   | ref: approve round trip %.1f ms\n",
                    late, lateNotice, lateRenewals, lateRtt);
    std::printf("register -> event on the stream p50 %.1f ms  worst %.1f ms   | ref: register round trip p50 "
                "%.1f ms worst %.1f ms\n",
                percentile(seen, 0.5), percentile(seen, 1), percentile(registerRtt, 0.5),
                percentile(registerRtt, 1));
    std::printf("%d long-polls: %d connected, %d answered early (refused); the hub holds %d long-polls "
                "and %d event streams\n",
                waiters, open, refused, heldPolls, heldStreams);
    std::printf(
        "hub RSS: %lld kB before, %lld kB with them waiting (+%.1f MB, %.1f kB per held connection)\n",
        rssBefore, rssWaiting, double(rssWaiting - rssBefore) / 1024.0,
        double(rssWaiting - rssBefore) / std::max(1, heldPolls + heldStreams));
    std::printf(
        "/health with them waiting: p50 %.2f ms p99 %.2f ms   | ref: none waiting p50 %.2f ms p99 %.2f ms\n",
        percentile(busyHealth, 0.5), percentile(busyHealth, 0.99), percentile(idleHealth, 0.5),
        percentile(idleHealth, 0.99));
    eventStreams.clear();
    polls.clear();
    hub.stop();
    return 0;
}
