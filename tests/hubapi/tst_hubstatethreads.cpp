// The revisioned state (issue 11) on several threads: fvpn::HubState's snapshots
// read by three threads while the main thread publishes new ones, each reader
// checking everything a snapshot promises (revisions, rows, removals, bodies,
// deltas) and that a snapshot it holds never moves. Run once under
// ThreadSanitizer (not in CI): the command and what is suppressed, and why, are
// in tsan.supp beside this file.
#include "HttpCompression.h"
#include "HubStateFixture.h"

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

using namespace fvpn;
using namespace fvpn::testing;

class TestHubStateThreads : public HubStateFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startFixture(); }
    void cleanup() { stopFixture(); }

    void snapshotsAreSharedAcrossThreads()
    {
        constexpr int PoolSize = 32;
        constexpr int MinDevices = 8;
        constexpr int Steps = 300;
        constexpr int Readers = 3;
        constexpr int MaxReads = 2'000'000; // a bound only: readers stop when the writer is done
        const QList<PublicKey> pool = [] {
            QList<PublicKey> keys;
            for (int i = 0; i < PoolSize; ++i)
                keys.append(randomPublicKey());
            return keys;
        }();
        const auto inventory = [&pool](int n) {
            QList<BackendDevice> devices;
            for (int i = 0; i < n; ++i)
                devices.append({ QStringLiteral("dev-%1").arg(i), pool[i], host(100 + i) });
            return devices;
        };
        const auto sizeAt = [](int step) {
            return MinDevices + (step * 7) % (PoolSize - MinDevices + 1);
        };
        backend().setDevices(inventory(MinDevices));
        const quint64 first = refreshed()->firstRevision;

        struct ReaderResult
        {
            int reads = 0;
            int revisions = 0;
            quint64 last = 0;
            QStringList failures;
        };
        std::vector<ReaderResult> results(Readers);
        std::atomic<bool> done { false };
        std::latch started(Readers + 1);
        HubState &hub = state();

        // Everything a snapshot promises, checked by a reader; the empty string when it holds.
        const auto check = [&pool, first](const ApiSnapshot &s, quint64 previous) -> QString {
            if (s.firstRevision != first)
                return u"another first revision"_qs;
            if (s.revision < previous)
                return QStringLiteral("revision went back from %1 to %2").arg(previous).arg(s.revision);
            for (const quint64 part : { s.devicesRevision, s.clientsRevision, s.requestsRevision,
                                        s.statusRevision, s.settingsRevision }) {
                if (part > s.revision)
                    return QStringLiteral("a part's revision %1 is after %2").arg(part).arg(s.revision);
            }
            const QList<DeviceRow> &rows = *s.devices;
            if (rows.size() < MinDevices || rows.size() > PoolSize)
                return QStringLiteral("%1 devices: never set").arg(rows.size());
            for (qsizetype i = 0; i < rows.size(); ++i) {
                const DeviceRow &row = rows[i];
                if (row.key != pool[i])
                    return QStringLiteral("row %1 is not the inventory's device %1").arg(i);
                if (row.revision > s.devicesRevision || row.revision < first)
                    return QStringLiteral("row %1 has revision %2 (devices at %3)")
                        .arg(i)
                        .arg(row.revision)
                        .arg(s.devicesRevision);
                if (row.json.value(u"public_key").toString() != row.key.toBase64()
                    || row.json.value(u"name").toString() != QStringLiteral("dev-%1").arg(i)
                    || row.json.value(u"address").toString() != QStringLiteral("10.42.42.%1").arg(100 + i))
                    return QStringLiteral("row %1 is another device's JSON").arg(i);
                const QString state = row.json.value(u"state").toString();
                if (state != u"online" && state != u"stale" && state != u"never")
                    return QStringLiteral("row %1 is %2").arg(i).arg(state);
            }
            for (auto it = s.removedDevices->cbegin(); it != s.removedDevices->cend(); ++it) {
                const qsizetype at = pool.indexOf(it.key());
                if (at < 0)
                    return u"a removal of a device never set"_qs;
                if (at < rows.size())
                    return QStringLiteral("device %1 is both a row and a removal").arg(at);
                if (it.value() > s.revision || it.value() < first)
                    return u"a removal's revision is out of range"_qs;
            }
            if (s.deltaHorizon != 0)
                return u"a delta horizon with fewer removals than remembered"_qs;

            const auto body = s.devicesBody();
            if (body->etag() != s.devicesEtag())
                return u"the devices body's ETag is not the snapshot's"_qs;
            const QJsonObject full = parse(body->plain());
            if (quint64(full.value(u"revision").toDouble()) != s.revision
                || full.value(u"devices").toArray().size() != rows.size() || !full.value(u"full").toBool())
                return u"the devices body is not the snapshot's"_qs;
            bool ok = false;
            if (HttpCompression::gunzip(body->gzipped(), &ok) != body->plain() || !ok)
                return u"the gzipped body is not the plain one"_qs;
            if (previous >= first) {
                const QJsonObject delta = parse(s.devicesDelta(previous));
                if (delta.value(u"full").toBool())
                    return QStringLiteral("a full answer since %1").arg(previous);
                if (deviceKeysOf(delta) != rowsAfter(s, previous)
                    || removedKeysOf(delta) != removalsAfter(s, previous))
                    return QStringLiteral("the delta since %1 is not the rows after it").arg(previous);
            }
            const QJsonObject settings = parse(s.settingsBody()->plain());
            if (settings.value(u"device_to_device").toBool() != s.deviceToDevice
                || s.status.value(u"device_to_device").toBool() != s.deviceToDevice)
                return u"device_to_device differs between the parts"_qs;
            if (parse(s.statusBody()->plain()).value(u"revision").toDouble() != double(s.revision))
                return u"the status body is not the snapshot's"_qs;
            if (parse(s.clientsBody()->plain()).value(u"clients").toArray().size() != s.clients->size())
                return u"the clients body is not the snapshot's"_qs;
            return {};
        };

        std::vector<std::thread> readers;
        // However this test ends (a failed QCOMPARE returns), the readers stop and are joined.
        struct Joiner
        {
            std::atomic<bool> &done;
            std::vector<std::thread> &threads;
            ~Joiner()
            {
                done.store(true, std::memory_order_release);
                for (std::thread &t : threads) {
                    if (t.joinable())
                        t.join();
                }
            }
        } joiner { done, readers };
        for (int t = 0; t < Readers; ++t) {
            readers.emplace_back([&, t] {
                ReaderResult &result = results[size_t(t)];
                started.arrive_and_wait();
                std::shared_ptr<const ApiSnapshot> held;
                qsizetype heldRows = 0;
                quint64 heldRevision = 0;
                quint64 previous = 0;
                const auto readOne = [&] {
                    const std::shared_ptr<const ApiSnapshot> s = hub.snapshot();
                    if (const QString why = check(*s, previous); !why.isEmpty()) {
                        result.failures.append(why);
                        return false;
                    }
                    if (s->revision != previous)
                        ++result.revisions;
                    previous = s->revision;
                    // A snapshot held meanwhile did not move.
                    if (held && (held->revision != heldRevision || held->devices->size() != heldRows)) {
                        result.failures.append(u"a published snapshot changed"_qs);
                        return false;
                    }
                    if (result.reads % 16 == 0) {
                        held = s;
                        heldRows = s->devices->size();
                        heldRevision = s->revision;
                    }
                    ++result.reads;
                    return true;
                };
                while (result.reads < MaxReads && !done.load(std::memory_order_acquire)) {
                    if (!readOne())
                        return;
                }
                // After the writer's last publication: the last snapshot.
                if (readOne())
                    result.last = previous;
            });
        }

        started.arrive_and_wait();
        int httpChecks = 0;
        for (int step = 0; step < Steps; ++step) {
            const int n = sizeAt(step);
            backend().setDevices(inventory(n));
            backend().setHandshake(pool[step % n], nowSecs() - step % 200, quint64(step), quint64(2 * step));
            if (step % 37 == 0)
                QVERIFY(backend().setDeviceToDevice(!backend().deviceToDevice()).ok());
            if (step % 25 == 0)
                advanceSecs(61);
            state().refresh();
            if (step % 50 == 0) {
                // serve() as the admin route calls it: the body is built on the state's pool.
                const auto s = state().snapshot();
                const RawResponse all = adminGet(u"/api/v1/devices"_qs);
                QCOMPARE(all.status, 200);
                QCOMPARE(all.json().value(u"devices").toArray().size(), n);
                const RawResponse delta = adminGet(u"/api/v1/devices?since=%1"_qs.arg(first));
                QCOMPARE(delta.status, 200);
                QCOMPARE(deviceKeysOf(delta.json()), rowsAfter(*s, first));
                ++httpChecks;
            }
        }
        done.store(true, std::memory_order_release);
        for (std::thread &t : readers)
            t.join();
        readers.clear();

        const quint64 last = state().snapshot()->revision;
        int reads = 0;
        for (const ReaderResult &r : results) {
            QVERIFY2(r.failures.isEmpty(), qPrintable(r.failures.join(u"; ")));
            QCOMPARE(r.last, last);
            QVERIFY(r.reads > 0);
            reads += r.reads;
        }
        QCOMPARE(httpChecks, Steps / 50);
        qInfo("%d readers: %d reads, %d/%d/%d revisions seen; last revision %llu (%llu after the first)",
              Readers, reads, results[0].revisions, results[1].revisions, results[2].revisions,
              static_cast<unsigned long long>(last), static_cast<unsigned long long>(last - first));
    }
};

QTEST_GUILESS_MAIN(TestHubStateThreads)
#include "tst_hubstatethreads.moc"
