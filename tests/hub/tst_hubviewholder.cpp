#include "HubViewHolder.h"
#include "TestKeys.h"

#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace fvpn;
using namespace Qt::StringLiterals;

// The snapshot holder shared by the hub thread (writer) and the API's threads
// (readers). Run under ThreadSanitizer too (see docs/hub-internals.md).
class TestHubViewHolder : public QObject
{
    Q_OBJECT

private:
    static std::shared_ptr<const HubView> view(quint64 serial, int devices)
    {
        auto v = std::make_shared<HubView>();
        v->serial = serial;
        v->running = true;
        auto list = std::make_shared<QList<InventoryDevice>>();
        for (int i = 0; i < devices; ++i)
            list->append({ u"dev-%1"_s.arg(i), testkeys::key(testkeys::A),
                           IpAddress::fromIPv4(0x0a2a0002u + quint32(i)) });
        v->devices = list;
        // Every snapshot is internally consistent: as many "live" peers as devices.
        auto live = std::make_shared<LiveSample>();
        live->peers.resize(size_t(devices));
        v->live = live;
        v->status.peerDevices = devices;
        return v;
    }

private Q_SLOTS:
    void startsWithAnEmptyView()
    {
        HubViewHolder holder;
        const std::shared_ptr<const HubView> first = holder.current();
        QVERIFY(first);
        QVERIFY(!first->running);
        QVERIFY(first->devices && first->devices->isEmpty());
        QVERIFY(first->clients && first->live);
    }

    void aReaderKeepsItsSnapshot()
    {
        HubViewHolder holder;
        QSignalSpy published(&holder, &HubViewHolder::published);
        holder.publish(view(1, 3));
        const std::shared_ptr<const HubView> kept = holder.current();
        holder.publish(view(2, 5));
        QCOMPARE(published.size(), 2);
        QCOMPARE(kept->serial, 1u);
        QCOMPARE(kept->devices->size(), 3);
        QCOMPARE(holder.current()->serial, 2u);
    }

    // One writer, four readers, published() delivered to an object on this thread.
    void sharedAcrossThreads()
    {
        HubViewHolder holder;
        std::atomic<int> deliveredOnMain { 0 };
        QObject receiver;
        connect(&holder, &HubViewHolder::published, &receiver, [&] {
            if (QThread::currentThread() == receiver.thread())
                ++deliveredOnMain;
        });
        constexpr int Snapshots = 2000;
        std::atomic<bool> done { false };
        std::atomic<int> inconsistent { 0 };
        std::vector<std::thread> readers;
        for (int r = 0; r < 4; ++r) {
            readers.emplace_back([&] {
                quint64 last = 0;
                while (!done.load()) {
                    const std::shared_ptr<const HubView> v = holder.current();
                    if (v->serial < last || v->live->peers.size() != size_t(v->devices->size())
                        || v->status.peerDevices != v->devices->size())
                        ++inconsistent;
                    last = v->serial;
                    holder.markWatched();
                }
            });
        }
        QThread writer;
        QObject context;
        context.moveToThread(&writer);
        writer.start();
        QMetaObject::invokeMethod(&context, [&] {
            for (int i = 1; i <= Snapshots; ++i)
                holder.publish(view(quint64(i), i % 50));
        });
        QTRY_COMPARE_WITH_TIMEOUT(holder.current()->serial, quint64(Snapshots), 30000);
        done = true;
        for (std::thread &reader : readers)
            reader.join();
        writer.quit();
        writer.wait();
        QCOMPARE(inconsistent.load(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(deliveredOnMain.load(), Snapshots, 30000);
        QVERIFY(holder.watchedWithin(HubViewHolder::WatchWindowMs));
    }

    void watchStartsOncePerWindow()
    {
        HubViewHolder holder;
        QSignalSpy started(&holder, &HubViewHolder::watchStarted);
        QVERIFY(!holder.watchedWithin(HubViewHolder::WatchWindowMs));
        holder.markWatched();
        holder.markWatched();
        QCOMPARE(started.size(), 1);
        QVERIFY(holder.watchedWithin(1000));
    }
};

QTEST_GUILESS_MAIN(TestHubViewHolder)
#include "tst_hubviewholder.moc"
