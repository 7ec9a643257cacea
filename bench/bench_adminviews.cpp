// Loads 10,000 devices and 1,000 client peers into the admin models and their
// views, refreshes them, sorts and filters as a person types, and prints how long
// each step took. A benchmark, not a test: nothing here passes or fails.
#include "AdminJson.h"
#include "AdminTableView.h"
#include "ClientsFileCheck.h"
#include "ClientsFileTableModel.h"
#include "ClientsModel.h"
#include "DevicesModel.h"
#include "TextFilterProxy.h"

#ifdef FVPN_BENCH_WITH_HUB
#include "AdminSession.h"
#include "FakeHub.h"
#endif

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QThread>
#include <QWindow>

#include <algorithm>
#include <functional>

using namespace fvpn;

namespace {

constexpr int DeviceCount = 10000;
constexpr int ClientCount = 1000;
constexpr int Rounds = 5;

const QDateTime Now = QDateTime::currentDateTimeUtc();

PublicKey key(int n)
{
    QByteArray raw(32, '\x42');
    for (int i = 0; i < 4; ++i)
        raw[i] = char((n >> (8 * i)) & 0xff);
    return PublicKey::fromRaw(raw).value();
}

QList<DeviceInfo> makeDevices(int generation)
{
    QList<DeviceInfo> list;
    list.reserve(DeviceCount);
    for (int i = 0; i < DeviceCount; ++i) {
        DeviceInfo d;
        d.name = QStringLiteral("press-%1").arg(i, 5, 10, QChar(u'0'));
        d.publicKey = key(i);
        d.address = IpAddress::fromIPv4(0x0a2a0002u + quint32(i));
        // A realistic mix: most online, some stale, some never seen.
        if (i % 10 != 0)
            d.live.lastHandshake = Now.addSecs(-((i * 37) % (i % 7 == 0 ? 7200 : 170)));
        d.live.rxBytes = quint64(i) * 1537 + quint64(generation);
        d.live.txBytes = quint64(i) * 911;
        d.live.endpoint = QStringLiteral("192.0.2.%1:%2").arg(i % 250 + 1).arg(40000 + i % 20000);
        list.append(d);
    }
    return list;
}

QList<ClientInfo> makeClients()
{
    QList<ClientInfo> list;
    for (int i = 0; i < ClientCount; ++i) {
        ClientInfo c;
        c.name = QStringLiteral("engineer%1").arg(i);
        c.comment = c.name + QStringLiteral(" laptop");
        c.publicKey = key(1000000 + i);
        c.address = IpAddress::fromIPv4(0x0a2b0002u + quint32(i));
        c.line = i + 1;
        list.append(c);
    }
    return list;
}

QByteArray devicesJson(const QList<DeviceInfo> &devices)
{
    QJsonArray items;
    for (const DeviceInfo &d : devices) {
        items.append(QJsonObject { { QStringLiteral("name"), d.name },
                                   { QStringLiteral("public_key"), d.publicKey.toBase64() },
                                   { QStringLiteral("fingerprint"), d.publicKey.fingerprint() },
                                   { QStringLiteral("address"), d.address.toString() },
                                   { QStringLiteral("state"), QStringLiteral("online") },
                                   { QStringLiteral("last_handshake"),
                                     d.live.lastHandshake.isValid()
                                         ? QJsonValue(d.live.lastHandshake.toString(Qt::ISODateWithMs))
                                         : QJsonValue(QJsonValue::Null) },
                                   { QStringLiteral("rx_bytes"), double(d.live.rxBytes) },
                                   { QStringLiteral("tx_bytes"), double(d.live.txBytes) },
                                   { QStringLiteral("endpoint"), d.live.endpoint } });
    }
    return QJsonDocument(QJsonObject { { QStringLiteral("devices"), items } }).toJson(QJsonDocument::Compact);
}

// Runs `step` Rounds times (after `prepare` each time, untimed) and prints the
// median and the fastest, in milliseconds.
void measure(const QString &what, const std::function<void()> &step,
             const std::function<void()> &prepare = {})
{
    QList<double> times;
    for (int round = 0; round < Rounds; ++round) {
        if (prepare)
            prepare();
        QElapsedTimer timer;
        timer.start();
        step();
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    printf("%-62s median %8.2f ms   min %8.2f ms\n", qPrintable(what), times[times.size() / 2],
           times.first());
    fflush(stdout);
}

// Runs the event loop until `done` or the time is up.
bool waitUntil(const std::function<bool()> &done, int milliseconds)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < milliseconds)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return done();
}

// What a view does after a model change before the admin sees it.
void settle(QWidget *view)
{
    QCoreApplication::processEvents();
    view->repaint();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    printf("Factory VPN admin views benchmark\n");
    printf("Qt %s, platform '%s', %s, %d logical CPUs\n", qVersion(),
           qPrintable(QGuiApplication::platformName()), qPrintable(QSysInfo::prettyProductName()),
           QThread::idealThreadCount());
    printf("%d devices, %d client peers, %d rounds per step\n\n", DeviceCount, ClientCount, Rounds);

    const QList<DeviceInfo> devices = makeDevices(0);
    const QList<ClientInfo> clients = makeClients();

    // --- decoding the hub's answer
    const QByteArray json = devicesJson(devices);
    printf("GET /api/v1/devices answer: %.1f MiB\n", double(json.size()) / (1024 * 1024));
    measure(QStringLiteral("decode devices JSON (parse + check every field)"), [&] {
        const auto list = AdminJson::devices(QJsonDocument::fromJson(json).object());
        Q_ASSERT(list.ok() && list->devices.size() == DeviceCount);
    });

    // --- the devices view
    DevicesModel model;
    TextFilterProxy proxy;
    proxy.setSourceModel(&model);
    AdminTableView view;
    view.setModel(&proxy);
    view.resize(1200, 800);
    view.show();
    if (!waitUntil([&view] { return view.windowHandle() && view.windowHandle()->isExposed(); }, 5000))
        printf("(the view was not exposed; painting is not measured)\n");
    view.sortByColumn(DevicesModel::NameColumn, Qt::AscendingOrder);

    measure(
        QStringLiteral("load 10,000 devices into an empty sorted view"),
        [&] {
            model.setRows(devices);
            settle(&view);
        },
        [&] {
            model.setRows({});
            settle(&view);
        });

    QList<DeviceInfo> onePercent = devices;
    for (int i = 0; i < DeviceCount; i += 100)
        onePercent[i].live.lastHandshake = Now;
    int changedSignals = 0;
    const auto counter = QObject::connect(&model, &QAbstractItemModel::dataChanged, &model,
                                          [&changedSignals] { ++changedSignals; });
    measure(
        QStringLiteral("refresh: 1% of devices changed (100 handshakes)"),
        [&] {
            model.setRows(onePercent);
            settle(&view);
        },
        [&] {
            model.setRows(devices);
            settle(&view);
            changedSignals = 0;
        });
    printf("  -> %d dataChanged signals, no reset\n", changedSignals);
    QObject::disconnect(counter);

    const QList<DeviceInfo> allChanged = makeDevices(1);
    measure(
        QStringLiteral("refresh: every device's counters changed"),
        [&] {
            model.setRows(allChanged);
            settle(&view);
        },
        [&] {
            model.setRows(devices);
            settle(&view);
        });
    measure(QStringLiteral("refresh: nothing changed"), [&] {
        model.setRows(devices);
        settle(&view);
    });

    QList<DeviceInfo> churn = devices.mid(500);
    for (int i = 0; i < 500; ++i) {
        DeviceInfo d = devices[i];
        d.publicKey = key(2000000 + i);
        churn.append(d);
    }
    measure(
        QStringLiteral("refresh: 500 devices replaced by 500 new ones"),
        [&] {
            model.setRows(churn);
            settle(&view);
        },
        [&] {
            model.setRows(devices);
            settle(&view);
        });

    model.setRows(devices);
    for (int column : { int(DevicesModel::AddressColumn), int(DevicesModel::HandshakeColumn),
                        int(DevicesModel::TransferColumn), int(DevicesModel::NameColumn) }) {
        measure(QStringLiteral("sort 10,000 devices by %1")
                    .arg(model.headerData(column, Qt::Horizontal).toString()),
                [&] {
                    view.sortByColumn(column, Qt::DescendingOrder);
                    settle(&view);
                    view.sortByColumn(column, Qt::AscendingOrder);
                    settle(&view);
                });
    }

    // Typing "press-0123" one character at a time; each keystroke refilters.
    for (const QString &typed :
         { QStringLiteral("press-0123"), QStringLiteral("10.42.3.1"), QStringLiteral("192.0.2.77") }) {
        QList<double> perKey;
        for (int round = 0; round < Rounds; ++round) {
            proxy.setFilterText({});
            settle(&view);
            for (qsizetype n = 1; n <= typed.size(); ++n) {
                QElapsedTimer timer;
                timer.start();
                proxy.setFilterText(typed.left(n));
                settle(&view);
                perKey.append(double(timer.nsecsElapsed()) / 1e6);
            }
        }
        std::sort(perKey.begin(), perKey.end());
        printf("%-62s median %8.2f ms   max  %8.2f ms  (%d rows left)\n",
               qPrintable(QStringLiteral("filter as you type \"%1\", per keystroke").arg(typed)),
               perKey[perKey.size() / 2], perKey.last(), proxy.rowCount());
    }
    proxy.setFilterText({});
    measure(
        QStringLiteral("refresh 1% changed while filtered to \"press-01\""),
        [&] {
            model.setRows(onePercent);
            settle(&view);
        },
        [&] {
            proxy.setFilterText(QStringLiteral("press-01"));
            model.setRows(devices);
            settle(&view);
        });
    proxy.setFilterText({});

    // --- client peers
    ClientsModel clientsModel;
    TextFilterProxy clientsProxy;
    clientsProxy.setSourceModel(&clientsModel);
    AdminTableView clientsView;
    clientsView.setModel(&clientsProxy);
    clientsView.resize(1000, 700);
    clientsView.show();
    clientsView.sortByColumn(ClientsModel::NameColumn, Qt::AscendingOrder);
    measure(
        QStringLiteral("load 1,000 client peers into an empty sorted view"),
        [&] {
            clientsModel.setRows(clients);
            settle(&clientsView);
        },
        [&] {
            clientsModel.setRows({});
            settle(&clientsView);
        });

    // --- factory-clients.conf of 1,000 peers, checked against 10,000 devices
    QString file = QStringLiteral("# engineers\n");
    for (const ClientInfo &c : clients)
        file += c.publicKey.toBase64() + u' ' + c.address.toString() + u' ' + c.comment + u'\n';
    ClientsFileCheck check;
    PoolInfo pool;
    pool.subnet = IpNetwork::parse(u"10.40.0.0/13").value();
    pool.hubAddress = IpAddress::parse(u"10.42.0.1").value();
    check.setPool(pool);
    check.setDevices(devices);
    measure(QStringLiteral("check a 1,000-peer clients file (one keystroke's validation)"),
            [&] { (void)check.problems(file); });
    QString broken = file;
    broken.replace(QStringLiteral(" engineer5 "), QStringLiteral(" engineer5\u200B "));
    broken += QStringLiteral("garbage line\n");
    measure(QStringLiteral("check it with 12 bad lines (each line checked alone)"),
            [&] { (void)check.problems(broken); });
    ClientsFileTableModel table;
    AdminTableView tableView;
    tableView.setModel(&table);
    tableView.resize(1000, 700);
    tableView.show();
    measure(
        QStringLiteral("load the 1,000-line file into the table"),
        [&] {
            table.setText(file);
            settle(&tableView);
        },
        [&] {
            table.setText({});
            settle(&tableView);
        });
    QString edited = file;
    edited.replace(QStringLiteral("engineer500 laptop"), QStringLiteral("engineer500 desktop"));
    measure(
        QStringLiteral("one line edited in the raw text: table update"),
        [&] {
            table.setText(edited);
            settle(&tableView);
        },
        [&] {
            table.setText(file);
            settle(&tableView);
        });

#ifdef FVPN_BENCH_WITH_HUB
    // --- the whole path: HTTP from a local stand-in hub, JSON, session, models.
    test::FakeHub hub;
    if (hub.listen()) {
        for (int i = 0; i < DeviceCount; ++i)
            hub.addDevice(i + 1, i % 10 ? Now.addSecs(-i % 170) : QDateTime());
        AdminSession session;
        session.setRefreshInterval(0);
        DevicesModel liveModel;
        QObject::connect(&session, &AdminSession::devicesChanged, &liveModel, &DevicesModel::setRows);
        int finished = 0;
        QObject::connect(&session, &AdminSession::refreshFinished, &session, [&finished] { ++finished; });
        QElapsedTimer timer;
        timer.start();
        session.connectTo(hub.url(), QString::fromLatin1(test::FakeHub::Token));
        waitUntil([&finished] { return finished > 0; }, 60000);
        printf("%-62s          %8.2f ms\n", "first refresh over HTTP: 10,000 devices (+clients, requests...)",
               double(timer.nsecsElapsed()) / 1e6);
        measure(
            QStringLiteral("refresh over HTTP, 1% of devices changed"),
            [&] {
                session.refresh();
                waitUntil([&finished] { return finished > 0; }, 60000);
            },
            [&] {
                for (int i = 0; i < DeviceCount; i += 100)
                    hub.devices[i].live.rxBytes += 1;
                finished = 0;
            });
    }
#endif
    return 0;
}
