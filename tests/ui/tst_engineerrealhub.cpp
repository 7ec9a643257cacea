#include "AsyncWait.h"
#include "EngineerFixtures.h"
#include "EngineerSession.h"
#include "EngineerView.h"
#include "FakeTunnelBackend.h"
#include "HubLink.h"
#include "HubProcess.h"
#include "KeyManager.h"
#include "KeyReplacer.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "RegistrationTracker.h"
#include "SecretStore.h"
#include "TrayIcon.h"

#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;
using namespace std::chrono_literals;

// The engineer's window against the real factory-vpn-hub process on loopback
// (public listener over TLS with its self-signed certificate, admin listener
// over HTTP; the hub's wg/ip/nft are stand-ins, see tests/hubapi/HubProcess):
// register through the widgets, approve through the admin API, see the view
// switch to approved, connect (the tunnel backend here is a stand-in too; real
// tunnels are tests/client/tst_engineerlab).
class TestEngineerRealHub : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void registerApproveConnect()
    {
        HubProcess hub;
        QVERIFY2(hub.start(), qPrintable(hub.log()));
        QTemporaryDir dir;
        SecretStore secrets(QStringLiteral("factory-vpn-realhub-")
                            + QUuid::createUuid().toString(QUuid::WithoutBraces));
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        QPointer<FakeTunnelBackend> backend;
        EngineerSession::Dependencies dependencies;
        dependencies.secrets = &secrets;
        dependencies.settings = &settings;
        dependencies.identity = testIdentity();
        dependencies.backendFactory = [&backend](BackendKind, QObject *parent) -> TunnelBackend * {
            backend = new FakeTunnelBackend(parent);
            return backend;
        };
        EngineerSession session(dependencies);
        session.setConnectWhenApproved(false); // Connect is clicked below
        RegistrationTracker::Backoff fast;
        fast.first = 50ms;
        fast.max = 200ms;
        fast.approvedInterval = 1h;
        session.tracker()->setBackoff(fast);
        session.keyReplacer()->tracker()->setBackoff(fast);
        session.tunnel()->monitor()->setPollInterval(100ms);
        MainWindow window;
        auto *view = new EngineerView(&session, ToolRunner::direct());
        window.addPage(view, QStringLiteral("VPN access"));
        TrayIcon tray(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto find = [&window](const char *name) {
            return window.findChild<QWidget *>(QString::fromLatin1(name));
        };

        // The link the hub itself makes (`GET /api/v1/enrollment` on the admin side).
        const HttpReply enrollment = hub.send(true, "GET", QStringLiteral("/api/v1/enrollment"), {},
                                              { { "Authorization", "Bearer " + hub.token().toLatin1() } });
        QCOMPARE(enrollment.status, 200);
        QString link = enrollment.json().value(QStringLiteral("link")).toString();
        const QString expectedUrl = QStringLiteral("https://127.0.0.1:%1").arg(hub.publicPort());
        // The hub advertises its public URL from its endpoint; this test reaches it on loopback.
        if (!link.contains(QString::fromLatin1(QUrl::toPercentEncoding(expectedUrl))))
            link = HubLink(QUrl(expectedUrl), hub.fingerprintHex(), QString()).toString();
        QVERIFY2(HubLink::parse(link), qPrintable(link));

        auto *linkEdit = qobject_cast<QLineEdit *>(find("link"));
        QTest::keyClicks(linkEdit, link);
        QTest::mouseClick(qobject_cast<QPushButton *>(find("generate")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(find("register")->isEnabled(), 60000);
        QTest::mouseClick(qobject_cast<QPushButton *>(find("register")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(view->currentPage(), EngineerView::Page::Request, 60000);
        QVERIFY2(view->lastError().isEmpty(), qPrintable(view->lastError()));
        QCOMPARE(session.state(), AppState::Pending);
        const QString id = session.profile().requestId;
        QVERIFY(!id.isEmpty());

        // The admin sees the request with what the window showed, and approves it.
        const HttpReply pending = hub.send(true, "GET", QStringLiteral("/api/v1/requests/") + id, {},
                                           { { "Authorization", "Bearer " + hub.token().toLatin1() } });
        QCOMPARE(pending.status, 200);
        QCOMPARE(pending.json().value(QStringLiteral("name")).toString(), QStringLiteral("Alice Example"));
        QCOMPARE(pending.json().value(QStringLiteral("hostname")).toString(), QStringLiteral("alice-laptop"));
        QCOMPARE(pending.json().value(QStringLiteral("public_key")).toString(),
                 session.profile().publicKey.toBase64());
        const HttpReply approved
            = hub.send(true, "POST", QStringLiteral("/api/v1/requests/%1/approve").arg(id), "{}",
                       { { "Authorization", "Bearer " + hub.token().toLatin1() },
                         { "Content-Type", "application/json" } });
        QVERIFY2(approved.status == 200, approved.body.constData());

        QTRY_COMPARE_WITH_TIMEOUT(view->currentPage(), EngineerView::Page::Tunnel, 60000);
        QCOMPARE(session.state(), AppState::Disconnected);
        const TunnelParameters tunnel = session.profile().lastStatus->tunnel;
        QCOMPARE(qobject_cast<QLabel *>(find("address"))->text(), tunnel.address.toString());
        // The address is the one the hub wrote into factory-clients.conf for our key.
        QVERIFY2(hub.clientsFileBytes().contains(
                     (session.profile().publicKey.toBase64() + u' ' + tunnel.address.toString()).toLatin1()),
                 hub.clientsFileBytes().constData());

        QTest::mouseClick(qobject_cast<QPushButton *>(find("connect")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tray.shownState(), AppState::Connected, 60000);
        QVERIFY(backend);
        QCOMPARE(backend->upKey, session.profile().publicKey);
        QCOMPARE(backend->hubKey, tunnel.hubPublicKey);

        // Replace my key: confirmed in the dialog, sent as a replacement of this request.
        const PublicKey oldKey = session.profile().publicKey;
        const QString oldLine = oldKey.toBase64() + u' ' + tunnel.address.toString();
        QVERIFY(find("replaceKey")->isVisible());
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(qobject_cast<QPushButton *>(find("replaceKey")), Qt::LeftButton);
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("old key is deleted")));
        QTRY_COMPARE_WITH_TIMEOUT(session.keyReplacer()->phase(), KeyReplacer::Phase::Pending, 60000);
        QVERIFY2(view->lastError().isEmpty(), qPrintable(view->lastError()));
        const PublicKey newKey = session.profile().replacement->publicKey;
        const QString newId = session.profile().replacement->requestId;
        auto *replacementLabel = qobject_cast<QLabel *>(find("replacement"));
        QTRY_VERIFY_WITH_TIMEOUT(replacementLabel->isVisible(), 60000);
        QVERIFY2(replacementLabel->text().contains(QStringLiteral("waiting for an administrator")),
                 qPrintable(replacementLabel->text()));
        QVERIFY(find("cancelReplacement")->isVisible());
        QVERIFY(!find("replaceKey")->isVisible());
        // Meanwhile the old key is still the peer, and the tunnel stays up.
        QVERIFY(hub.clientsFileBytes().contains(oldLine.toLatin1()));
        QCOMPARE(tray.shownState(), AppState::Connected);

        // The admin sees it as a replacement of the approved request, and approves it.
        const HttpReply request = hub.send(true, "GET", QStringLiteral("/api/v1/requests/") + newId, {},
                                           { { "Authorization", "Bearer " + hub.token().toLatin1() } });
        QCOMPARE(request.json().value(QStringLiteral("replaces")).toString(), id);
        QCOMPARE(request.json().value(QStringLiteral("name")).toString(), QStringLiteral("Alice Example"));
        QCOMPARE(request.json().value(QStringLiteral("hostname")).toString(), QStringLiteral("alice-laptop"));
        const HttpReply approvedNew
            = hub.send(true, "POST", QStringLiteral("/api/v1/requests/%1/approve").arg(newId), "{}",
                       { { "Authorization", "Bearer " + hub.token().toLatin1() },
                         { "Content-Type", "application/json" } });
        QVERIFY2(approvedNew.status == 200, approvedNew.body.constData());

        QTRY_COMPARE_WITH_TIMEOUT(session.profile().publicKey, newKey, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(session.keyReplacer()->phase(), KeyReplacer::Phase::None, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!session.keyReplacer()->isTidying(), 60000);
        QCOMPARE(session.profile().requestId, newId);
        // The hub: the new key has the old address, the old key is in neither the
        // clients file, the client list nor on the interface.
        QVERIFY2(hub.clientsFileBytes().contains(
                     (newKey.toBase64() + u' ' + tunnel.address.toString()).toLatin1()),
                 hub.clientsFileBytes().constData());
        QVERIFY(!hub.clientsFileBytes().contains(oldKey.toBase64().toLatin1()));
        const HttpReply clients = hub.send(true, "GET", QStringLiteral("/api/v1/clients"), {},
                                           { { "Authorization", "Bearer " + hub.token().toLatin1() } });
        QVERIFY(!clients.body.contains(oldKey.toBase64().toLatin1()));
        QVERIFY(clients.body.contains(newKey.toBase64().toLatin1()));
        for (const QString &peer : hub.interfacePeers())
            QVERIFY2(!peer.startsWith(oldKey.toBase64()), qPrintable(peer));
        // The keychain: the new key is the key; the old one and the second entry are gone.
        const Result<PrivateKey> kept
            = waitFor<PrivateKey>([&](QObject *context, auto done) { session.keys()->load(context, done); });
        QVERIFY(kept);
        QCOMPARE(kept->publicKey(), newKey);
        const Result<PrivateKey> next = waitFor<PrivateKey>(
            [&](QObject *context, auto done) { session.keyReplacer()->nextKeys()->load(context, done); });
        QVERIFY(!next);
        QCOMPARE(next.error().code, ErrorCode::NotFound);
        // The window says so in words, and the tunnel came back with the new key.
        QTRY_VERIFY_WITH_TIMEOUT(replacementLabel->text().contains(QStringLiteral("old key was deleted")),
                                 60000);
        QTRY_COMPARE_WITH_TIMEOUT(tray.shownState(), AppState::Connected, 60000);
        QCOMPARE(backend->upKey, newKey);
        QVERIFY(find("replaceKey")->isVisible());

        const Result<void> removed
            = waitFor<void>([&](QObject *context, auto done) { session.keys()->remove(context, done); });
        QVERIFY(removed);
    }

#ifdef FVPN_CTL_BINARY
    // One fingerprint format everywhere: what `factory-vpn-ctl enrollment` prints
    // for the real hub is, character for character, what the engineer's window
    // shows when the hub's address is typed without a pin (and without https://).
    void certificateReadsLikeTheCtl()
    {
        HubProcess hub;
        QVERIFY2(hub.start(), qPrintable(hub.log()));
        QProcess ctl;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FACTORY_VPN_TOKEN"), hub.token());
        ctl.setProcessEnvironment(env);
        ctl.start(QStringLiteral(FVPN_CTL_BINARY),
                  { QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:%1").arg(hub.adminPort()),
                    QStringLiteral("enrollment") });
        QVERIFY(ctl.waitForFinished(60000));
        const QString printed = QString::fromUtf8(ctl.readAllStandardOutput());
        QVERIFY2(ctl.exitCode() == 0, qPrintable(printed + QString::fromUtf8(ctl.readAllStandardError())));
        QString ctlFingerprint;
        for (const QString &line : printed.split(u'\n')) {
            if (line.startsWith(QStringLiteral("fingerprint: ")))
                ctlFingerprint = line.mid(13).trimmed();
        }
        QCOMPARE(ctlFingerprint, QStringLiteral("sha256:") + hub.fingerprintHex());

        QTemporaryDir dir;
        SecretStore secrets(QStringLiteral("factory-vpn-realhub-")
                            + QUuid::createUuid().toString(QUuid::WithoutBraces));
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        EngineerSession::Dependencies dependencies;
        dependencies.secrets = &secrets;
        dependencies.settings = &settings;
        dependencies.identity = testIdentity();
        dependencies.backendFactory = [](BackendKind, QObject *parent) -> TunnelBackend * {
            return new FakeTunnelBackend(parent);
        };
        EngineerSession session(dependencies);
        MainWindow window;
        auto *view = new EngineerView(&session, ToolRunner::direct());
        window.addPage(view, QStringLiteral("VPN access"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *link = window.findChild<QLineEdit *>(QStringLiteral("link"));
        QTest::keyClicks(link, QStringLiteral("127.0.0.1:%1").arg(hub.publicPort()));
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("generate")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QPushButton *>(QStringLiteral("register"))->isEnabled(),
                                 60000);
        MessageBox::setNextAnswer(QMessageBox::No);
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("register")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!view->lastError().isEmpty(), 60000);
        const QStringList shown = MessageBox::lastText().split(u'\n');
        QVERIFY2(shown.contains(ctlFingerprint), qPrintable(MessageBox::lastText()));

        const Result<void> removed
            = waitFor<void>([&](QObject *context, auto done) { session.keys()->remove(context, done); });
        QVERIFY(removed);
    }
#endif
};

QTEST_MAIN(TestEngineerRealHub)
#include "tst_engineerrealhub.moc"
