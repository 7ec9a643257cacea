#include "AdminFormat.h"
#include "AdminRoles.h"
#include "AuditFilterProxy.h"
#include "AuditModel.h"
#include "ClientsFileTableModel.h"
#include "ClientsModel.h"
#include "DevicesModel.h"
#include "InvitesModel.h"
#include "RequestsModel.h"
#include "TextFilterProxy.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace fvpn;

namespace {

PublicKey key(int n)
{
    QByteArray raw(32, '\x33');
    raw[0] = char(n & 0xff);
    raw[1] = char((n >> 8) & 0xff);
    return PublicKey::fromRaw(raw).value();
}

QDateTime now()
{
    return QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
}

DeviceInfo device(int n, qint64 handshakeAgeSecs = -1)
{
    DeviceInfo d;
    d.name = QStringLiteral("dev-%1").arg(n);
    d.publicKey = key(n);
    d.address = IpAddress::fromIPv4(0x0a2a0000u + quint32(n));
    if (handshakeAgeSecs >= 0)
        d.live.lastHandshake = now().addSecs(-handshakeAgeSecs);
    d.live.rxBytes = quint64(n) * 100;
    return d;
}

QList<DeviceInfo> devices(int count)
{
    QList<DeviceInfo> list;
    for (int i = 1; i <= count; ++i)
        list.append(device(i, i * 60));
    return list;
}

ClientInfo client(int n)
{
    ClientInfo c;
    c.name = QStringLiteral("eng-%1").arg(n);
    c.comment = c.name + QStringLiteral(" laptop");
    c.publicKey = key(1000 + n);
    c.address = IpAddress::fromIPv4(0x0a2a1000u + quint32(n));
    c.line = n;
    return c;
}

RequestInfo request(int n, RequestState status = RequestState::Pending)
{
    RequestInfo r;
    r.id = QStringLiteral("req-%1").arg(n);
    r.status = status;
    r.publicKey = key(2000 + n);
    r.name = QStringLiteral("Person %1").arg(n);
    r.hostname = QStringLiteral("host-%1").arg(n);
    r.os = QStringLiteral("Debian 12");
    r.sourceAddress = QStringLiteral("198.51.100.%1").arg(n);
    r.createdAt = now().addSecs(-n * 60);
    return r;
}

AuditRecord entry(qint64 id, const QString &actor, const QString &action, qint64 ageSecs)
{
    AuditRecord e;
    e.id = id;
    e.at = QDateTime::currentDateTimeUtc().addSecs(-ageSecs);
    e.actor = actor;
    e.action = action;
    e.target = QStringLiteral("t%1").arg(id);
    e.before = false;
    e.after = true;
    return e;
}

InviteInfo invite(int n, InviteState state = InviteState::Usable)
{
    InviteInfo i;
    i.id = QStringLiteral("%1").arg(n, 16, 16, QChar(u'0'));
    i.note = QStringLiteral("shift %1").arg(n);
    i.createdAt = now().addSecs(-n * 3600);
    i.createdBy = QStringLiteral("token:ops");
    i.expiresAt = now().addDays(n);
    i.maxUses = n;
    i.uses = n - 1;
    i.state = state;
    return i;
}

// Counts what a model tells its views, to prove updates are incremental.
struct ModelSignals
{
    explicit ModelSignals(QAbstractItemModel *model)
        : reset(model, &QAbstractItemModel::modelReset)
        , changed(model, &QAbstractItemModel::dataChanged)
        , inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , layout(model, &QAbstractItemModel::layoutChanged)
    { }
    void clear()
    {
        reset.clear();
        changed.clear();
        inserted.clear();
        removed.clear();
        layout.clear();
    }
    QSignalSpy reset;
    QSignalSpy changed;
    QSignalSpy inserted;
    QSignalSpy removed;
    QSignalSpy layout;
};

} // namespace

class TestAdminModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void devicesModelPassesTheTesterThroughUpdates()
    {
        DevicesModel model;
        model.setNow(now());
        TextFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(DevicesModel::AddressColumn);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);

        model.setRows(devices(50));
        QCOMPARE(model.rowCount(), 50);
        QList<DeviceInfo> next = devices(50);
        next.removeAt(10);
        next.removeAt(11);
        next.removeAt(40);
        next[5].live.txBytes = 999;
        next.append(device(77, 5));
        std::reverse(next.begin(), next.end()); // the hub's order does not matter
        model.setRows(next);
        QCOMPARE(model.rowCount(), 48);
        proxy.setFilterText(QStringLiteral("dev-7"));
        model.setRows(devices(3));
        proxy.setFilterText({});
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(proxy.rowCount(), 0);
    }

    void oneChangedDeviceIsOneDataChanged()
    {
        DevicesModel model;
        model.setNow(now());
        model.setRows(devices(1000));
        ModelSignals s(&model);
        QList<DeviceInfo> next = devices(1000);
        next[500].live.lastHandshake = now();
        const int row = model.rowOf(next[500].publicKey);
        model.setRows(next);
        QCOMPARE(s.reset.size(), 0);
        QCOMPARE(s.inserted.size(), 0);
        QCOMPARE(s.removed.size(), 0);
        QCOMPARE(s.changed.size(), 1);
        const QModelIndex topLeft = s.changed.constFirst().at(0).value<QModelIndex>();
        const QModelIndex bottomRight = s.changed.constFirst().at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), row);
        QCOMPARE(bottomRight.row(), row);
        QCOMPARE(model.rowOf(next[500].publicKey), row); // stays where it is

        s.clear();
        model.setRows(next); // the same list again: nothing at all
        QCOMPARE(s.changed.size() + s.inserted.size() + s.removed.size() + s.reset.size(), 0);
    }

    void removalsAndAdditionsAreRowEvents()
    {
        DevicesModel model;
        model.setRows(devices(10));
        ModelSignals s(&model);
        QList<DeviceInfo> next = devices(10);
        next.removeAt(2); // rows 2 and 3: one run
        next.removeAt(2);
        next.removeAt(6); // row 8: another
        next.append(device(11));
        next.append(device(12));
        model.setRows(next);
        QCOMPARE(s.reset.size(), 0);
        QCOMPARE(s.removed.size(), 2);
        QCOMPARE(s.inserted.size(), 1); // the two new ones at once
        QCOMPARE(s.inserted.constFirst().at(1).toInt(), 7);
        QCOMPARE(s.inserted.constFirst().at(2).toInt(), 8);
        QCOMPARE(model.rowCount(), 9);
        QCOMPARE(s.changed.size(), 0);
        for (const DeviceInfo &d : std::as_const(next))
            QVERIFY(model.rowOf(d.publicKey) >= 0);
        QCOMPARE(model.rowOf(key(3)), -1);
    }

    void duplicateKeysFromTheHubKeepOneRow()
    {
        DevicesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QList<DeviceInfo> list = devices(3);
        DeviceInfo twin = list[1];
        twin.name = QStringLiteral("twin");
        list.append(twin);
        model.setRows(list);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowAt(model.rowOf(twin.publicKey)).name, QStringLiteral("twin"));
    }

    void deviceColumns()
    {
        DevicesModel model;
        model.setNow(now());
        DeviceInfo offline = device(3);
        DeviceInfo stale = device(2, 600);
        DeviceInfo online = device(1, 30);
        online.live.endpoint = QStringLiteral("192.0.2.1:51820");
        DeviceInfo absent = device(4);
        absent.live.onInterface = false;
        model.setRows({ online, stale, offline, absent });
        auto cell = [&model](int row, int column, int role = Qt::DisplayRole) {
            return model.data(model.index(row, column), role);
        };
        QCOMPARE(cell(0, DevicesModel::StateColumn).toString(), QStringLiteral("Online"));
        QCOMPARE(cell(1, DevicesModel::StateColumn).toString(), QStringLiteral("Stale"));
        QCOMPARE(cell(2, DevicesModel::StateColumn).toString(), QStringLiteral("Offline"));
        QCOMPARE(cell(3, DevicesModel::StateColumn).toString(), QStringLiteral("Not on the hub"));
        QCOMPARE(cell(0, DevicesModel::HandshakeColumn).toString(), QStringLiteral("30 s ago"));
        QCOMPARE(cell(1, DevicesModel::HandshakeColumn).toString(), QStringLiteral("10 min ago"));
        QCOMPARE(cell(2, DevicesModel::HandshakeColumn).toString(), QStringLiteral("never"));
        QCOMPARE(cell(0, DevicesModel::KeyColumn).toString(),
                 online.publicKey.fingerprint() + QStringLiteral("…"));
        QCOMPARE(cell(0, DevicesModel::KeyColumn, Qt::ToolTipRole).toString(), online.publicKey.toBase64());
        QCOMPARE(cell(0, DevicesModel::KeyColumn, CopyRole).toString(), online.publicKey.toBase64());
        QCOMPARE(cell(0, DevicesModel::AddressColumn, CopyRole).toString(), QStringLiteral("10.42.0.1"));
        QCOMPARE(cell(0, DevicesModel::EndpointColumn).toString(), QStringLiteral("192.0.2.1:51820"));
        QCOMPARE(cell(0, DevicesModel::TransferColumn).toString(), QStringLiteral("↓ 100 B  ↑ 0 B"));

        // Time passes: a refresh of ages turns online into stale without new data.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setNow(now().addSecs(300));
        model.refreshAges();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell(0, DevicesModel::StateColumn).toString(), QStringLiteral("Stale"));
    }

    void addressesSortAsNumbers()
    {
        DevicesModel model;
        TextFilterProxy proxy;
        proxy.setSourceModel(&model);
        QList<DeviceInfo> list;
        for (int host : { 10, 9, 100, 2 }) {
            DeviceInfo d = device(host);
            d.address = IpAddress::fromIPv4(0x0a2a2a00u + quint32(host));
            list.append(d);
        }
        model.setRows(list);
        proxy.sort(DevicesModel::AddressColumn, Qt::AscendingOrder);
        QStringList order;
        for (int row = 0; row < proxy.rowCount(); ++row)
            order.append(proxy.index(row, DevicesModel::AddressColumn).data().toString());
        QCOMPARE(order,
                 QStringList({ QStringLiteral("10.42.42.2"), QStringLiteral("10.42.42.9"),
                               QStringLiteral("10.42.42.10"), QStringLiteral("10.42.42.100") }));
    }

    void filterMatchesEveryWord_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("rows");
        QTest::newRow("empty") << QString() << 120;
        QTest::newRow("name prefix") << QStringLiteral("dev-11") << 11; // 11, 110..119
        QTest::newRow("case") << QStringLiteral("DEV-11") << 11;
        QTest::newRow("two words") << QStringLiteral("dev-11 10.42.0.11") << 11;
        QTest::newRow("exact address") << QStringLiteral("10.42.0.115") << 1;
        QTest::newRow("full key") << key(100).toBase64() << 1;
        QTest::newRow("nothing") << QStringLiteral("no-such-thing") << 0;
        QTest::newRow("spaces only") << QStringLiteral("   ") << 120;
    }

    void filterMatchesEveryWord()
    {
        QFETCH(QString, filter);
        QFETCH(int, rows);
        DevicesModel model;
        TextFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRows(devices(120));
        proxy.setFilterText(filter);
        QCOMPARE(proxy.rowCount(), rows);
    }

    void clientsModel()
    {
        ClientsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QList<ClientInfo> list { client(1), client(2), client(3) };
        list[1].approvedBy = QStringLiteral("token:ops");
        list[1].approvedAt = now();
        model.setRows(list);
        QCOMPARE(model.index(0, ClientsModel::ApprovedColumn).data().toString(),
                 QStringLiteral("added to the file by hand"));
        QVERIFY(model.index(1, ClientsModel::ApprovedColumn).data().toString().startsWith(u"token:ops, "));
        QVERIFY(model.index(0, ClientsModel::NameColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"eng-1 laptop"));
        ModelSignals s(&model);
        list.removeFirst();
        list[0].name = QStringLiteral("renamed");
        model.setRows(list);
        QCOMPARE(s.removed.size(), 1);
        QCOMPARE(s.changed.size(), 1);
        QCOMPARE(s.reset.size(), 0);
        QCOMPARE(model.rowAt(model.rowOf(key(1002))).name, QStringLiteral("renamed"));
    }

    void bothPeerTablesSortByStateTheSameWay()
    {
        // Online, stale, offline, then the peers the hub has not put on wg0.
        const QList<qint64> ages { -1, 30, 600 };
        QList<DeviceInfo> deviceRows;
        QList<ClientInfo> clientRows;
        for (int n = 1; n <= 4; ++n) {
            DeviceInfo d = device(n, n <= 3 ? ages[n - 1] : 30);
            ClientInfo c = client(n);
            c.live = d.live;
            c.live.onInterface = d.live.onInterface = n != 4;
            deviceRows.append(d);
            clientRows.append(c);
        }
        DevicesModel devicesModel;
        ClientsModel clientsModel;
        const auto stateOrder = [](auto &model, const auto &rows) {
            model.setNow(now());
            model.setRows(rows);
            TextFilterProxy proxy;
            proxy.setSourceModel(&model);
            proxy.sort(PeerColumns::StateColumn, Qt::AscendingOrder);
            QStringList order;
            for (int row = 0; row < proxy.rowCount(); ++row)
                order.append(proxy.index(row, PeerColumns::StateColumn).data().toString());
            return order;
        };
        const QStringList devicesOrder = stateOrder(devicesModel, deviceRows);
        QCOMPARE(devicesOrder,
                 QStringList({ u"Online"_qs, u"Stale"_qs, u"Offline"_qs, u"Not on the hub"_qs }));
        const QStringList clientsOrder = stateOrder(clientsModel, clientRows);
        QCOMPARE(clientsOrder,
                 QStringList({ u"Online"_qs, u"Stale"_qs, u"Offline"_qs, u"Not on the hub yet"_qs }));
        // The shared columns carry the same headers in both tables.
        for (int column = 0; column < PeerColumns::SharedColumnCount; ++column)
            QCOMPARE(clientsModel.headerData(column, Qt::Horizontal),
                     devicesModel.headerData(column, Qt::Horizontal));
        QCOMPARE(clientsModel.index(0, ClientsModel::StateColumn).data(Qt::ToolTipRole).toString(),
                 u"No handshake since the hub started"_qs);
    }

    void requestsModelKeepsOnlyPending()
    {
        RequestsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRequests({ request(1), request(2, RequestState::Approved), request(3),
                            request(4, RequestState::Rejected) });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, RequestsModel::NameColumn).data().toString(), QStringLiteral("Person 1"));
        QCOMPARE(model.index(0, RequestsModel::NameColumn).data(KeyRole).toString(), QStringLiteral("req-1"));
        QCOMPARE(model.index(1, RequestsModel::SourceColumn).data().toString(),
                 QStringLiteral("198.51.100.3"));
        ModelSignals s(&model);
        model.setRequests({ request(1, RequestState::Approved), request(3), request(5) });
        QCOMPARE(s.removed.size(), 1);
        QCOMPARE(s.inserted.size(), 1);
        QCOMPARE(s.changed.size(), 0);
        QCOMPARE(model.rowCount(), 2);
    }

    void invitesModelUpdatesByIdThroughTheTester()
    {
        InvitesModel model;
        TextFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(InvitesModel::CreatedAtColumn, Qt::DescendingOrder);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRows({ invite(1), invite(2), invite(3) });
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(InvitesModel::ColumnCount));

        // Another admin revoked invite 2, invite 1 is gone, invite 4 is new.
        ModelSignals s(&model);
        InviteInfo revoked = invite(2, InviteState::Revoked);
        revoked.revokedAt = now();
        model.setRows({ invite(4), revoked, invite(3) });
        QCOMPARE(s.reset.size(), 0);
        QCOMPARE(s.removed.size(), 1);
        QCOMPARE(s.inserted.size(), 1);
        QCOMPARE(s.changed.size(), 1);
        const int row = model.rowOf(revoked.id);
        QCOMPARE(row, 0); // invite 1 was removed before it
        const auto changedRange = s.changed.constFirst();
        QCOMPARE(changedRange.at(0).toModelIndex().row(), row);
        QCOMPARE(changedRange.at(1).toModelIndex().row(), row);
        QCOMPARE(model.index(row, InvitesModel::StateColumn).data().toString(), u"Revoked"_qs);
        QCOMPARE(model.rowOf(invite(1).id), -1);
        QCOMPARE(model.rowAt(model.rowOf(invite(4).id)), invite(4));
        QCOMPARE(proxy.rowCount(), 3);
        QCOMPARE(proxy.index(0, 0).data(KeyRole).toString(), invite(2).id); // newest first

        // The same list again tells the views nothing.
        s.clear();
        model.setRows({ invite(4), revoked, invite(3) });
        QCOMPARE(s.changed.size() + s.inserted.size() + s.removed.size() + s.reset.size(), 0);
    }

    void inviteColumns()
    {
        InvitesModel model;
        InviteInfo forever = invite(3);
        forever.expiresAt = {};
        forever.preApproved = true;
        forever.note = QStringLiteral("night shift");
        model.setRows({ forever, invite(2, InviteState::Used) });
        auto cell = [&](int row, int column) {
            return model.index(row, column).data().toString();
        };
        QCOMPARE(cell(0, InvitesModel::NoteColumn), u"night shift"_qs);
        QCOMPARE(cell(0, InvitesModel::StateColumn), u"Usable"_qs);
        QCOMPARE(cell(0, InvitesModel::UsesColumn), u"2 of 3"_qs);
        QCOMPARE(cell(0, InvitesModel::ExpiresColumn), u"never"_qs);
        QCOMPARE(cell(0, InvitesModel::ApprovalColumn), u"Pre-approved"_qs);
        QVERIFY(!model.index(0, InvitesModel::ApprovalColumn).data(Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(cell(0, InvitesModel::CreatedByColumn), u"token:ops"_qs);
        QCOMPARE(cell(0, InvitesModel::CreatedAtColumn), AdminFormat::shortTime(forever.createdAt));
        QCOMPARE(cell(1, InvitesModel::StateColumn), u"Used up"_qs);
        QCOMPARE(cell(1, InvitesModel::UsesColumn), u"1 of 2"_qs);
        QCOMPARE(cell(1, InvitesModel::ExpiresColumn), AdminFormat::shortTime(invite(2).expiresAt));
        QCOMPARE(cell(1, InvitesModel::ApprovalColumn), u"Needs approval"_qs);
        QCOMPARE(model.index(1, InvitesModel::NoteColumn).data(KeyRole).toString(), invite(2).id);
        QCOMPARE(model.headerData(InvitesModel::UsesColumn, Qt::Horizontal).toString(), u"Uses"_qs);
        QCOMPARE(model.index(5, 0).data(), QVariant()); // out of range
    }

    void invitesSortByValueAndFilterByNote()
    {
        InvitesModel model;
        TextFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        InviteInfo forever = invite(1);
        forever.expiresAt = {};
        model.setRows({ forever, invite(11), invite(5) });
        auto order = [&] {
            QStringList notes;
            for (int row = 0; row < proxy.rowCount(); ++row)
                notes.append(proxy.index(row, InvitesModel::NoteColumn).data().toString());
            return notes;
        };
        // "never" after every date; uses as numbers ("10 of 11" after "4 of 5", as text it is before).
        proxy.sort(InvitesModel::ExpiresColumn, Qt::AscendingOrder);
        QCOMPARE(order(), (QStringList { u"shift 5"_qs, u"shift 11"_qs, u"shift 1"_qs }));
        proxy.sort(InvitesModel::UsesColumn, Qt::AscendingOrder);
        QCOMPARE(order(), (QStringList { u"shift 1"_qs, u"shift 5"_qs, u"shift 11"_qs }));
        proxy.setFilterText(u"SHIFT 11"_qs);
        QCOMPARE(order(), (QStringList { u"shift 11"_qs }));
        proxy.setFilterText(u"revoked"_qs);
        QCOMPARE(proxy.rowCount(), 0);
    }

    void auditModelAndFilters()
    {
        AuditModel model;
        AuditFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRows({ entry(5, QStringLiteral("token:ops"), QStringLiteral("request.approve"), 60),
                        entry(4, QStringLiteral("token:ops"), QStringLiteral("request.reject"), 7200),
                        entry(3, QStringLiteral("token:alice"), QStringLiteral("settings.change"), 90000),
                        entry(2, QStringLiteral("hub"), QStringLiteral("client.revoke"), 10 * 86400) });
        QCOMPARE(model.index(0, AuditModel::ChangeColumn).data().toString(), QStringLiteral("false → true"));
        QCOMPARE(proxy.rowCount(), 4);
        proxy.setActor(QStringLiteral("ops"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setAction(QStringLiteral("request.approve"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setActor({});
        proxy.setAction(QStringLiteral("request."));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setAction({});
        proxy.setTimeRange(QDateTime::currentDateTimeUtc().addSecs(-86400), {});
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setTimeRange(QDateTime::currentDateTimeUtc().addDays(-30),
                           QDateTime::currentDateTimeUtc().addDays(-1));
        QCOMPARE(proxy.rowCount(), 2); // 25 h and 10 d old
        proxy.setTimeRange({}, {});
        proxy.setFilterText(QStringLiteral("t3"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.sort(AuditModel::TimeColumn, Qt::DescendingOrder);
        proxy.setFilterText({});
        QCOMPARE(proxy.index(0, AuditModel::TimeColumn).data(KeyRole).toString(), QStringLiteral("5"));
    }

    void auditChangeTextShortensLongValues()
    {
        AuditRecord e = entry(1, QStringLiteral("a"), QStringLiteral("b"), 0);
        e.before = QJsonValue();
        e.after = QString(300, u'x');
        const QString text = AuditModel::changeText(e);
        QVERIFY(text.startsWith(QStringLiteral("∅ → xxx")));
        QVERIFY(text.endsWith(u'…'));
        QVERIFY(text.size() < 100);
    }
};

QTEST_MAIN(TestAdminModels)
#include "tst_adminmodels.moc"
