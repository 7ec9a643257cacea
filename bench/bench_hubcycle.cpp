// bench_hubcycle: the parts of the hub's periodic cycle, one by one, in-process,
// at 10,000 and 50,000 peers (what hub-scale.sh measures as a whole, taken apart):
// parsing a UAPI answer, comparing it with what the hub believes, building the
// published sample, the status comparison, re-reading an unchanged inventory.
//
//   bench_hubcycle [COUNT...]
#include "AtomicFile.h"
#include "DesiredState.h"
#include "HubStatus.h"
#include "InventoryParser.h"
#include "LiveState.h"
#include "PeerDiff.h"
#include "SecureBuffer.h"
#include "WgUapi.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sodium.h>
#include <vector>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

void measure(const char *what, int runs, const std::function<void()> &work)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("  %-58s median %8.3f ms   min %8.3f ms\n", what, ms[ms.size() / 2], ms.front());
}

PublicKey randomKey()
{
    QByteArray raw(32, '\0');
    randombytes_buf(raw.data(), size_t(raw.size()));
    raw[0] = char(raw[0] | 1);
    return PublicKey::fromRaw(raw).value();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (!initSodium())
        return 1;
    QList<int> counts;
    for (int i = 1; i < argc; ++i)
        counts.append(QByteArray(argv[i]).toInt());
    if (counts.isEmpty())
        counts = { 10000, 50000 };

    for (const int count : counts) {
        std::printf("%d peers\n", count);
        QList<InventoryDevice> devices;
        QByteArray answer = "private_key=" + QByteArray(64, 'a') + "\nlisten_port=5555\n";
        QByteArray inventory = "[";
        for (int i = 0; i < count; ++i) {
            const PublicKey key = randomKey();
            const IpAddress address = IpAddress::fromIPv4(0x0a2a0002u + quint32(i) + quint32(i / 250) * 6);
            devices.append({ u"dev-%1"_s.arg(i), key, address });
            answer += "public_key=" + key.raw().toHex()
                + "\npreshared_key=0000000000000000000000000000000000000000000000000000000000000000\n"
                  "protocol_version=1\nendpoint=192.0.2.10:51820\nlast_handshake_time_sec=1700000000\n"
                  "last_handshake_time_nsec=0\ntx_bytes=123456\nrx_bytes=654321\n"
                  "persistent_keepalive_interval=25\nallowed_ip="
                + address.toString().toLatin1() + "/32\n";
            inventory += (i ? ",\n" : "")
                + u"{\"name\":\"dev-%1\",\"pubkey\":\"%2\",\"ip\":\"%3\",\"enabled\":true}"_s.arg(i)
                      .arg(key.toBase64(), address.toString())
                      .toUtf8();
        }
        answer += "errno=0\n\n";
        inventory += "]";
        std::printf("  (UAPI answer %lld bytes, inventory %lld bytes)\n", qlonglong(answer.size()),
                    qlonglong(inventory.size()));

        LiveState live;
        measure("parse the UAPI answer (64 KiB chunks)", 9, [&] {
            WgUapi::GetParser parser;
            for (qsizetype at = 0; at < answer.size(); at += 65536)
                parser.feed(
                    QByteArrayView(answer).sliced(at, std::min<qsizetype>(65536, answer.size() - at)));
            live = parser.finish().value();
        });
        const DesiredState desired = DesiredState::build(devices, QList<ClientPeer> {}, false);
        LiveRoutes routes;
        measure("liveRoutes() (the belief from a read)", 9, [&] { routes = liveRoutes(live); });
        measure("computePeerDiff() against the belief", 9, [&] {
            const PeerDiff diff = computePeerDiff(desired.peers.peers(), routes);
            if (!diff.isEmpty())
                std::printf("unexpected diff\n");
        });
        measure("LiveSample::fromState() (published sample)", 9, [&] {
            const LiveSample sample = LiveSample::fromState(live, QDateTime::currentDateTimeUtc());
            (void)sample;
        });
        HubStatus status;
        status.inventoryDevices = count;
        measure("HubStatus::toJson() and compare", 9, [&] {
            const QJsonObject a = status.toJson();
            const QJsonObject b = status.toJson();
            if (a != b)
                std::printf("differs\n");
        });
        measure("DesiredState::build() (only when an input changes)", 5, [&] {
            const DesiredState again = DesiredState::build(devices, QList<ClientPeer> {}, false);
            (void)again;
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(u"ips.json"_s);
        (void)AtomicFile::write(path, inventory);
        QByteArray last = AtomicFile::read(path, 64 * 1024 * 1024).value();
        measure("re-read the unchanged inventory and compare", 9, [&] {
            const QByteArray now = AtomicFile::read(path, 64 * 1024 * 1024).value();
            if (now != last)
                std::printf("differs\n");
        });
        InventoryParser parser(
            { IpNetwork::parse(u"10.42.0.0/16").value(), IpAddress::parse(u"10.42.0.1").value() });
        measure("DeviceInventory::parse() (whole document)", 5, [&] {
            (void)DeviceInventory::parse(
                inventory,
                { IpNetwork::parse(u"10.42.0.0/16").value(), IpAddress::parse(u"10.42.0.1").value() });
        });
        measure("InventoryParser::parse() first answer (hub start)", 5, [&] {
            InventoryParser fresh(
                { IpNetwork::parse(u"10.42.0.0/16").value(), IpAddress::parse(u"10.42.0.1").value() });
            (void)fresh.parse(inventory);
        });
        (void)parser.parse(inventory);
        QByteArray plusOne = inventory;
        plusOne.chop(1);
        plusOne += ",{\"name\":\"new\",\"pubkey\":\"" + randomKey().toBase64().toLatin1()
            + "\",\"ip\":\"10.42.254.1\",\"enabled\":true}]";
        bool flip = false;
        measure("InventoryParser::parse() with one entry changed", 9, [&] {
            flip = !flip;
            (void)parser.parse(flip ? plusOne : inventory);
        });
    }
    return 0;
}
