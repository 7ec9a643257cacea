#include "AdminSession.h"
#include "AdminTableView.h"
#include "AdminView.h"
#include "ApprovalsView.h"
#include "AuditFilterProxy.h"
#include "AuditModel.h"
#include "AuditView.h"
#include "ClientsFileDraft.h"
#include "ClientsFileTableModel.h"
#include "ClientsFileView.h"
#include "ClientsModel.h"
#include "ClientsView.h"
#include "ConflictPanel.h"
#include "DeviceToDeviceView.h"
#include "DevicesModel.h"
#include "DevicesView.h"
#include "FakeHub.h"
#include "LineNumberEditor.h"
#include "MessageBar.h"
#include "MessageBox.h"
#include "RefreshWaiter.h"
#include "RequestsModel.h"
#include "TextFilterProxy.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTcpServer>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;

namespace {

QString peerLine(int n, const QString &address, const QString &name)
{
    return FakeHub::key(n).toBase64() + u' ' + address + u' ' + name;
}

} // namespace

// The admin view against a stand-in hub over real HTTP: every click goes through
// the session and the admin API, and the outcome is checked on the hub's side.
class TestAdminView : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<AdminSession> m_session;
    std::unique_ptr<AdminView> m_view;

    bool refreshed()
    {
        // Failed refreshes count too: the unreachable-hub test needs them.
        return test::refreshFromNow(m_session.get(), [this] { m_session->refresh(); }).has_value();
    }

private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->listen());
        for (int i = 1; i <= 20; ++i)
            m_hub->addDevice(i, i % 3 ? QDateTime::currentDateTimeUtc().addSecs(-i * 30) : QDateTime());
        m_hub->setClientsFile(QStringLiteral("# engineers\n")
                              + peerLine(500, QStringLiteral("10.42.1.1"), u"dora"_qs) + u'\n');
        m_session = std::make_unique<AdminSession>();
        m_session->setRefreshInterval(0);
        m_view = std::make_unique<AdminView>(nullptr, m_session.get());
        m_view->resize(1100, 700);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY_WITH_TIMEOUT(m_session->hasLoaded(), 10000);
    }

    void cleanup()
    {
        m_view.reset();
        m_session.reset();
        m_hub.reset();
    }

    void devicesAreShownFilteredAndCopied()
    {
        DevicesView *view = m_view->devicesView();
        QAbstractItemModelTester tester(view->proxy(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(view->model()->rowCount(), 20);
        QTest::keyClicks(view->filterEdit(), QStringLiteral("dev-01"));
        QCOMPARE(view->proxy()->rowCount(), 10); // dev-010 .. dev-019
        QTest::keyClicks(view->filterEdit(), QStringLiteral("5"));
        QCOMPARE(view->proxy()->rowCount(), 1);
        view->table()->selectRow(0);
        view->table()->copySelection(DevicesModel::KeyColumn);
        QCOMPARE(QApplication::clipboard()->text(), FakeHub::key(15).toBase64());
        view->table()->copySelection(DevicesModel::AddressColumn);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("10.42.0.17"));

        // A refresh where one device changed updates that row only; the filter stays.
        QSignalSpy reset(view->model(), &QAbstractItemModel::modelReset);
        QSignalSpy changed(view->model(), &QAbstractItemModel::dataChanged);
        m_hub->devices[14].live.rxBytes = 123456789;
        QVERIFY(refreshed());
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(view->proxy()->rowCount(), 1);
    }

    void approvingAddsTheClientOnTheHub()
    {
        m_hub->addPendingRequest(QStringLiteral("Alice"), 10);
        m_hub->addPendingRequest(QStringLiteral("Bob"), 11);
        QVERIFY(refreshed());
        ApprovalsView *view = m_view->approvalsView();
        QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(view->model()->rowCount(), 2);
        // The count is said once, by the badge; the tab's text stays its name.
        QCOMPARE(m_view->tabs()->tabText(m_view->approvalsTabIndex()), QStringLiteral("A&pprovals"));
        QVERIFY(!m_view->tabs()->tabIcon(m_view->approvalsTabIndex()).isNull());
        QVERIFY2(m_view->tabs()->tabToolTip(m_view->approvalsTabIndex()).startsWith(QStringLiteral("2 ")),
                 qPrintable(m_view->tabs()->tabToolTip(m_view->approvalsTabIndex())));

        // The oldest request is selected, its evidence shown, the hub's suggestion filled in.
        view->table()->selectRow(view->table()->model()->rowCount() - 1);
        const QString name
            = view->table()->currentIndex().siblingAtColumn(RequestsModel::NameColumn).data().toString();
        const QLabel *evidence = view->findChild<QLabel *>(QStringLiteral("evidence"));
        QVERIFY(evidence->text().contains(QStringLiteral("Debian GNU/Linux 12")));
        QCOMPARE(view->addressEdit()->text(), QStringLiteral("10.42.0.2"));
        QVERIFY(view->approveButton()->isEnabled());

        // An address a device holds is refused before anything is sent.
        view->addressEdit()->clear();
        QTest::keyClicks(view->addressEdit(), QStringLiteral("10.42.0.5"));
        QVERIFY(!view->approveButton()->isEnabled());
        QCOMPARE(view->addressProblem()->text(),
                 QStringLiteral("10.42.0.5 is already used by device dev-003"));
        view->addressEdit()->clear();
        QTest::keyClicks(view->addressEdit(), QStringLiteral("10.42.0.300"));
        QVERIFY(!view->approveButton()->isEnabled());
        view->addressEdit()->clear();
        QTest::keyClicks(view->addressEdit(), QStringLiteral("10.43.0.9"));
        QVERIFY(view->addressProblem()->text().contains(QStringLiteral("outside")));
        view->addressEdit()->clear();
        QTest::keyClicks(view->addressEdit(), QStringLiteral("10.42.0.1"));
        QVERIFY(!view->approveButton()->isEnabled()); // the hub's own
        view->addressEdit()->clear();
        QTest::keyClicks(view->addressEdit(), QStringLiteral("10.42.1.1"));
        QVERIFY(view->addressProblem()->text().contains(QStringLiteral("dora")));
        const int hitsBefore = m_hub->hits.value(QStringLiteral("POST approve"));
        QTest::mouseClick(view->approveButton(), Qt::LeftButton);
        QCOMPARE(m_hub->hits.value(QStringLiteral("POST approve")), hitsBefore);

        view->addressEdit()->clear();
        QTest::keyClicks(view->addressEdit(), QStringLiteral("10.42.2.50"));
        QVERIFY(view->approveButton()->isEnabled());
        QSignalSpy clients(m_session.get(), &AdminSession::clientsChanged);
        QTest::mouseClick(view->approveButton(), Qt::LeftButton);
        QVERIFY(clients.wait(10000));

        // On the hub: the peer is in factory-clients.conf; in the app: the request
        // is gone, the client peer is listed, the badge counts one.
        const int keyNumber = name == QStringLiteral("Alice") ? 10 : 11;
        QVERIFY2(m_hub->clientsFile().contains(FakeHub::key(keyNumber).toBase64()
                                               + QStringLiteral(" 10.42.2.50 ") + name),
                 qPrintable(m_hub->clientsFile()));
        QTRY_COMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->model()->rowOf(QStringLiteral("req-%1").arg(keyNumber - 9)), -1);
        ClientsModel *clientsModel = m_view->clientsView()->model();
        const int row = clientsModel->rowOf(FakeHub::key(keyNumber));
        QVERIFY(row >= 0);
        QCOMPARE(clientsModel->rowAt(row).address.toString(), QStringLiteral("10.42.2.50"));
        QCOMPARE(clientsModel->rowAt(row).approvedBy, QStringLiteral("token:admin"));
        QVERIFY(!m_view->tabs()->tabIcon(m_view->approvalsTabIndex()).isNull());
        QTRY_VERIFY(m_view->tabs()->tabToolTip(m_view->approvalsTabIndex()).startsWith(QStringLiteral("1 ")));
        // The hub's events may show the change before its answer to the click comes.
        QTRY_COMPARE_WITH_TIMEOUT(m_view->messageBar()->kind(), MessageBar::Kind::Success, 10000);
        QVERIFY(m_view->messageBar()->text().contains(QStringLiteral("10.42.2.50")));
        // The next request is selected, with a fresh suggestion.
        QVERIFY(view->table()->selectionModel()->hasSelection());
        QCOMPARE(view->addressEdit()->text(), QStringLiteral("10.42.0.2"));
    }

    void rejectingNeedsAReasonAndReachesTheHub()
    {
        const RequestInfo r = m_hub->addPendingRequest(QStringLiteral("Mallory"), 12);
        QVERIFY(refreshed());
        ApprovalsView *view = m_view->approvalsView();
        view->table()->selectRow(0);
        QVERIFY(!view->rejectButton()->isEnabled());
        QTest::keyClicks(view->reasonEdit(), QStringLiteral("not one of ours"));
        QVERIFY(view->rejectButton()->isEnabled());
        QSignalSpy requests(m_session.get(), &AdminSession::requestsChanged);
        QTest::mouseClick(view->rejectButton(), Qt::LeftButton);
        QVERIFY(requests.wait(10000));
        QCOMPARE(m_hub->requests.constFirst().status, RequestState::Rejected);
        QCOMPARE(m_hub->requests.constFirst().reason, QStringLiteral("not one of ours"));
        QCOMPARE(view->model()->rowCount(), 0);
        QCOMPARE(m_view->tabs()->tabText(m_view->approvalsTabIndex()), QStringLiteral("A&pprovals"));
        QVERIFY(m_view->tabs()->tabIcon(m_view->approvalsTabIndex()).isNull());
        QVERIFY(!m_hub->clientsFile().contains(FakeHub::key(12).toBase64()));
        Q_UNUSED(r);
    }

    void newRequestIsAnnounced()
    {
        QSignalSpy arrived(m_view.get(), &AdminView::requestArrived);
        QSignalSpy count(m_view.get(), &AdminView::pendingCountChanged);
        m_hub->addPendingRequest(QStringLiteral("Carol"), 13);
        QVERIFY(refreshed());
        QCOMPARE(arrived.size(), 1);
        QCOMPARE(count.constLast().constFirst().toInt(), 1);
        QVERIFY(m_view->messageBar()->text().contains(QStringLiteral("Carol")));
    }

    void revokingAsksFirst()
    {
        ClientsView *view = m_view->clientsView();
        QCOMPARE(view->model()->rowCount(), 1);
        view->table()->selectRow(0);
        QVERIFY(view->revokeButton()->isEnabled());
        QTest::keyClicks(view->reasonEdit(), QStringLiteral("left & gone"));

        MessageBox::setNextAnswer(false);
        QTest::mouseClick(view->revokeButton(), Qt::LeftButton);
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("Revoke dora (10.42.1.1")));
        QTest::qWait(50);
        QCOMPARE(m_hub->hits.value(QStringLiteral("DELETE client")), 0);

        MessageBox::setNextAnswer(true);
        QSignalSpy clients(m_session.get(), &AdminSession::clientsChanged);
        QTest::mouseClick(view->revokeButton(), Qt::LeftButton);
        QVERIFY(clients.wait(10000));
        QCOMPARE(view->model()->rowCount(), 0);
        QVERIFY(!m_hub->clientsFile().contains(FakeHub::key(500).toBase64()));
        QCOMPARE(m_hub->audit.constLast().after.toString(), QStringLiteral("left & gone"));
    }

    void deviceToDeviceToggleChangesTheHub()
    {
        DeviceToDeviceView *view = m_view->deviceToDeviceView();
        m_view->tabs()->setCurrentWidget(view);
        QVERIFY(!view->toggle()->isChecked());
        QVERIFY(view->stateLabel()->text().contains(QStringLiteral("OFF")));

        MessageBox::setNextAnswer(false);
        QTest::mouseClick(view->toggle(), Qt::LeftButton, {}, QPoint(6, view->toggle()->height() / 2));
        QVERIFY(!view->toggle()->isChecked()); // back as the hub has it
        QVERIFY(MessageBox::lastText().startsWith(QStringLiteral("Turn device-to-device mode ON?")));
        QCOMPARE(m_hub->hits.value(QStringLiteral("PUT settings")), 0);

        MessageBox::setNextAnswer(true);
        QTest::mouseClick(view->toggle(), Qt::LeftButton, {}, QPoint(6, view->toggle()->height() / 2));
        QTRY_VERIFY_WITH_TIMEOUT(m_hub->deviceToDevice, 10000);
        QTRY_VERIFY(view->stateLabel()->text().contains(QStringLiteral("reports: ON")));
        QVERIFY(view->toggle()->isChecked());
        // Enabled again once the change's own answer is in, which may come after
        // the hub's event has updated the label.
        QTRY_VERIFY(view->toggle()->isEnabled());

        // Someone else turns it off: the next refresh shows it.
        m_hub->deviceToDevice = false;
        QVERIFY(refreshed());
        QVERIFY(!view->toggle()->isChecked());
        QVERIFY(view->stateLabel()->text().contains(QStringLiteral("OFF")));
    }

    void editorValidatesAsYouType()
    {
        ClientsFileView *editor = m_view->clientsFileView();
        m_view->tabs()->setCurrentWidget(editor);
        QTRY_COMPARE(editor->draft()->state(), ClientsFileDraft::State::Ready);
        QCOMPARE(editor->textEdit()->toPlainText(), m_hub->clientsFile());
        QCOMPARE(editor->tableModel()->rowCount(), 2);
        QTRY_COMPARE(editor->table()->columnSpan(0, ClientsFileTableModel::KeyColumn), 3); // "# engineers"
        QCOMPARE(editor->table()->columnSpan(1, ClientsFileTableModel::KeyColumn), 1);
        QVERIFY(!editor->saveButton()->isEnabled());

        // Typed into the raw text: a line with a device's address and a broken one.
        editor->modes()->setCurrentWidget(editor->textEdit());
        QTextCursor end(editor->textEdit()->document());
        end.movePosition(QTextCursor::End);
        editor->textEdit()->setTextCursor(end);
        editor->textEdit()->setFocus();
        QTest::keyClicks(editor->textEdit(), peerLine(600, QStringLiteral("10.42.0.3"), u"eve"_qs));
        QTest::keyClick(editor->textEdit(), Qt::Key_Return);
        QTest::keyClicks(editor->textEdit(), QStringLiteral("not a key"));
        QTRY_COMPARE(editor->problems().size(), 2);
        QCOMPARE(editor->problems()[0].line, 3);
        QVERIFY(editor->problems()[0].message.contains(QStringLiteral("device dev-001")));
        QCOMPARE(editor->problems()[1].line, 4);
        QCOMPARE(editor->problemList()->count(), 2);
        QVERIFY(editor->problemList()->item(0)->text().startsWith(QStringLiteral("line 3")));
        QCOMPARE(editor->textEdit()->markedLines(), QSet<int>({ 3, 4 }));
        QCOMPARE(editor->tableModel()->rowCount(), 4); // the table follows the text
        QVERIFY(!editor->tableModel()->problemsAt(2).isEmpty());
        QVERIFY(!editor->saveButton()->isEnabled());

        // Fixed in the table: the raw text follows.
        QVERIFY(editor->tableModel()->setData(
            editor->tableModel()->index(2, ClientsFileTableModel::AddressColumn),
            QStringLiteral("10.42.1.2")));
        QVERIFY(editor->tableModel()->removeRows(3, 1));
        QVERIFY(editor->textEdit()->toPlainText().contains(
            peerLine(600, QStringLiteral("10.42.1.2"), u"eve"_qs)));
        QTRY_VERIFY(editor->problems().isEmpty());
        QVERIFY(editor->saveButton()->isEnabled());

        QSignalSpy saved(editor->draft(), &ClientsFileDraft::saved);
        const QByteArray loadedEtag = editor->draft()->etag().toLatin1();
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait(10000));
        QCOMPARE(m_hub->clientsFile(), editor->textEdit()->toPlainText());
        QVERIFY(m_hub->clientsFile().contains(peerLine(600, QStringLiteral("10.42.1.2"), u"eve"_qs)));
        QCOMPARE(m_hub->lastIfMatch, loadedEtag);
        QVERIFY(!editor->saveButton()->isEnabled());
    }

    void concurrentEditShowsBothVersions()
    {
        ClientsFileView *editor = m_view->clientsFileView();
        m_view->tabs()->setCurrentWidget(editor);
        QTRY_COMPARE(editor->draft()->state(), ClientsFileDraft::State::Ready);
        const int row = editor->tableModel()->appendPeer(FakeHub::key(601).toBase64(),
                                                         QStringLiteral("10.42.1.3"), QStringLiteral("mine"));
        QCOMPARE(row, 2);
        const QString theirs
            = m_hub->clientsFile() + peerLine(602, QStringLiteral("10.42.1.4"), u"theirs"_qs) + u'\n';
        m_hub->setClientsFile(theirs);
        QVERIFY(refreshed());
        // The editor already says the hub's file moved on, but keeps the edit.
        QVERIFY(editor->findChildren<QLabel *>().size() > 0);
        QCOMPARE(editor->draft()->state(), ClientsFileDraft::State::Ready);
        QVERIFY(editor->draft()->isModified());

        QSignalSpy conflict(editor->draft(), &ClientsFileDraft::conflictDetected);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(conflict.wait(10000));
        QCOMPARE(m_hub->clientsFile(), theirs); // nothing overwritten
        QCOMPARE(editor->pages()->currentWidget(), editor->conflictPanel());
        QVERIFY(editor->conflictPanel()->mineView()->toPlainText().contains(QStringLiteral("mine")));
        QVERIFY(editor->conflictPanel()->theirsView()->toPlainText().contains(QStringLiteral("theirs")));
        QCOMPARE(editor->conflictPanel()->mineView()->markedLines(), QSet<int>({ 3 }));
        QCOMPARE(editor->conflictPanel()->theirsView()->markedLines(), QSet<int>({ 3 }));
        QCOMPARE(m_view->messageBar()->kind(), MessageBar::Kind::Warning);

        QTest::mouseClick(editor->conflictPanel()->reapplyButton(), Qt::LeftButton);
        QCOMPARE(editor->pages()->currentIndex(), 0);
        const QString merged = editor->textEdit()->toPlainText();
        QVERIFY(merged.contains(QStringLiteral("theirs")));
        QVERIFY(merged.contains(QStringLiteral("mine")));
        QCOMPARE(editor->tableModel()->rowCount(), 4);
        QVERIFY(editor->saveButton()->isEnabled());
        QCOMPARE(m_hub->clientsFile(), theirs); // re-applying does not save by itself

        QSignalSpy saved(editor->draft(), &ClientsFileDraft::saved);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait(10000));
        QCOMPARE(m_hub->clientsFile(), merged);
    }

    void conflictCanBeResolvedByTakingTheirs()
    {
        ClientsFileView *editor = m_view->clientsFileView();
        m_view->tabs()->setCurrentWidget(editor);
        QTRY_COMPARE(editor->draft()->state(), ClientsFileDraft::State::Ready);
        // Both change dora's line: that cannot be merged.
        QVERIFY(editor->tableModel()->setData(
            editor->tableModel()->index(1, ClientsFileTableModel::CommentColumn),
            QStringLiteral("dora-mine")));
        const QString theirs
            = QString(m_hub->clientsFile()).replace(QStringLiteral("dora"), QStringLiteral("dora-theirs"));
        m_hub->setClientsFile(theirs);
        QSignalSpy conflict(editor->draft(), &ClientsFileDraft::conflictDetected);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(conflict.wait(10000));
        QTest::mouseClick(editor->conflictPanel()->reapplyButton(), Qt::LeftButton);
        QCOMPARE(editor->pages()->currentWidget(), editor->conflictPanel()); // still deciding
        QCOMPARE(m_view->messageBar()->kind(), MessageBar::Kind::Error);
        QVERIFY(m_view->messageBar()->text().contains(QStringLiteral("both changed the same lines")));

        QTest::mouseClick(editor->conflictPanel()->takeTheirsButton(), Qt::LeftButton);
        QCOMPARE(editor->pages()->currentIndex(), 0);
        QCOMPARE(editor->textEdit()->toPlainText(), theirs);
        QVERIFY(!editor->draft()->isModified());
        QCOMPARE(m_hub->clientsFile(), theirs);
    }

    void unmodifiedEditorFollowsTheHub()
    {
        ClientsFileView *editor = m_view->clientsFileView();
        QTRY_COMPARE(editor->draft()->state(), ClientsFileDraft::State::Ready);
        const QString theirs = m_hub->clientsFile() + QStringLiteral("# added elsewhere\n");
        m_hub->setClientsFile(theirs);
        QVERIFY(refreshed());
        QTRY_COMPARE(editor->textEdit()->toPlainText(), theirs);
    }

    void auditViewFilters()
    {
        m_hub->record(QStringLiteral("token:ops"), QStringLiteral("settings.change"), QStringLiteral("x"));
        m_hub->record(QStringLiteral("token:alice"), QStringLiteral("request.approve"), QStringLiteral("y"));
        QVERIFY(refreshed());
        AuditView *view = m_view->auditView();
        QAbstractItemModelTester tester(view->proxy(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        const int all = view->model()->rowCount();
        QVERIFY(all >= 3); // the clients file edit from init() too
        QTest::keyClicks(view->actorEdit(), QStringLiteral("alice"));
        QCOMPARE(view->proxy()->rowCount(), 1);
        view->actorEdit()->clear();
        const int family = view->actionBox()->findData(QStringLiteral("request."));
        QVERIFY(family > 0);
        view->actionBox()->setCurrentIndex(family);
        QCOMPARE(view->proxy()->rowCount(), 1);
        view->actionBox()->setCurrentIndex(0);
        view->periodBox()->setCurrentIndex(1); // last hour
        QCOMPARE(view->proxy()->rowCount(), all);
    }

    void unreachableHubIsOneMessageNotADialogStorm()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort()));
        closed.close();
        m_view->connectTo(url, QStringLiteral("whatever-token"));
        QTRY_VERIFY_WITH_TIMEOUT(m_view->messageBar()->isVisible(), 10000);
        QVERIFY(m_view->messageBar()->text().contains(QStringLiteral("not reachable — are you on the VPN?")));
        QCOMPARE(m_view->statusLabel()->text(), QStringLiteral("Hub not reachable"));
        QVERIFY(refreshed());
        QVERIFY(refreshed());
        QCOMPARE(m_view->messageBar()->repeats(), 3);
        QVERIFY(QApplication::topLevelWidgets().size() <= 2); // no dialogs popped up

        // Back on the VPN: the message goes away by itself.
        m_view->connectTo(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        QTRY_VERIFY_WITH_TIMEOUT(m_session->hasLoaded(), 10000);
        QTRY_VERIFY(!m_view->messageBar()->isVisible());
        QVERIFY(m_view->statusLabel()->text().startsWith(QStringLiteral("Updated")));
    }
};

QTEST_MAIN(TestAdminView)
#include "tst_adminview.moc"
