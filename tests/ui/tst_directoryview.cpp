// "What can I reach now?": the engineer window's device list against a stand-in
// for the hub's planned directory (tests/client/FakeDirectory.h): fetched with
// the registration's own credentials once connected, filtered, copied, kept
// through refreshes, and gone the moment the registration is revoked.
#include "DirectoryModel.h"
#include "DirectoryView.h"
#include "EngineerRig.h"
#include "FakeDirectory.h"
#include "TextFilterProxy.h"
#include "Translations.h"
#include "TunnelPage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QTableView>

using namespace fvpn;
using namespace fvpn::test;

namespace {

QJsonObject listing(const QString &welderState)
{
    return QJsonObject {
        { QStringLiteral("devices"),
          QJsonArray {
              FakeDirectory::device(QStringLiteral("press-01"), QStringLiteral("10.42.42.11"),
                                    QStringLiteral("online"), QStringLiteral("2026-05-01T10:00:00Z")),
              FakeDirectory::device(QStringLiteral("welder-02"), QStringLiteral("10.42.42.12"), welderState),
              FakeDirectory::device(QStringLiteral("paint-03"), QStringLiteral("10.42.42.13"),
                                    QStringLiteral("offline")) } },
        { QStringLiteral("ssh_user"), QStringLiteral("fio") },
    };
}

// The approval as a hub that offers the directory sends it: the directory on the
// hub's VPN address (here loopback, where the stand-in listens).
QJsonObject tunnelWithDirectory(const FakeDirectory &directory)
{
    QJsonObject tunnel = approvedTunnelJson();
    tunnel.insert(QStringLiteral("hub_address"), QStringLiteral("127.0.0.1"));
    tunnel.insert(QStringLiteral("directory_url"), directory.url().toString());
    return tunnel;
}

} // namespace

class TestDirectoryView : public QObject
{
    Q_OBJECT

private:
    TlsIdentity m_identity;

    static void registerPreApproved(EngineerRig &rig, const QJsonObject &tunnel)
    {
        rig.hub.preApprovedInvite = QStringLiteral("pre.approved");
        rig.hub.preApprovedTunnel = tunnel;
        rig.registerThroughWidgets(
            HubLink(rig.hub.url(), rig.hub.fingerprint(), QStringLiteral("pre.approved")).toString());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Tunnel, 60000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // English with its plural forms, as the app runs it.
        Translations::install(qApp, QStringLiteral("en"));
        m_identity = makeTlsIdentity();
        QVERIFY(!m_identity.fingerprint.isEmpty());
    }

    void listsTheDevicesOnceConnected()
    {
        FakeDirectory directory;
        directory.answer = listing(QStringLiteral("stale"));
        EngineerRig rig(m_identity);
        DirectoryView *view = rig.view->tunnelPage()->directoryView();
        QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        registerPreApproved(rig, tunnelWithDirectory(directory));
        const FakeHub::Request request = rig.hub.requests().value(rig.hub.onlyRequestId());
        directory.requestId = request.id;
        directory.secret = request.secret;

        auto *status = rig.find<QLabel>("directoryStatus");
        QVERIFY2(status->text().contains(QStringLiteral("Connect")), qPrintable(status->text()));
        QCOMPARE(view->model()->rowCount(), 0);
        QCOMPARE(directory.requests, 0);

        QTest::mouseClick(rig.find<QPushButton>("connect"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, 60000);
        // Asked as this registration: its id and poll secret, never anything else.
        QCOMPARE(directory.lastAuthorization,
                 QByteArray("Basic ") + QString(request.id + u':' + request.secret).toUtf8().toBase64());
        QVERIFY2(status->text().startsWith(QStringLiteral("3 devices, 1 online")),
                 qPrintable(status->text()));
        QTableView *table = view->table();
        QCOMPARE(table->model()->rowCount(), 3);
        // Sorted by name.
        QCOMPARE(table->model()->index(0, DirectoryModel::NameColumn).data().toString(),
                 QStringLiteral("paint-03"));
        QCOMPARE(table->model()->index(0, DirectoryModel::StateColumn).data().toString(),
                 QStringLiteral("Offline"));

        // Filter as you type.
        QTest::keyClicks(rig.find<QLineEdit>("directoryFilter"), QStringLiteral("weld"));
        QCOMPARE(table->model()->rowCount(), 1);
        auto *copyAddress = rig.find<QPushButton>("copyDeviceAddress");
        auto *copySsh = rig.find<QPushButton>("copySshCommand");
        QVERIFY(!copyAddress->isEnabled());
        table->selectRow(0);
        QVERIFY(copyAddress->isEnabled());
        QTest::mouseClick(copyAddress, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("10.42.42.12"));
        QTest::mouseClick(copySsh, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("ssh fio@10.42.42.12"));

        // A refresh changes the row in place: the selection stays.
        directory.answer = listing(QStringLiteral("online"));
        QTest::mouseClick(rig.find<QPushButton>("directoryRefresh"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->index(0, DirectoryModel::StateColumn).data().toString(),
                                  QStringLiteral("Online"), 60000);
        QCOMPARE(view->selectedAddress(), QStringLiteral("10.42.42.12"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("3 devices, 2 online")), 60000);

        // Revoked: the list goes at once, and the hub refuses the old credentials anyway.
        directory.revoked = true;
        rig.hub.decide(request.id, QStringLiteral("revoked"), QStringLiteral("left the project"));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 0, 60000);
        QVERIFY(view->selectedAddress().isEmpty());
        QVERIFY(!copySsh->isEnabled());
    }

    void saysWhenTheHubOffersNoList()
    {
        EngineerRig rig(m_identity);
        registerPreApproved(rig, approvedTunnelJson());
        QTest::mouseClick(rig.find<QPushButton>("connect"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.session->state(), AppState::Connected, 60000);
        auto *status = rig.find<QLabel>("directoryStatus");
        QVERIFY2(status->text().contains(QStringLiteral("does not list its devices")),
                 qPrintable(status->text()));
        QVERIFY(!rig.find<QPushButton>("directoryRefresh")->isEnabled());
    }

    void singularAndPlural()
    {
        QCOMPARE(QCoreApplication::translate("fvpn::DirectoryView", "%n device(s)", nullptr, 1),
                 QStringLiteral("1 device"));
        QCOMPARE(QCoreApplication::translate("fvpn::DirectoryView", "%n device(s)", nullptr, 12),
                 QStringLiteral("12 devices"));
    }
};

QTEST_MAIN(TestDirectoryView)
#include "tst_directoryview.moc"
