// The admin page as the app wires it (AdminPage: the Approvals tab, its badge,
// the window's tab text, the tray menu, the notification) fed by the hub's
// event stream alone: the refresh interval is a day, and the stand-in hub
// counts every GET, so nothing here can have come from a refresh.
#include "AdminPage.h"
#include "AdminSession.h"
#include "AdminView.h"
#include "ApprovalsView.h"
#include "ClientsModel.h"
#include "ClientsView.h"
#include "DevicesModel.h"
#include "DevicesView.h"
#include "EngineerFixtures.h"
#include "EngineerSession.h"
#include "FakeHub.h"
#include "FakeTunnelBackend.h"
#include "MainWindow.h"
#include "RefreshWaiter.h"
#include "RequestsModel.h"
#include "SecretStore.h"
#include "TrayIcon.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;

namespace {

constexpr int OneDayMs = 24 * 3600 * 1000;

QAction *pendingAction(TrayIcon *tray)
{
    const QList<QAction *> actions = tray->menu()->actions();
    for (QAction *a : actions) {
        if (a->text().contains(QStringLiteral("waiting for approval")))
            return a;
    }
    return nullptr;
}

} // namespace

class TestAdminLive : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<EngineerSession> m_engineer;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayIcon> m_tray;
    std::unique_ptr<AdminPage> m_page;
    std::unique_ptr<FakeHub> m_hub;
    AdminView *m_view = nullptr;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    AdminSession *session() const { return m_view->session(); }

    bool live()
    {
        return QTest::qWaitFor(
            [this] {
                // The hello read (it sets where the stream resumes) and the refresh it asked for done.
                return session()->hasLoaded() && session()->isLive() && !session()->isRefreshing()
                    && !session()->eventStream()->lastEventId().isEmpty();
            },
            15000);
    }

private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->listen());
        for (int i = 1; i <= 30; ++i)
            m_hub->addDevice(i, i % 2 ? QDateTime::currentDateTimeUtc().addSecs(-i * 10) : QDateTime());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                                 QSettings::IniFormat);
        m_secrets = std::make_unique<SecretStore>(QStringLiteral("factory-vpn-livetest-")
                                                  + QUuid::createUuid().toString(QUuid::WithoutBraces));
        EngineerSession::Dependencies dependencies;
        dependencies.secrets = m_secrets.get();
        dependencies.settings = m_settings.get();
        dependencies.identity = testIdentity();
        dependencies.backendFactory = [](BackendKind, QObject *parent) -> TunnelBackend * {
            return new FakeTunnelBackend(parent);
        };
        m_engineer = std::make_unique<EngineerSession>(dependencies);
        m_window = std::make_unique<MainWindow>();
        m_tray = std::make_unique<TrayIcon>(m_engineer.get());
        m_page = std::make_unique<AdminPage>(m_settings.get(), m_secrets.get());
        m_page->attach(m_window.get(), m_tray.get(), true);
        m_view = m_window->findChild<AdminView *>();
        QVERIFY(m_view);
        // Every model the events reach is checked through every change.
        m_testers.clear();
        for (QAbstractItemModel *model :
             { static_cast<QAbstractItemModel *>(m_view->approvalsView()->model()),
               static_cast<QAbstractItemModel *>(m_view->devicesView()->model()),
               static_cast<QAbstractItemModel *>(m_view->clientsView()->model()) })
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        session()->setRefreshInterval(OneDayMs);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_view->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QVERIFY(live());
    }

    void cleanup()
    {
        m_testers.clear();
        // As the app ends: the window (and the view in it) before the session it shows.
        m_window.reset();
        m_page.reset();
        m_tray.reset();
        m_engineer.reset();
        m_secrets.reset();
        m_settings.reset();
        m_hub.reset();
    }

    void newRequestShowsEverywhereWithoutARefresh()
    {
        const int refreshesBefore = m_hub->hits.value(QStringLiteral("GET requests"));
        QSignalSpy notified(m_view, &AdminView::requestArrived);
        QVERIFY(!pendingAction(m_tray.get()) || !pendingAction(m_tray.get())->isVisible());

        const RequestInfo r = m_hub->addPendingRequest(QStringLiteral("Mallory"), 31);

        RequestsModel *approvals = m_view->approvalsView()->model();
        QTRY_COMPARE_WITH_TIMEOUT(approvals->rowCount(), 1, 10000);
        QCOMPARE(approvals->rowAt(0).id, r.id);
        QCOMPARE(approvals->rowAt(0).name, QStringLiteral("Mallory"));
        // The badge on the Approvals tab, the page's tab, the tray menu, the notification.
        const int approvalsTab = m_view->approvalsTabIndex();
        // The count once, as a badge; the tooltip says it in words.
        QCOMPARE(m_view->tabs()->tabText(approvalsTab), QStringLiteral("A&pprovals"));
        QVERIFY(!m_view->tabs()->tabIcon(approvalsTab).isNull());
        QVERIFY(m_view->tabs()->tabToolTip(approvalsTab).startsWith(QStringLiteral("1 ")));
        const int pageTab = m_window->tabs()->indexOf(m_view);
        QVERIFY(pageTab >= 0);
        QVERIFY(!m_window->tabs()->tabIcon(pageTab).isNull());
        QAction *tray = pendingAction(m_tray.get());
        QVERIFY(tray);
        QVERIFY(tray->isVisible());
        // (Without the app's translator the plural stays "registration(s)".)
        QVERIFY2(tray->text().startsWith(QStringLiteral("1 registration")), qPrintable(tray->text()));
        QCOMPARE(notified.size(), 1);
        QCOMPARE(notified.constFirst().constFirst().value<RequestInfo>().name, QStringLiteral("Mallory"));

        QCOMPARE(m_hub->hits.value(QStringLiteral("GET requests")), refreshesBefore);
    }

    void decisionElsewhereClearsTheBadge()
    {
        const RequestInfo r = m_hub->addPendingRequest(QStringLiteral("Nina"), 32);
        QTRY_COMPARE_WITH_TIMEOUT(m_view->approvalsView()->model()->rowCount(), 1, 10000);
        // Another admin approves it (through the API, as factory-vpn-ctl would).
        AdminClient other;
        other.setHub(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        bool answered = false;
        other.approveRequest(r.id, std::nullopt, this,
                             [&answered](Result<RequestInfo> done) { answered = done.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_view->approvalsView()->model()->rowCount(), 0, 10000);
        QVERIFY(m_view->tabs()->tabIcon(m_view->approvalsTabIndex()).isNull());
        QTRY_VERIFY_WITH_TIMEOUT(!pendingAction(m_tray.get())->isVisible(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_view->clientsView()->model()->rowCount(), 1, 10000);
        QCOMPARE(m_view->clientsView()->model()->rowAt(0).publicKey, FakeHub::key(32));
    }

    void devicesFollowEventsAndDeltas()
    {
        DevicesModel *model = m_view->devicesView()->model();
        QCOMPARE(model->rowCount(), 30);
        // A device comes online: an event, no refresh.
        const int deltasBefore = m_hub->hits.value(QStringLiteral("GET devices"));
        m_hub->devices[1].live.lastHandshake = QDateTime::currentDateTimeUtc(); // dev-002 had none
        m_hub->commit();
        const int row = model->rowOf(m_hub->devices[1].publicKey);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowAt(row).live.lastHandshake.isValid(), 10000);
        QCOMPARE(m_hub->hits.value(QStringLiteral("GET devices")), deltasBefore);

        // The inventory changes: the event asks for a delta, which the models take row by row.
        for (int i = 0; i < 5; ++i)
            m_hub->devices.removeAt(3 + i);
        for (int n = 100; n < 110; ++n)
            m_hub->addDevice(n);
        m_hub->devices[0].name = QStringLiteral("renamed");
        m_hub->commit();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 35, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowAt(model->rowOf(m_hub->devices[0].publicKey)).name,
                                  QStringLiteral("renamed"), 10000);
        QVERIFY(m_hub->deviceQueries.constLast().startsWith(QStringLiteral("since=")));
        for (const DeviceInfo &d : std::as_const(m_hub->devices))
            QVERIFY(model->rowOf(d.publicKey) >= 0);
        QCOMPARE(session()->snapshot().devices, m_hub->devices);
    }
};

QTEST_MAIN(TestAdminLive)
#include "tst_adminlive.moc"
