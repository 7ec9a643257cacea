// The product end to end, from engineer A's laptop in the WireGuard lab of
// tests/e2e/lab-e2e.sh (real hub process, real wireguard-go devices, ping as the
// judge): A registers in the engineer view, the admin approves in the admin
// view, A connects through the app's wg-quick backend and reaches a stock
// device, the admin revokes A and A's pings stop within 2 s, and the admin's
// device-to-device switch lets two subnet-routing devices reach each other and
// then not. Widgets are the app's own, offscreen; the key sits in a real
// gnome-keyring (tests/keyring-session.sh). Timings are printed, not asserted,
// except the 2 s the product promises for revocation.
#include "AdminRoles.h"
#include "AdminSession.h"
#include "AdminTableView.h"
#include "AdminView.h"
#include "ApprovalsView.h"
#include "ClientsModel.h"
#include "ClientsView.h"
#include "DeviceToDeviceView.h"
#include "EngineerSession.h"
#include "EngineerView.h"
#include "HubLink.h"
#include "KeyManager.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "MessageBox.h"
#include "RefreshWaiter.h"
#include "RegistrationTracker.h"
#include "RequestsModel.h"
#include "SecretStore.h"
#include "TextFilterProxy.h"
#include "TrayIcon.h"
#include "WgQuickBackend.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <csignal>

using namespace fvpn;

namespace {

QString env(const char *name)
{
    return qEnvironmentVariable(name);
}

double nowSecs()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

// One echo with a 1 s deadline, from `ns` (empty: this namespace).
bool pingOnce(const QString &ns, const QString &address)
{
    QStringList command;
    if (!ns.isEmpty())
        command << QStringLiteral("ip") << QStringLiteral("netns") << QStringLiteral("exec") << ns;
    command << QStringLiteral("ping") << QStringLiteral("-n") << QStringLiteral("-q") << QStringLiteral("-c")
            << QStringLiteral("1") << QStringLiteral("-W") << QStringLiteral("1") << address;
    QProcess ping;
    ping.start(command.takeFirst(), command);
    return ping.waitForFinished(10000) && ping.exitStatus() == QProcess::NormalExit && ping.exitCode() == 0;
}

// True once an echo is answered within `seconds` (a fresh peer may need a handshake first).
bool pingAnswers(const QString &ns, const QString &address, int seconds)
{
    QElapsedTimer timer;
    timer.start();
    do {
        if (pingOnce(ns, address))
            return true;
        QTest::qWait(200);
    } while (timer.elapsed() < seconds * 1000);
    return false;
}

// True once four echoes in a row go unanswered, within `seconds`.
bool pingStops(const QString &ns, const QString &address, int seconds)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < seconds * 1000) {
        int lost = 0;
        while (lost < 4 && !pingOnce(ns, address))
            ++lost;
        if (lost == 4)
            return true;
    }
    return false;
}

// The hub's latest handshake on our interface, in seconds since the epoch (0: none).
qint64 latestHandshake(const QString &interfaceName)
{
    QProcess wg;
    wg.start(QStringLiteral("wg"),
             { QStringLiteral("show"), interfaceName, QStringLiteral("latest-handshakes") });
    if (!wg.waitForFinished(10000) || wg.exitCode() != 0)
        return 0;
    const QList<QByteArray> fields = wg.readAllStandardOutput().simplified().split(' ');
    return fields.size() >= 2 ? fields.at(1).toLongLong() : 0;
}

} // namespace

class TestEndToEnd : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<EngineerSession> m_engineer;
    std::unique_ptr<MainWindow> m_window;
    EngineerView *m_engineerView = nullptr;
    std::unique_ptr<TrayIcon> m_tray;
    std::unique_ptr<AdminSession> m_admin;
    std::unique_ptr<AdminView> m_adminView;
    double m_approvedAt = 0;

    QWidget *engineerWidget(const char *name) const
    {
        return m_window->findChild<QWidget *>(QString::fromLatin1(name));
    }
    template<typename T> T *engineerWidget(const char *name) const
    {
        return qobject_cast<T *>(engineerWidget(name));
    }
    bool adminRefreshed()
    {
        return test::refreshFromNow(
                   m_admin.get(), [this] { QTest::mouseClick(m_adminView->refreshButton(), Qt::LeftButton); })
            .value_or(false);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (env("FVPN_E2E_LINK_URL").isEmpty())
            QFAIL("run this test through tests/e2e/lab-e2e.sh (ctest does)");
        QVERIFY(m_home.isValid());

        // Engineer A's app, wired as app/desktop/main.cpp wires it (wg-quick as root).
        m_secrets = std::make_unique<SecretStore>(QStringLiteral("factory-vpn-e2e-")
                                                  + QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_settings = std::make_unique<QSettings>(m_home.filePath(QStringLiteral("settings.ini")),
                                                 QSettings::IniFormat);
        EngineerSession::Dependencies dependencies;
        dependencies.secrets = m_secrets.get();
        dependencies.settings = m_settings.get();
        dependencies.identity
            = SystemIdentity { QStringLiteral("Alice Engineer"), QStringLiteral("alice-laptop"),
                               QStringLiteral("Debian GNU/Linux 12 (bookworm)") };
        dependencies.backendFactory = [](BackendKind, QObject *parent) -> TunnelBackend * {
            return new WgQuickBackend(ToolRunner::privileged(),
                                      QString::fromLatin1(WgQuickBackend::DefaultInterface), QString(),
                                      parent);
        };
        m_engineer = std::make_unique<EngineerSession>(dependencies);
        // "Connect when approved" as the app sets it by default: the approval itself connects.
        m_engineer->setConnectWhenApproved(true);
        m_window = std::make_unique<MainWindow>();
        m_engineerView = new EngineerView(m_engineer.get(), ToolRunner::direct());
        m_window->addPage(m_engineerView, QStringLiteral("VPN access"));
        m_tray = std::make_unique<TrayIcon>(m_engineer.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

        // The admin's view of the same hub, in its own window.
        QFile tokenFile(env("FVPN_E2E_ADMIN_TOKEN_FILE"));
        QVERIFY2(tokenFile.open(QIODevice::ReadOnly), qPrintable(tokenFile.fileName()));
        const QString token = QString::fromLatin1(tokenFile.readAll().trimmed());
        m_admin = std::make_unique<AdminSession>();
        // No refresh timer: a new request must reach the admin view by its event stream.
        m_admin->setRefreshInterval(0);
        m_adminView = std::make_unique<AdminView>(nullptr, m_admin.get());
        m_adminView->resize(1100, 700);
        m_adminView->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_adminView.get()));
        m_adminView->connectTo(QUrl(env("FVPN_E2E_ADMIN_URL")), token);
        QTRY_VERIFY_WITH_TIMEOUT(m_admin->hasLoaded(), 15000);
        QVERIFY2(!m_adminView->messageBar()->isVisible(), qPrintable(m_adminView->messageBar()->text()));
    }

    void cleanupTestCase()
    {
        // Leave nothing: the tunnel down (if a step failed midway) and the key out of the keyring.
        if (m_engineer && m_engineer->tunnel()->status().interfaceExists) {
            m_engineer->tunnel()->disconnectTunnel();
            QTRY_VERIFY_WITH_TIMEOUT(!m_engineer->tunnel()->status().interfaceExists, 30000);
        }
        if (m_engineer)
            m_engineer->keys()->remove(m_engineer.get(), [](Result<void>) {});
        m_adminView.reset();
        m_admin.reset();
        m_tray.reset();
        m_window.reset();
        m_engineer.reset();
    }

    void step1_engineerRegistersInTheEngineerView()
    {
        QString fingerprint = env("FVPN_E2E_FINGERPRINT");
        fingerprint.remove(QStringLiteral("sha256:"));
        const QString link = HubLink(QUrl(env("FVPN_E2E_LINK_URL")), fingerprint, QString()).toString();
        QTest::keyClicks(engineerWidget<QLineEdit>("link"), link);
        QTest::mouseClick(engineerWidget<QPushButton>("generate"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(engineerWidget("register")->isEnabled(), 60000);
        const double registerClickedAt = nowSecs();
        QTest::mouseClick(engineerWidget<QPushButton>("register"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_engineerView->currentPage(), EngineerView::Page::Request, 60000);
        QVERIFY2(m_engineerView->lastError().isEmpty(), qPrintable(m_engineerView->lastError()));
        // The admin view hears of it without a Refresh click or a timer (its event stream).
        const QString id = m_engineer->profile().requestId;
        QElapsedTimer waited;
        waited.start();
        while (m_adminView->approvalsView()->model()->rowOf(id) < 0 && waited.elapsed() < 30000)
            QTest::qWait(20);
        const double listedAt = nowSecs();
        QVERIFY2(m_adminView->approvalsView()->model()->rowOf(id) >= 0,
                 "the request did not reach the admin view by its event stream within 30 s");
        qInfo().noquote() << QStringLiteral("TIMING register click -> request in the admin view: %1 s "
                                            "[event stream, no refresh]")
                                 .arg(listedAt - registerClickedAt, 0, 'f', 2);
        QCOMPARE(m_engineer->state(), AppState::Pending);
        QCOMPARE(m_tray->shownState(), AppState::Pending);
        // Not on the VPN yet: nothing answers.
        QVERIFY(!pingOnce(QString(), env("FVPN_E2E_STOCK_DEVICE")));
    }

    void step2_adminApprovesInTheAdminView()
    {
        const QString id = m_engineer->profile().requestId;
        ApprovalsView *approvals = m_adminView->approvalsView();
        const int sourceRow = approvals->model()->rowOf(id);
        QVERIFY2(sourceRow >= 0, "the admin view does not list A's request");
        QAbstractItemModel *shown = approvals->table()->model();
        int row = -1;
        for (int r = 0; r < shown->rowCount(); ++r) {
            if (shown->index(r, 0).data(KeyRole).toString() == id)
                row = r;
        }
        QVERIFY(row >= 0);
        approvals->table()->selectRow(row);
        // The evidence the admin decides on is what A's window said it would send.
        QVERIFY(approvals->findChild<QLabel *>(QStringLiteral("evidence"))->text().contains(u"alice-laptop"));
        QVERIFY2(approvals->approveButton()->isEnabled(), qPrintable(approvals->addressProblem()->text()));
        QSignalSpy clients(m_admin.get(), &AdminSession::clientsChanged);
        m_approvedAt = nowSecs();
        QTest::mouseClick(approvals->approveButton(), Qt::LeftButton);
        QVERIFY(clients.wait(15000));
        QVERIFY(m_adminView->clientsView()->model()->rowOf(m_engineer->profile().publicKey) >= 0);
    }

    void step3_engineerConnectsAndReachesADevice()
    {
        // The app learns of the approval from its long-poll and, with "Connect when
        // approved" on, connects by itself: no click from here.
        QElapsedTimer noticing;
        noticing.start();
        while (m_engineerView->currentPage() != EngineerView::Page::Tunnel && noticing.elapsed() < 120000)
            QTest::qWait(20);
        const double noticedAt = nowSecs();
        QCOMPARE(m_engineerView->currentPage(), EngineerView::Page::Tunnel);
        const QString interfaceName = m_engineer->tunnel()->backend()->interfaceName();
        // Handshakes are read from WireGuard itself, every 50 ms, so the time is not the monitor's poll.
        QElapsedTimer waited;
        waited.start();
        qint64 handshake = 0;
        while (handshake == 0 && waited.elapsed() < 60000) {
            handshake = latestHandshake(interfaceName);
            if (handshake == 0)
                QTest::qWait(50);
        }
        const double handshakeSeenAt = nowSecs();
        QVERIFY2(handshake > 0, "no handshake with the hub within 60 s of the approval being seen");
        QTRY_COMPARE_WITH_TIMEOUT(m_tray->shownState(), AppState::Connected, 30000);
        const double trayConnectedAt = nowSecs();
        qInfo().noquote()
            << QStringLiteral("TIMING approval click -> first handshake: %1 s (approval -> the app shows "
                              "Approved: %2 s [long-poll]; connected by itself, connect when approved; tray "
                              "shows Connected %3 s after approval)")
                   .arg(handshakeSeenAt - m_approvedAt, 0, 'f', 2)
                   .arg(noticedAt - m_approvedAt, 0, 'f', 2)
                   .arg(trayConnectedAt - m_approvedAt, 0, 'f', 2);

        QVERIFY2(pingAnswers(QString(), env("FVPN_E2E_STOCK_DEVICE"), 20),
                 "the stock device does not answer A");
        QVERIFY2(pingAnswers(QString(), env("FVPN_E2E_HUB_ADDRESS"), 20), "the hub does not answer A");
        QVERIFY(engineerWidget<QLabel>("address")->text().startsWith(u"10.42.42."));
    }

    void step4_revokedEngineerLosesTheVpnWithinTwoSeconds()
    {
        // A continuous ping with a timestamp on every answer: the last answer tells when A lost the VPN.
        QProcess ping;
        ping.start(QStringLiteral("ping"),
                   { QStringLiteral("-n"), QStringLiteral("-D"), QStringLiteral("-i"), QStringLiteral("0.05"),
                     QStringLiteral("-W"), QStringLiteral("1"), QStringLiteral("-c"), QStringLiteral("600"),
                     env("FVPN_E2E_STOCK_DEVICE") });
        QVERIFY(ping.waitForStarted());
        QTest::qWait(1500);

        ClientsView *clients = m_adminView->clientsView();
        QVERIFY(adminRefreshed());
        const int sourceRow = clients->model()->rowOf(m_engineer->profile().publicKey);
        QVERIFY(sourceRow >= 0);
        clients->table()->selectRow(
            clients->proxy()->mapFromSource(clients->model()->index(sourceRow, 0)).row());
        MessageBox::setNextAnswer(true);
        QSignalSpy changed(m_admin.get(), &AdminSession::clientsChanged);
        const double revokedAt = nowSecs();
        QTest::mouseClick(clients->revokeButton(), Qt::LeftButton);
        QVERIFY(changed.wait(15000));
        QCOMPARE(clients->model()->rowOf(m_engineer->profile().publicKey), -1);
        QTest::qWait(4000);
        ::kill(pid_t(ping.processId()), SIGINT);
        QVERIFY(ping.waitForFinished(10000));

        const QString output = QString::fromLatin1(ping.readAllStandardOutput());
        static const QRegularExpression answer(QStringLiteral(R"(^\[(\d+\.\d+)\] \d+ bytes from)"),
                                               QRegularExpression::MultilineOption);
        double lastAnswer = 0;
        int before = 0;
        for (auto it = answer.globalMatch(output); it.hasNext();) {
            const double at = it.next().captured(1).toDouble();
            lastAnswer = std::max(lastAnswer, at);
            before += at < revokedAt ? 1 : 0;
        }
        QVERIFY2(before > 10,
                 qPrintable(QStringLiteral("A's ping was not answered before the revocation:\n") + output));
        const double lostAfter = lastAnswer - revokedAt;
        qInfo().noquote() << QStringLiteral(
                                 "TIMING revoke click -> A's last answered echo: %1 s (%2 answered before)")
                                 .arg(lostAfter, 0, 'f', 2)
                                 .arg(before);
        QVERIFY2(lostAfter <= 2.0,
                 qPrintable(QStringLiteral("A's pings were still answered %1 s after the revocation")
                                .arg(lostAfter, 0, 'f', 2)));
        QVERIFY2(pingStops(QString(), env("FVPN_E2E_STOCK_DEVICE"), 5), "A still reaches the device");
        // And A's app hears it on its next poll (the approved-state interval is long; ask now).
        m_engineer->tracker()->pollNow();
        QTRY_VERIFY_WITH_TIMEOUT(m_engineer->profile().lastStatus
                                     && m_engineer->profile().lastStatus->state == RegistrationState::Revoked,
                                 30000);
        // ...and takes its tunnel down: a tunnel to a hub that dropped it only misleads.
        QTRY_VERIFY_WITH_TIMEOUT(!m_engineer->tunnel()->status().interfaceExists, 30000);
        QCOMPARE(m_tray->shownState(), AppState::NotRegistered);
    }

    void step5_deviceToDeviceFollowsTheAdminsSwitch()
    {
        const QString s1 = env("FVPN_E2E_S1_NS"), s2 = env("FVPN_E2E_S2_NS");
        const QString a1 = env("FVPN_E2E_S1"), a2 = env("FVPN_E2E_S2");
        QVERIFY2(pingStops(s1, a2, 5), "s1 reaches s2 before the mode is on");

        DeviceToDeviceView *view = m_adminView->deviceToDeviceView();
        m_adminView->tabs()->setCurrentWidget(view);
        QVERIFY(!view->toggle()->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(view->toggle()->isEnabled(), 15000);
        MessageBox::setNextAnswer(true);
        QTest::mouseClick(view->toggle(), Qt::LeftButton, {}, QPoint(6, view->toggle()->height() / 2));
        QTRY_VERIFY_WITH_TIMEOUT(view->stateLabel()->text().contains(u"reports: ON"), 15000);
        QVERIFY2(pingAnswers(s1, a2, 20), "with the mode on, s1 does not reach s2");
        QVERIFY2(pingAnswers(s2, a1, 20), "with the mode on, s2 does not reach s1");

        // The event stream can show the hub's new state before the answer to the admin's own
        // request arrives; until then the switch is disabled and a click on it does nothing,
        // as for a person. Click when it can be clicked.
        QTRY_VERIFY_WITH_TIMEOUT(view->toggle()->isEnabled(), 15000);
        QVERIFY(view->toggle()->isChecked());
        MessageBox::setNextAnswer(true);
        QTest::mouseClick(view->toggle(), Qt::LeftButton, {}, QPoint(6, view->toggle()->height() / 2));
        QTRY_VERIFY_WITH_TIMEOUT(view->stateLabel()->text().contains(u"reports: OFF"), 15000);
        QVERIFY2(pingStops(s1, a2, 10), "with the mode off again, s1 still reaches s2");
        QVERIFY2(pingStops(s2, a1, 10), "with the mode off again, s2 still reaches s1");
    }
};

QTEST_MAIN(TestEndToEnd)
#include "tst_endtoend.moc"
