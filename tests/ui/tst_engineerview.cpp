#include "AsyncWait.h"
#include "ClientProfile.h"
#include "Diagnostics.h"
#include "DiagnosticsDialog.h"
#include "DiagnosticsModel.h"
#include "EngineerFixtures.h"
#include "EngineerRig.h"
#include "EngineerSession.h"
#include "EngineerView.h"
#include "ExportDialog.h"
#include "FakeHub.h"
#include "FakeTunnelBackend.h"
#include "FileDialog.h"
#include "HubLink.h"
#include "KeyManager.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "QrCode.h"
#include "QuitGuard.h"
#include "RegistrationTracker.h"
#include "SecretStore.h"
#include "TrayIcon.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>

using namespace fvpn;
using namespace fvpn::test;
using namespace std::chrono_literals;

using Rig = EngineerRig;

class TestEngineerView : public QObject
{
    Q_OBJECT

private:
    TlsIdentity m_identity;

private Q_SLOTS:
    void initTestCase()
    {
        m_identity = makeTlsIdentity();
        QVERIFY(!m_identity.fingerprint.isEmpty());
    }

    void firstRunShowsWhatWillBeSent()
    {
        Rig rig(m_identity);
        rig.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
        QCOMPARE(rig.view->currentPage(), EngineerView::Page::Enroll);
        QCOMPARE(rig.find<QLineEdit>("name")->text(), QStringLiteral("Alice Example"));
        QVERIFY(rig.find<QLabel>("computer")->text().contains(QStringLiteral("alice-laptop")));
        QVERIFY(
            rig.find<QLabel>("computer")->text().contains(QStringLiteral("Debian GNU/Linux 12 (bookworm)")));
        QVERIFY(!rig.find<QPushButton>("register")->isEnabled()); // no key yet
        QCOMPARE(rig.find<QLabel>("stateTitle")->text(), QStringLiteral("Not registered"));
        QCOMPARE(rig.tray->shownState(), AppState::NotRegistered);
        // Offscreen there is no system tray: the app is a window only.
        QVERIFY(!rig.tray->isShown());
    }

    void badLinkIsExplainedAndNothingIsSent()
    {
        Rig rig(m_identity);
        rig.registerThroughWidgets(QStringLiteral("http://hub.example.com"));
        QVERIFY2(rig.view->lastError().contains(QStringLiteral("https://")),
                 qPrintable(rig.view->lastError()));
        QVERIFY(rig.find<QLabel>("error")->isVisibleTo(&rig.window));
        QCOMPARE(rig.hub.requests().size(), 0);
    }

    void linkFromOutsideIsOfferedOnlyBeforeRegistering()
    {
        Rig rig(m_identity);
        const int asked = MessageBox::askedCount();
        QVERIFY(rig.view->offerEnrollmentLink(rig.link()));
        QCOMPARE(rig.find<QLineEdit>("link")->text(), rig.link());
        QCOMPARE(MessageBox::askedCount(), asked);
        // Nothing is registered by itself: the engineer still clicks Register.
        QCOMPARE(rig.view->currentPage(), EngineerView::Page::Enroll);
        QCOMPARE(rig.hub.requests().size(), 0);
        QTest::mouseClick(rig.find<QPushButton>("generate"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(rig.find<QPushButton>("register")->isEnabled(), 60000);
        QCOMPARE(rig.hub.requests().size(), 0);
        QTest::mouseClick(rig.find<QPushButton>("register"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Request, 60000);
        QCOMPARE(rig.session->profile().hubUrl, rig.hub.url());

        // A second link while the request waits changes nothing and says what to do.
        const QString other
            = HubLink(QUrl(QStringLiteral("https://other.example.com:8443")), QString(64, u'b'), QString())
                  .toString();
        MessageBox::setNextAnswer(QMessageBox::Ok);
        QVERIFY(!rig.view->offerEnrollmentLink(other));
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("Cancel request")),
                 qPrintable(MessageBox::lastText()));
        QVERIFY(MessageBox::lastText().contains(rig.hub.url().host()));
        QCOMPARE(rig.session->profile().hubUrl, rig.hub.url());
        QCOMPARE(rig.find<QLineEdit>("link")->text(), rig.link());

        rig.hub.approve(rig.hub.onlyRequestId(), approvedTunnelJson());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Tunnel, 60000);
        MessageBox::setNextAnswer(QMessageBox::Ok);
        QVERIFY(!rig.view->offerEnrollmentLink(other));
        QVERIFY2(MessageBox::lastText().contains(
                     QStringLiteral("already has a registration with %1").arg(rig.hub.url().host())),
                 qPrintable(MessageBox::lastText()));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("Start over")));
        QCOMPARE(rig.session->profile().hubUrl, rig.hub.url());
        QCOMPARE(rig.view->currentPage(), EngineerView::Page::Tunnel);
        QCOMPARE(rig.hub.requests().size(), 1);
    }

    void invalidLinkFromOutsideGetsTheParsersMessage_data()
    {
        QTest::addColumn<QString>("link");
        QTest::newRow("unknown parameter")
            << QStringLiteral("factory-vpn://enroll?url=https%3A%2F%2Fhub.example.com&fp=sha256%3A"
                              "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&evil=1");
        QTest::newRow("short fingerprint")
            << QStringLiteral("factory-vpn://enroll?url=https%3A%2F%2Fhub.example.com&fp=sha256%3Aabcd");
        QTest::newRow("no url") << QStringLiteral("factory-vpn://enroll?fp=sha256%3Aabcd");
        QTest::newRow("other action") << QStringLiteral("factory-vpn://connect?url=x");
        QTest::newRow("plain http") << QStringLiteral("http://hub.example.com");
    }

    void invalidLinkFromOutsideGetsTheParsersMessage()
    {
        QFETCH(QString, link);
        const Result<HubLink> parsed = HubLink::parse(link);
        QVERIFY(!parsed);
        Rig rig(m_identity);
        rig.find<QLineEdit>("link")->setText(QStringLiteral("https://typed.example.com"));
        MessageBox::setNextAnswer(QMessageBox::Ok);
        QVERIFY(!rig.view->offerEnrollmentLink(link));
        QVERIFY2(MessageBox::lastText().contains(parsed.error().message), qPrintable(MessageBox::lastText()));
        QCOMPARE(rig.find<QLineEdit>("link")->text(), QStringLiteral("https://typed.example.com"));
        QVERIFY(!MessageBox::hasPendingAnswer());
    }

    void registerApproveConnectDisconnect()
    {
        Rig rig(m_identity);
        rig.window.show();
        rig.find<QLineEdit>("name")->setText(QStringLiteral("Alice Q. Example"));
        rig.registerThroughWidgets(rig.link());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Request, 60000);
        QCOMPARE(rig.find<QLabel>("stateTitle")->text(), QStringLiteral("Waiting for approval"));
        QCOMPARE(rig.tray->shownState(), AppState::Pending);

        // What the hub got is what the window showed.
        const QString id = rig.hub.onlyRequestId();
        const QJsonObject sent = rig.hub.requests().value(id).body;
        QCOMPARE(sent.value(QStringLiteral("name")).toString(), QStringLiteral("Alice Q. Example"));
        QCOMPARE(sent.value(QStringLiteral("hostname")).toString(), QStringLiteral("alice-laptop"));
        QCOMPARE(sent.value(QStringLiteral("os")).toString(),
                 QStringLiteral("Debian GNU/Linux 12 (bookworm)"));
        QCOMPARE(sent.value(QStringLiteral("public_key")).toString(),
                 rig.session->profile().publicKey.toBase64());
        // The key is shown by its fingerprint (it fits any window); the whole key is in the tooltip.
        QVERIFY(rig.find<QLabel>("key")->text().contains(rig.session->profile().publicKey.fingerprint()));
        QVERIFY(rig.find<QLabel>("key")->toolTip().contains(rig.session->profile().publicKey.toBase64()));

        QSignalSpy approvals(rig.session.get(), &EngineerSession::approved);
        const QJsonObject tunnel = approvedTunnelJson();
        rig.hub.approve(id, tunnel);
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Tunnel, 60000);
        QCOMPARE(approvals.size(), 1);
        QCOMPARE(rig.find<QLabel>("address")->text(), QStringLiteral("10.42.42.7"));
        QCOMPARE(rig.find<QLabel>("stateTitle")->text(), QStringLiteral("Disconnected"));
        QCOMPARE(rig.tray->shownState(), AppState::Disconnected);
        QPushButton *connectButton = rig.find<QPushButton>("connect");
        QCOMPARE(connectButton->text(), QStringLiteral("&Connect"));

        QTest::mouseClick(connectButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.tray->shownState(), AppState::Connected, 60000);
        QVERIFY(rig.backend);
        QCOMPARE(rig.backend->ups, 1);
        // The key that went to the backend is the one in the keychain.
        QCOMPARE(rig.backend->upKey, rig.session->profile().publicKey);
        QCOMPARE(rig.backend->hubKey.toBase64(), tunnel.value(QStringLiteral("hub_public_key")).toString());
        QCOMPARE(rig.find<QLabel>("stateTitle")->text(), QStringLiteral("Connected"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.find<QLabel>("handshake")->text().endsWith(QStringLiteral("s ago")),
                                 60000);
        QCOMPARE(rig.find<QLabel>("endpoint")->text(), QStringLiteral("192.0.2.1:5555"));
        QVERIFY(rig.find<QLabel>("transfer")->text().contains(QStringLiteral("2.0 KiB received")));
        QCOMPARE(connectButton->text(), QStringLiteral("&Disconnect"));
        QVERIFY(rig.tray->toolTip().contains(QStringLiteral("Connected")));
        QVERIFY(rig.tray->toolTip().contains(QStringLiteral("10.42.42.7")));

        // An old handshake: the tray says so.
        rig.backend->handshakeAge = 400;
        QTRY_COMPARE_WITH_TIMEOUT(rig.tray->shownState(), AppState::Stale, 60000);
        QVERIFY(rig.tray->toolTip().contains(QStringLiteral("No recent handshake")));
        rig.backend->handshakeAge = 1;
        QTRY_COMPARE_WITH_TIMEOUT(rig.tray->shownState(), AppState::Connected, 60000);

        // The tray's menu disconnects too; `down` never gets the key.
        rig.tray->connectAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(rig.tray->shownState(), AppState::Disconnected, 60000);
        QCOMPARE(rig.backend->downs, 1);
        QVERIFY(!rig.backend->downHadKey);
        QCOMPARE(connectButton->text(), QStringLiteral("&Connect"));
    }

    void connectsByItselfWhenApproved()
    {
        Rig rig(m_identity, std::nullopt); // a new profile, as the engineer finds it
        QCheckBox *box = rig.find<QCheckBox>("connectWhenApproved");
        QVERIFY(box);
        QVERIFY(box->isChecked());
        QVERIFY(rig.session->profile().connectWhenApproved);
        rig.registerThroughWidgets(rig.link());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Request, 60000);
        QSignalSpy approvals(rig.session.get(), &EngineerSession::approved);
        rig.hub.approve(rig.hub.onlyRequestId(), approvedTunnelJson());
        // No click: the approval brings the tunnel up.
        QTRY_COMPARE_WITH_TIMEOUT(rig.tray->shownState(), AppState::Connected, 60000);
        QCOMPARE(approvals.size(), 1);
        QVERIFY(rig.backend);
        QCOMPARE(rig.backend->ups, 1);
        QCOMPARE(rig.backend->upKey, rig.session->profile().publicKey);
        QCOMPARE(rig.find<QPushButton>("connect")->text(), QStringLiteral("&Disconnect"));
    }

    void connectWhenApprovedIsTheEngineersChoice()
    {
        Rig rig(m_identity, std::nullopt);
        QCheckBox *box = rig.find<QCheckBox>("connectWhenApproved");
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(4, box->height() / 2));
        QVERIFY(!box->isChecked());
        QVERIFY(!rig.session->profile().connectWhenApproved);
        // Remembered with the profile.
        QCOMPARE(rig.settings.value(QStringLiteral("engineer/connectWhenApproved")).toString(),
                 QStringLiteral("false"));
        QVERIFY(!ClientProfile::load(rig.settings).connectWhenApproved);

        rig.registerThroughWidgets(rig.link());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Request, 60000);
        rig.hub.approve(rig.hub.onlyRequestId(), approvedTunnelJson());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Tunnel, 60000);
        // The approval was handled (the page changed) and nothing was brought up.
        QCOMPARE(rig.session->state(), AppState::Disconnected);
        QVERIFY(!rig.backend || rig.backend->ups == 0);

        // Ticked again, it is forgotten from the settings (the default).
        rig.session->setConnectWhenApproved(true);
        QVERIFY(!rig.settings.contains(QStringLiteral("engineer/connectWhenApproved")));
    }

    void failedConnectShowsTheError()
    {
        Rig rig(m_identity);
        rig.hub.preApprovedInvite = QStringLiteral("pre.approved");
        rig.hub.preApprovedTunnel = approvedTunnelJson();
        rig.registerThroughWidgets(
            HubLink(rig.hub.url(), rig.hub.fingerprint(), QStringLiteral("pre.approved")).toString());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Tunnel, 60000);
        rig.backend->failUp = true;
        QTest::mouseClick(rig.find<QPushButton>("connect"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.tray->shownState(), AppState::Error, 60000);
        QVERIFY2(rig.view->lastError().contains(QStringLiteral("told to fail")),
                 qPrintable(rig.view->lastError()));
        QCOMPARE(rig.find<QLabel>("stateTitle")->text(), QStringLiteral("Error"));
    }

    void unknownCertificateMustBeAccepted()
    {
        Rig rig(m_identity);
        // A plain address: no pin, and the self-signed certificate is not trusted.
        MessageBox::setNextAnswer(QMessageBox::No);
        rig.registerThroughWidgets(rig.hub.url().toString());
        QTRY_VERIFY_WITH_TIMEOUT(!rig.view->lastError().isEmpty(), 60000);
        QVERIFY(MessageBox::lastText().contains(CertificatePin::toDisplay(rig.hub.fingerprint())));
        QVERIFY(rig.view->lastError().contains(QStringLiteral("not trusted")));
        QCOMPARE(rig.hub.requests().size(), 0);
        QVERIFY(rig.session->profile().pinnedFingerprint.isEmpty());

        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(rig.find<QPushButton>("register"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Request, 60000);
        QCOMPARE(rig.session->profile().pinnedFingerprint, rig.hub.fingerprint());
        QCOMPARE(rig.hub.requests().size(), 1);
    }

    void rejectionShowsTheReasonAndStartOverGoesBack()
    {
        Rig rig(m_identity);
        rig.window.show();
        rig.registerThroughWidgets(rig.link());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Request, 60000);
        rig.hub.decide(rig.hub.onlyRequestId(), QStringLiteral("rejected"),
                       QStringLiteral("use your work laptop"));
        QTRY_VERIFY_WITH_TIMEOUT(
            rig.find<QLabel>("requestText")->text().contains(QStringLiteral("use your work laptop")), 60000);
        QCOMPARE(rig.tray->shownState(), AppState::NotRegistered);
        QPushButton *startOver = rig.find<QPushButton>("startOver");
        QVERIFY(startOver->isVisible());
        QVERIFY(!rig.find<QPushButton>("cancelRequest")->isVisible());
        QTest::mouseClick(startOver, Qt::LeftButton);
        QCOMPARE(rig.view->currentPage(), EngineerView::Page::Enroll);
        QVERIFY(rig.session->profile().requestId.isEmpty());
    }

    void cancelPendingRequest()
    {
        Rig rig(m_identity);
        rig.window.show();
        rig.registerThroughWidgets(rig.link());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Request, 60000);
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(rig.find<QPushButton>("cancelRequest"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Enroll, 60000);
        QCOMPARE(rig.hub.requests().first().status, QStringLiteral("cancelled"));
    }

    void exportAsksBeforeIncludingThePrivateKey()
    {
        Rig rig(m_identity);
        rig.hub.preApprovedInvite = QStringLiteral("pre.approved");
        rig.hub.preApprovedTunnel = approvedTunnelJson();
        rig.registerThroughWidgets(
            HubLink(rig.hub.url(), rig.hub.fingerprint(), QStringLiteral("pre.approved")).toString());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Tunnel, 60000);
        const Result<PrivateKey> key = waitFor<PrivateKey>(
            [&](QObject *context, auto done) { rig.session->keys()->load(context, done); });
        QVERIFY(key);
        const QString privateText = QString::fromLatin1(key->toBase64().view());

        ExportDialog dialog(rig.session.get());
        QVERIFY(!dialog.textView()->toPlainText().contains(QStringLiteral("PrivateKey")));
        QVERIFY(dialog.textView()->toPlainText().contains(QStringLiteral("Endpoint = 192.0.2.1:5555")));
        QVERIFY(!dialog.qrView()->pixmap().isNull());

        // "No" keeps the key out.
        MessageBox::setNextAnswer(QMessageBox::No);
        dialog.includeKeyBox()->click();
        QVERIFY(!dialog.includeKeyBox()->isChecked());
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("private key")));
        QVERIFY(!dialog.textView()->toPlainText().contains(privateText));

        // "Yes" loads it from the keychain into the text and the QR code.
        MessageBox::setNextAnswer(QMessageBox::Yes);
        dialog.includeKeyBox()->click();
        QVERIFY(dialog.includeKeyBox()->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(dialog.textView()->toPlainText().contains(privateText), 60000);
        const Result<WgQuickConfig> parsed = WgQuickConfig::parse(dialog.textView()->toPlainText());
        QVERIFY2(parsed, qPrintable(failure(parsed)));
        QCOMPARE(parsed->privateKey.publicKey(), rig.session->profile().publicKey);

        const QString path = rig.dir.filePath(QStringLiteral("export.conf"));
        QVERIFY(dialog.saveTo(path));
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().contains(privateText.toLatin1()));
    }

    void qrCodeEncodes()
    {
        const Result<QImage> small = QrCode::encode(QStringLiteral("hello"), 3);
        QVERIFY(small);
        QCOMPARE(small->width(), small->height());
        QCOMPARE(small->width() % 3, 0);
        // Quiet zone white, the top-left finder pattern's corner black.
        QCOMPARE(small->pixelColor(1, 1), QColor(Qt::white));
        QCOMPARE(small->pixelColor(4 * 3 + 1, 4 * 3 + 1), QColor(Qt::black));
        const Result<QImage> large = QrCode::encode(QString(400, u'x'), 3);
        QVERIFY(large);
        QVERIFY(large->width() > small->width());
        const Result<QImage> tooLong = QrCode::encode(QString(8000, u'x'));
        QVERIFY(!tooLong);
        QCOMPARE(tooLong.error().code, ErrorCode::Exhausted);
    }

    void diagnosticsModel()
    {
        Rig rig(m_identity);
        Diagnostics diagnostics(rig.session.get(), ToolRunner::direct());
        DiagnosticsModel model(&diagnostics);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), int(Diagnostics::CheckCount));
        QCOMPARE(model.columnCount(), 3);
        QSignalSpy finished(&diagnostics, &Diagnostics::finished);
        diagnostics.run();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        // Nothing set up yet: every verdict is in words.
        QCOMPARE(model.index(Diagnostics::Request, DiagnosticsModel::VerdictColumn).data().toString(),
                 QStringLiteral("Problem"));
        QVERIFY(model.index(Diagnostics::Request, DiagnosticsModel::DetailsColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("Generate key")));
        QCOMPARE(model.index(Diagnostics::HubReachable, DiagnosticsModel::VerdictColumn).data().toString(),
                 QStringLiteral("Problem"));
        QCOMPARE(model.index(Diagnostics::TunnelUp, DiagnosticsModel::VerdictColumn).data().toString(),
                 QStringLiteral("Not checked"));

        // With a hub: reachable.
        QVERIFY(rig.session->setEnrollment(rig.link()));
        DiagnosticsDialog dialog(&diagnostics);
        QCOMPARE(dialog.table()->model()->rowCount(), int(Diagnostics::CheckCount));
        diagnostics.run();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
        QCOMPARE(model.index(Diagnostics::HubReachable, DiagnosticsModel::VerdictColumn).data().toString(),
                 QStringLiteral("OK"));
        dialog.copyButton()->click();
        QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("[OK] Hub reachable")));
    }

    // A disconnect the engineer chose is a note in Diagnostics, not a problem.
    void disconnectedByChoiceIsNoProblem()
    {
        Rig rig(m_identity);
        rig.hub.preApprovedInvite = QStringLiteral("pre.approved");
        rig.hub.preApprovedTunnel = approvedTunnelJson();
        rig.registerThroughWidgets(
            HubLink(rig.hub.url(), rig.hub.fingerprint(), QStringLiteral("pre.approved")).toString());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Tunnel, 60000);
        QTest::mouseClick(rig.find<QPushButton>("connect"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.session->state(), AppState::Connected, 60000);
        QTest::mouseClick(rig.find<QPushButton>("connect"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.session->state(), AppState::Disconnected, 60000);

        Diagnostics diagnostics(rig.session.get(), ToolRunner::direct());
        DiagnosticsDialog dialog(&diagnostics);
        QSignalSpy finished(&diagnostics, &Diagnostics::finished);
        diagnostics.run();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        const DiagnosticCheck &tunnelUp = diagnostics.checks().at(Diagnostics::TunnelUp);
        QCOMPARE(tunnelUp.verdict, DiagnosticCheck::Verdict::Note);
        QVERIFY(tunnelUp.words.contains(QStringLiteral("Click Connect")));
        for (const DiagnosticCheck &check : diagnostics.checks())
            QVERIFY2(check.verdict != DiagnosticCheck::Verdict::Fail,
                     qPrintable(check.title + u": " + check.words));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.summaryText().contains(QStringLiteral("No problems")), 60000);
    }

    // Saving the .conf says where it went; the save dialog starts in a folder that exists.
    void savingTheExportIsConfirmed()
    {
        QCOMPARE(FileDialog::startFolder(QStringLiteral("/nonexistent/Documents"), QStringLiteral("/home/x")),
                 QStringLiteral("/home/x"));
        QCOMPARE(FileDialog::startFolder(QDir::tempPath(), QStringLiteral("/home/x")), QDir::tempPath());

        Rig rig(m_identity);
        rig.hub.preApprovedInvite = QStringLiteral("pre.approved");
        rig.hub.preApprovedTunnel = approvedTunnelJson();
        rig.registerThroughWidgets(
            HubLink(rig.hub.url(), rig.hub.fingerprint(), QStringLiteral("pre.approved")).toString());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Tunnel, 60000);
        ExportDialog dialog(rig.session.get());
        QVERIFY(dialog.savedNote()->text().isEmpty());
        const QString path = rig.dir.filePath(QStringLiteral("tunnel.conf"));
        FileDialog::setNextSaveFileName(path);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY(QFile::exists(path));
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        QVERIFY2(dialog.savedNote()->text().contains(path), qPrintable(dialog.savedNote()->text()));
        // No documents folder in this test's home: the dialog would have opened in the home folder.
        if (!QFileInfo(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).isDir())
            QCOMPARE(FileDialog::lastProposal(), QDir::home().filePath(QStringLiteral("factory-vpn.conf")));
        // Cancelled: nothing written, nothing said.
        FileDialog::setNextSaveFileName(QString());
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY2(dialog.savedNote()->text().contains(path), qPrintable(dialog.savedNote()->text()));
    }

    void quitAsksOnlyWithATunnelUp()
    {
        Rig rig(m_identity);
        QuitGuard guard(rig.session.get(), &rig.window);
        QSignalSpy quits(&guard, &QuitGuard::quitNow);
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        guard.requestQuit();
        QCOMPARE(quits.size(), 1);
        QVERIFY(MessageBox::hasPendingAnswer()); // nothing was asked
        MessageBox::setNextAnswer(QMessageBox::Cancel); // consumed below

        rig.hub.preApprovedInvite = QStringLiteral("pre.approved");
        rig.hub.preApprovedTunnel = approvedTunnelJson();
        rig.registerThroughWidgets(
            HubLink(rig.hub.url(), rig.hub.fingerprint(), QStringLiteral("pre.approved")).toString());
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Tunnel, 60000);
        QVERIFY(MessageBox::hasPendingAnswer());
        rig.session->tunnel()->connectTunnel();
        QTRY_COMPARE_WITH_TIMEOUT(rig.tray->shownState(), AppState::Connected, 60000);
        guard.requestQuit(); // answered Cancel: stays
        QVERIFY(!MessageBox::hasPendingAnswer());
        QCOMPARE(quits.size(), 1);
        MessageBox::setNextAnswer(QMessageBox::Yes); // disconnect and quit
        guard.requestQuit();
        QTRY_COMPARE_WITH_TIMEOUT(quits.size(), 2, 60000);
        QVERIFY(!rig.backend->isUp);
    }

    void trayClickOpensTheWindowUntilApproved()
    {
        Rig rig(m_identity);
        QSignalSpy opens(rig.tray.get(), &TrayIcon::openRequested);
        rig.tray->activate();
        QCOMPARE(opens.size(), 1);
        QVERIFY(!rig.tray->connectAction()->isEnabled());
        QVERIFY(!rig.tray->copyAddressAction()->isEnabled());
    }

    void closingTheWindowKeepsTheAppWhenATrayIsShown()
    {
        MainWindow window;
        bool trayShown = true;
        window.setKeepRunningOnClose([&trayShown]() { return trayShown; });
        QSignalSpy closes(&window, &MainWindow::closeRequested);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.close();
        QVERIFY(!window.isVisible());
        QCOMPARE(closes.size(), 0);
        trayShown = false;
        window.show();
        window.close();
        QCOMPARE(closes.size(), 1);
    }
};

QTEST_MAIN(TestEngineerView)
#include "tst_engineerview.moc"
