// Unit tests of the revisioned state (issue 11): fvpn::HubState driven directly
// over the in-process API and the file-backed test backend, on one thread.
// Revisions move on every real change and only then; device deltas (?since=) list
// exactly the rows and removals after a position, and fall back to a full answer
// before the delta horizon or for another run's position; a device whose inputs
// did not move keeps its very row. Snapshots read on several threads are
// tst_hubstatethreads'.
#include "HttpCompression.h"
#include "HubStateFixture.h"

#include <QFile>

#include <algorithm>

using namespace fvpn;
using namespace fvpn::testing;

namespace {

// HubState.cpp's MaxTombstones: removals remembered for deltas.
constexpr int MaxTombstones = 20'000;

// Addresses for many devices (outside the hub's /24: the state does not care).
IpAddress farHost(int i)
{
    return IpAddress::parse(
               QStringLiteral("10.%1.%2.%3").arg(100 + i / 65536).arg(i / 256 % 256).arg(i % 256))
        .value();
}

const DeviceRow *rowOf(const ApiSnapshot &s, const PublicKey &key)
{
    for (const DeviceRow &row : *s.devices) {
        if (row.key == key)
            return &row;
    }
    return nullptr;
}

} // namespace

class TestHubState : public HubStateFixture
{
    Q_OBJECT

    bool writeClientsFile(const QByteArray &content)
    {
        QFile file(backend().clientsFilePath());
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        return file.write(content) == content.size();
    }

private Q_SLOTS:
    void init() { startFixture(); }
    void cleanup() { stopFixture(); }

    void revisionsMoveOnEveryChangeAndOnlyThen()
    {
        const auto s0 = state().snapshot();
        QVERIFY(s0);
        QVERIFY(s0->firstRevision > 0);
        QCOMPARE(s0->firstRevision % 1000, quint64(0));
        QVERIFY(s0->revision >= s0->firstRevision);
        state().refresh();
        QCOMPARE(state().snapshot().get(), s0.get()); // nothing changed: the same snapshot

        // A device added.
        const PublicKey a = randomPublicKey();
        backend().setDevices({ { u"press-1"_qs, a, host(11) } });
        const auto s1 = refreshed();
        QVERIFY(s1->revision > s0->revision);
        QCOMPARE(s1->firstRevision, s0->firstRevision);
        QCOMPARE(s1->devices->size(), 1);
        QVERIFY(s1->devicesRevision > s0->devicesRevision);
        const DeviceRow *ra = rowOf(*s1, a);
        QVERIFY(ra);
        QVERIFY(ra->revision > s0->revision && ra->revision <= s1->revision);
        QCOMPARE(ra->json.value(u"state").toString(), u"never"_qs);
        QCOMPARE(refreshed().get(), s1.get());
        // The old snapshot is immutable: still what it was.
        QCOMPARE(s0->devices->size(), 0);

        // Its live data changed (first handshake), then a sample with the same numbers.
        backend().setHandshake(a, nowSecs() - 10, 100, 200);
        const auto s2 = refreshed();
        QVERIFY(s2->revision > s1->revision);
        QVERIFY(rowOf(*s2, a)->revision > s1->revision);
        QCOMPARE(rowOf(*s2, a)->json.value(u"state").toString(), u"online"_qs);
        QCOMPARE(rowOf(*s2, a)->json.value(u"rx_bytes").toInt(), 100);
        QCOMPARE(rowOf(*s1, a)->json.value(u"state").toString(), u"never"_qs);
        backend().setHandshake(a, nowSecs() - 10, 100, 200);
        QCOMPARE(refreshed().get(), s2.get());
        // Only the counters moved.
        backend().setHandshake(a, nowSecs() - 10, 150, 250);
        const auto s3 = refreshed();
        QVERIFY(s3->revision > s2->revision);
        QVERIFY(rowOf(*s3, a)->revision > s2->revision);
        QCOMPARE(rowOf(*s3, a)->json.value(u"tx_bytes").toInt(), 250);
        QCOMPARE(refreshed().get(), s3.get());

        // A client added by a hand edit of the clients file (and applied).
        const PublicKey c = randomPublicKey();
        QVERIFY(writeClientsFile(c.toBase64().toLatin1() + " 10.42.42.5 alice\n"));
        backend().applyFromDisk();
        const auto s4 = refreshed();
        QVERIFY(s4->revision > s3->revision);
        QVERIFY(s4->clientsRevision > s3->revision);
        QVERIFY(s4->clientsFileEtag != s3->clientsFileEtag);
        QCOMPARE(s4->clients->size(), 1);
        QCOMPARE(s4->clients->at(0).toObject().value(u"public_key").toString(), c.toBase64());
        QCOMPARE(s4->devices.get(), s3->devices.get()); // the devices part is shared, untouched
        QCOMPARE(s4->devicesRevision, s3->devicesRevision);
        QCOMPARE(refreshed().get(), s4.get());

        // A registration request created (over HTTP: its route refreshes the state itself).
        const QJsonObject registration { { u"public_key"_qs, randomPublicKey().toBase64() },
                                         { u"name"_qs, u"Alice Smith"_qs },
                                         { u"hostname"_qs, u"alice-laptop"_qs },
                                         { u"os"_qs, u"Debian GNU/Linux 12"_qs } };
        const RawResponse created = call(m_fixture->publicPort(), "POST", u"/api/v1/registrations"_qs,
                                         { { "Content-Type", "application/json" } },
                                         QJsonDocument(registration).toJson(QJsonDocument::Compact));
        QCOMPARE(created.status, 201);
        const auto s5 = refreshed();
        QVERIFY(s5->revision > s4->revision);
        QVERIFY(s5->requestsRevision > s4->revision);
        QCOMPARE(s5->requests->size(), 1);
        QCOMPARE(s5->requests->at(0).value(u"id").toString(), created.json().value(u"id").toString());
        QCOMPARE(s5->status.value(u"requests").toObject().value(u"pending").toInt(), 1);
        QCOMPARE(s4->requests->size(), 0);
        QCOMPARE(refreshed().get(), s5.get());

        // Device-to-device toggled.
        QVERIFY(backend().setDeviceToDevice(true).ok());
        const auto s6 = refreshed();
        QVERIFY(s6->revision > s5->revision);
        QVERIFY(s6->settingsRevision > s5->revision);
        QVERIFY(s6->deviceToDevice);
        QVERIFY(s6->status.value(u"device_to_device").toBool());
        QVERIFY(!s5->deviceToDevice);
        QCOMPARE(refreshed().get(), s6.get());

        // The device removed.
        backend().setDevices({});
        const auto s7 = refreshed();
        QVERIFY(s7->revision > s6->revision);
        QVERIFY(s7->devices->isEmpty());
        QVERIFY(s7->removedDevices->contains(a));
        QVERIFY(s7->removedDevices->value(a) > s6->revision);
        QVERIFY(s7->removedDevices->value(a) <= s7->revision);
        QCOMPARE(refreshed().get(), s7.get());

        // Every part's revision is one the snapshot has reached.
        for (const auto &s : { s0, s1, s2, s3, s4, s5, s6, s7 }) {
            QVERIFY(s->devicesRevision <= s->revision);
            QVERIFY(s->clientsRevision <= s->revision);
            QVERIFY(s->requestsRevision <= s->revision);
            QVERIFY(s->statusRevision <= s->revision);
            QVERIFY(s->settingsRevision <= s->revision);
        }
    }

    void deltasListExactlyWhatChanged()
    {
        QList<PublicKey> k;
        for (int i = 0; i < 6; ++i)
            k.append(randomPublicKey());
        QList<BackendDevice> devices;
        for (int i = 0; i < 5; ++i)
            devices.append({ QStringLiteral("dev-%1").arg(i), k[i], host(20 + i) });
        backend().setDevices(devices);
        backend().setHandshake(k[0], nowSecs() - 5, 1, 1);
        backend().setHandshake(k[1], nowSecs() - 5, 1, 1);
        const auto base = refreshed();
        const quint64 r = base->revision;
        QCOMPARE(base->devices->size(), 5);

        const QJsonObject empty = parse(base->devicesDelta(r));
        QCOMPARE(empty.value(u"full").toBool(), false);
        QVERIFY(empty.value(u"devices").toArray().isEmpty());
        QVERIFY(empty.value(u"removed").toArray().isEmpty());

        // dev-1's live data moves, dev-2 is renamed, dev-3 removed, dev-5 added; dev-0 and dev-4 stay.
        backend().setHandshake(k[1], nowSecs() - 2, 99, 98);
        devices[2].name = u"dev-2b"_qs;
        devices.removeAt(3);
        devices.append({ u"dev-5"_qs, k[5], host(25) });
        backend().setDevices(devices);
        const auto s = refreshed();
        QVERIFY(s->revision > r);
        QCOMPARE(rowsAfter(*s, r), QSet<QString>({ k[1].toBase64(), k[2].toBase64(), k[5].toBase64() }));
        QCOMPARE(removalsAfter(*s, r), QSet<QString>({ k[3].toBase64() }));
        for (int i : { 0, 4 })
            QCOMPARE(rowOf(*s, k[i])->revision, rowOf(*base, k[i])->revision);

        const QJsonObject delta = parse(s->devicesDelta(r));
        QCOMPARE(delta.value(u"full").toBool(), false);
        QCOMPARE(quint64(delta.value(u"revision").toDouble()), s->revision);
        QCOMPARE(deviceKeysOf(delta), rowsAfter(*s, r));
        QCOMPARE(removedKeysOf(delta), QSet<QString>({ k[3].toBase64() }));

        // Every position of this run up to now: exactly the rows and removals after it.
        for (quint64 since = s->firstRevision; since <= s->revision; ++since) {
            const QJsonObject d = parse(s->devicesDelta(since));
            QCOMPARE(d.value(u"full").toBool(), since < s->deltaHorizon);
            QCOMPARE(deviceKeysOf(d), rowsAfter(*s, since));
            QCOMPARE(removedKeysOf(d), removalsAfter(*s, since));
        }

        // The same over HTTP (serve(): ETag, 304, gzip).
        const RawResponse viaHttp = adminGet(u"/api/v1/devices?since=%1"_qs.arg(r));
        QCOMPARE(viaHttp.status, 200);
        QCOMPARE(state().snapshot().get(), s.get()); // the route's refresh found nothing new
        QCOMPARE(viaHttp.json(), delta);
        QCOMPARE(viaHttp.header("etag"), s->devicesEtag());
        QCOMPARE(
            adminGet(u"/api/v1/devices?since=%1"_qs.arg(r), { { "If-None-Match", s->devicesEtag() } }).status,
            304);
        const RawResponse zipped
            = adminGet(u"/api/v1/devices?since=%1"_qs.arg(r), { { "Accept-Encoding", "gzip" } });
        QCOMPARE(zipped.header("content-encoding"), QByteArray("gzip"));
        bool ok = false;
        QCOMPARE(parse(HttpCompression::gunzip(zipped.body, &ok)), delta);
        QVERIFY(ok);

        // Another run's position, or one from the future: everything, no removals.
        for (const quint64 since : { quint64(1), s->firstRevision - 1, s->revision + 1 }) {
            const QJsonObject all = parse(s->devicesDelta(since));
            QCOMPARE(all.value(u"full").toBool(), true);
            QCOMPARE(deviceKeysOf(all), rowsAfter(*s, 0));
            QVERIFY(all.value(u"removed").toArray().isEmpty());
            const RawResponse http = adminGet(u"/api/v1/devices?since=%1"_qs.arg(since));
            QCOMPARE(http.status, 200);
            QCOMPARE(http.json().value(u"full").toBool(), true);
            QCOMPARE(deviceKeysOf(http.json()), rowsAfter(*s, 0));
        }

        // A removed device that comes back is a row again, no longer a removal.
        devices.append({ u"dev-3"_qs, k[3], host(23) });
        backend().setDevices(devices);
        const auto back = refreshed();
        QVERIFY(!back->removedDevices->contains(k[3]));
        const QJsonObject again = parse(back->devicesDelta(r));
        QVERIFY(deviceKeysOf(again).contains(k[3].toBase64()));
        QVERIFY(removedKeysOf(again).isEmpty());
    }

    void oldPositionsBeforeTheForgottenRemovalsGetFullAnswers()
    {
        // MaxTombstones + 10 devices and one that stays: the first 10 go, then all the others;
        // the 10 oldest tombstones are forgotten and the horizon moves past them.
        const int n = MaxTombstones + 10;
        const BackendDevice survivor { u"survivor"_qs, randomPublicKey(), host(10) };
        QList<BackendDevice> devices;
        devices.reserve(n + 1);
        for (int i = 0; i < n; ++i)
            devices.append({ QStringLiteral("dev-%1").arg(i), randomPublicKey(), farHost(i) });
        backend().setDevices(QList<BackendDevice>(devices) << survivor);
        const auto s1 = refreshed();
        QCOMPARE(s1->devices->size(), n + 1);
        QCOMPARE(s1->deltaHorizon, quint64(0));

        backend().setDevices(devices.mid(10) << survivor);
        const auto s2 = refreshed();
        QCOMPARE(s2->removedDevices->size(), 10);
        QCOMPARE(s2->deltaHorizon, quint64(0));

        backend().setDevices({ survivor });
        const auto s3 = refreshed();
        QCOMPARE(s3->devices->size(), 1);
        QCOMPARE(s3->removedDevices->size(), MaxTombstones);
        for (int i = 0; i < 10; ++i)
            QVERIFY(!s3->removedDevices->contains(devices[i].publicKey));
        QVERIFY(s3->deltaHorizon > s1->revision);
        QVERIFY(s3->deltaHorizon < s2->revision);
        for (auto it = s3->removedDevices->cbegin(); it != s3->removedDevices->cend(); ++it)
            QVERIFY(it.value() > s3->deltaHorizon);

        // Seen the first removals: a delta with the others.
        const QJsonObject after = parse(s3->devicesDelta(s2->revision));
        QCOMPARE(after.value(u"full").toBool(), false);
        QCOMPARE(after.value(u"removed").toArray().size(), MaxTombstones);
        QVERIFY(after.value(u"devices").toArray().isEmpty());
        QCOMPARE(parse(s3->devicesDelta(s3->deltaHorizon)).value(u"full").toBool(), false);
        // Not seen them: they are forgotten, so everything.
        for (const quint64 since : { s1->revision, s3->deltaHorizon - 1 }) {
            const QJsonObject full = parse(s3->devicesDelta(since));
            QCOMPARE(full.value(u"full").toBool(), true);
            QVERIFY(full.value(u"removed").toArray().isEmpty());
            QCOMPARE(deviceKeysOf(full), QSet<QString>({ survivor.publicKey.toBase64() }));
        }
        const RawResponse http = adminGet(u"/api/v1/devices?since=%1"_qs.arg(s1->revision));
        QCOMPARE(http.status, 200);
        QCOMPARE(http.json().value(u"full").toBool(), true);
        QCOMPARE(http.json().value(u"devices").toArray().size(), 1);
    }

    void unchangedDevicesKeepTheirRows()
    {
        const qint64 within = m_fixture->api().config().onlineWithinSecs;
        const PublicKey a = randomPublicKey(); // online, stale in a few seconds by time alone
        const PublicKey b = randomPublicKey(); // online, its counters move
        const PublicKey c = randomPublicKey(); // never
        const PublicKey e = randomPublicKey(); // stale long ago
        QList<BackendDevice> devices { { u"a"_qs, a, host(31) },
                                       { u"b"_qs, b, host(32) },
                                       { u"c"_qs, c, host(33) },
                                       { u"e"_qs, e, host(35) } };
        backend().setDevices(devices);
        const qint64 t0 = nowSecs();
        backend().setHandshake(a, t0 - within + 10, 1, 2);
        backend().setHandshake(b, t0 - 10, 3, 4);
        backend().setHandshake(e, t0 - 3600, 5, 6);
        const auto s1 = refreshed();
        QCOMPARE(rowOf(*s1, a)->json.value(u"state").toString(), u"online"_qs);
        QCOMPARE(rowOf(*s1, c)->json.value(u"state").toString(), u"never"_qs);
        QCOMPARE(rowOf(*s1, e)->json.value(u"state").toString(), u"stale"_qs);

        // Others change (b's counters, a new device) and 5 s pass: a, c, e keep their very rows
        // (the same revision, and the same JSON: not rebuilt, so even the age is as it was).
        advanceSecs(5);
        const PublicKey g = randomPublicKey();
        devices.append({ u"g"_qs, g, host(37) });
        backend().setDevices(devices);
        backend().setHandshake(b, t0 - 10, 300, 400);
        const auto s2 = refreshed();
        QVERIFY(s2->revision > s1->revision);
        for (const PublicKey &key : { a, c, e }) {
            QCOMPARE(rowOf(*s2, key)->revision, rowOf(*s1, key)->revision);
            QCOMPARE(rowOf(*s2, key)->json, rowOf(*s1, key)->json);
        }
        QVERIFY(rowOf(*s2, b)->revision > s1->revision);
        QVERIFY(rowOf(*s2, g)->revision > s1->revision);

        // Time alone: only the age grows (no change, the same snapshot) ...
        advanceSecs(4);
        QCOMPARE(refreshed().get(), s2.get());
        // ... until a's handshake is older than the online window: a new row for a only.
        advanceSecs(2);
        const auto s3 = refreshed();
        QVERIFY(s3->revision > s2->revision);
        const DeviceRow *ra = rowOf(*s3, a);
        QVERIFY(ra->revision > s2->revision);
        QCOMPARE(ra->json.value(u"state").toString(), u"stale"_qs);
        QCOMPARE(ra->json.value(u"online").toBool(), false);
        QCOMPARE(rowsAfter(*s3, s2->revision), QSet<QString>({ a.toBase64() }));
        for (const PublicKey &key : { b, c, e, g })
            QCOMPARE(rowOf(*s3, key)->revision, rowOf(*s2, key)->revision);

        // A new inventory order with one rename: every row still is its own device's, in the
        // new order, and only the renamed one has a new revision.
        std::reverse(devices.begin(), devices.end());
        devices[2].name = u"c-renamed"_qs; // order g, e, c, b, a
        backend().setDevices(devices);
        const auto s4 = refreshed();
        QCOMPARE(s4->devices->size(), devices.size());
        for (qsizetype i = 0; i < devices.size(); ++i) {
            const DeviceRow &row = s4->devices->at(i);
            QCOMPARE(row.key, devices[i].publicKey);
            QCOMPARE(row.json.value(u"public_key").toString(), devices[i].publicKey.toBase64());
            QCOMPARE(row.json.value(u"name").toString(), devices[i].name);
        }
        QCOMPARE(rowsAfter(*s4, s3->revision), QSet<QString>({ c.toBase64() }));
        // And the next sample with an unchanged device set keeps all of them.
        advanceSecs(1);
        backend().setHandshake(b, t0 - 10, 300, 401);
        const auto s5 = refreshed();
        QCOMPARE(rowsAfter(*s5, s4->revision), QSet<QString>({ b.toBase64() }));
        for (qsizetype i = 0; i < devices.size(); ++i)
            QCOMPARE(s5->devices->at(i).key, devices[i].publicKey);
    }
};

QTEST_GUILESS_MAIN(TestHubState)
#include "tst_hubstate.moc"
