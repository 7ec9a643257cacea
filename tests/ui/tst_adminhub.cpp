// The admin view against the real factory-vpn-hub process (static inventory,
// stand-ins for wg/ip/nft through the FVPN_* overrides, tests/hubapi/HubProcess):
// what the admin clicks must be what the hub does — on disk, on the interface,
// and in what the engineer's app sees when it polls.
#include "AdminSession.h"
#include "AdminTableView.h"
#include "AdminView.h"
#include "ApprovalsView.h"
#include "ClientsFileDraft.h"
#include "ClientsFileTableModel.h"
#include "ClientsFileView.h"
#include "ClientsModel.h"
#include "ClientsView.h"
#include "ConflictPanel.h"
#include "CopyLinkField.h"
#include "DeviceToDeviceView.h"
#include "DevicesModel.h"
#include "DevicesView.h"
#include "HubProcess.h"
#include "InvitesModel.h"
#include "InvitesView.h"
#include "LineNumberEditor.h"
#include "MessageBar.h"
#include "MessageBox.h"
#include "NewInviteForm.h"
#include "RefreshWaiter.h"
#include "RequestsModel.h"
#include "TestKeys.h"
#include "TextFilterProxy.h"

#include <QCheckBox>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QtTest>

using namespace fvpn;

class TestAdminHub : public QObject
{
    Q_OBJECT

    std::unique_ptr<HubProcess> m_hub;
    std::unique_ptr<AdminSession> m_session;
    std::unique_ptr<AdminView> m_view;
    PublicKey m_deviceKey;

    HeaderList auth() const { return { { "Authorization", "Bearer " + m_hub->token().toLatin1() } }; }

    // What the engineer's app does: register, and later poll with the secret.
    using Registration = HubProcess::Registration;
    Registration registerEngineer(const QString &name) { return m_hub->registerEngineer(name); }
    QJsonObject poll(const Registration &r) { return m_hub->poll(r); }
    bool refreshed()
    {
        return test::refreshFromNow(m_session.get(), [this] { m_session->refresh(); }).value_or(false);
    }
    // Selects the row whose KeyRole is `key` (a request or invite id) in `table`.
    static bool selectKey(AdminTableView *table, const QString &key)
    {
        QAbstractItemModel *shown = table->model();
        for (int row = 0; row < shown->rowCount(); ++row) {
            if (shown->index(row, 0).data(KeyRole).toString() == key) {
                table->selectRow(row);
                return true;
            }
        }
        return false;
    }
    bool selectRequest(const QString &id) { return selectKey(m_view->approvalsView()->table(), id); }
    bool selectInvite(const QString &id) { return selectKey(m_view->invitesView()->table(), id); }
    // Shows the Invites tab, which fetches its lists the first time.
    InvitesView *showInvites()
    {
        InvitesView *view = m_view->invitesView();
        QSignalSpy loaded(view, &InvitesView::invitesLoaded);
        m_view->tabs()->setCurrentWidget(view);
        return loaded.wait(15000) ? view : nullptr;
    }
    // An invite made by someone else, over the API; its id.
    QString inviteFromTheApi(const QString &note)
    {
        const QJsonObject body { { u"note"_qs, note }, { u"max_uses"_qs, 2 } };
        const HttpReply made = m_hub->send(true, "POST", u"/api/v1/invites"_qs, QJsonDocument(body).toJson(),
                                           auth() + HeaderList { { "Content-Type", "application/json" } });
        return made.status == 201 ? made.json().value(u"invite").toObject().value(u"id").toString()
                                  : QString();
    }
    QString hubInviteState(const QString &id)
    {
        const QJsonArray all
            = m_hub->send(true, "GET", u"/api/v1/invites"_qs, {}, auth()).json().value(u"invites").toArray();
        for (const QJsonValue &i : all) {
            if (i.toObject().value(u"id").toString() == id)
                return i.toObject().value(u"state").toString();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_hub = std::make_unique<HubProcess>();
        m_deviceKey = randomPublicKey();
        m_hub->setDevice(u"press-07"_qs, m_deviceKey.toBase64(), u"10.42.42.7"_qs);
        QVERIFY2(m_hub->start(), qPrintable(m_hub->log()));
    }

    void init()
    {
        m_session = std::make_unique<AdminSession>();
        m_session->setRefreshInterval(0);
        m_view = std::make_unique<AdminView>(nullptr, m_session.get());
        m_view->resize(1100, 700);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->connectTo(QUrl(u"http://127.0.0.1:%1"_qs.arg(m_hub->adminPort())), m_hub->token());
        QTRY_VERIFY_WITH_TIMEOUT(m_session->hasLoaded(), 15000);
    }

    void cleanup()
    {
        m_view.reset();
        m_session.reset();
    }

    void cleanupTestCase() { m_hub.reset(); }

    void showsTheInventoryAndPool()
    {
        // The hub reads its inventory shortly after start; refresh until it is there.
        for (int attempt = 0; attempt < 40 && m_view->devicesView()->model()->rowOf(m_deviceKey) < 0;
             ++attempt) {
            QTest::qWait(250);
            QVERIFY(refreshed());
        }
        DevicesModel *devices = m_view->devicesView()->model();
        const int row = devices->rowOf(m_deviceKey);
        QVERIFY(row >= 0);
        QCOMPARE(devices->rowAt(row).name, u"press-07"_qs);
        QCOMPARE(devices->rowAt(row).address.toString(), u"10.42.42.7"_qs);
        QCOMPARE(m_session->snapshot().pool.subnet.toString(), u"10.42.42.0/24"_qs);
        QCOMPARE(m_session->snapshot().pool.hubAddress.toString(), u"10.42.42.1"_qs);
    }

    void approvingFromTheViewReachesDiskAndInterface()
    {
        const Registration erin = registerEngineer(u"Erin Engineer"_qs);
        QVERIFY(!erin.id.isEmpty());
        QVERIFY(refreshed());
        ApprovalsView *view = m_view->approvalsView();
        QVERIFY(view->model()->rowOf(erin.id) >= 0);
        QVERIFY(!m_view->tabs()->tabIcon(m_view->approvalsTabIndex()).isNull());
        QVERIFY(selectRequest(erin.id));
        QVERIFY(view->findChild<QLabel *>(u"evidence"_qs)->text().contains(u"erin-engineer-laptop"_qs));

        // The device's address is refused in the app, before the hub is asked.
        view->addressEdit()->clear();
        QTest::keyClicks(view->addressEdit(), u"10.42.42.7"_qs);
        QVERIFY(!view->approveButton()->isEnabled());
        QVERIFY(view->addressProblem()->text().contains(u"press-07"_qs));

        view->addressEdit()->clear();
        QTest::keyClicks(view->addressEdit(), u"10.42.42.60"_qs);
        QVERIFY(view->approveButton()->isEnabled());
        QSignalSpy clients(m_session.get(), &AdminSession::clientsChanged);
        QTest::mouseClick(view->approveButton(), Qt::LeftButton);
        QVERIFY(clients.wait(15000));

        // The request left the list, the client peer is listed...
        QTRY_COMPARE(view->model()->rowOf(erin.id), -1);
        ClientsModel *clientsModel = m_view->clientsView()->model();
        const int row = clientsModel->rowOf(erin.key);
        QVERIFY(row >= 0);
        QCOMPARE(clientsModel->rowAt(row).address.toString(), u"10.42.42.60"_qs);
        QVERIFY(clientsModel->rowAt(row).approvedBy.startsWith(u"token:"_qs));
        // ...factory-clients.conf on disk has it, the interface has it...
        QVERIFY2(
            m_hub->clientsFileBytes().contains(QByteArray(erin.key.toBase64().toLatin1() + " 10.42.42.60")),
            m_hub->clientsFileBytes().constData());
        QVERIFY(m_hub->interfacePeers().contains(erin.key.toBase64() + u" 10.42.42.60/32"_qs));
        // ...and the engineer's poll says approved with that address.
        const QJsonObject polled = poll(erin);
        QCOMPARE(polled.value(u"status").toString(), u"approved"_qs);
        QCOMPARE(polled.value(u"config").toObject().value(u"address").toString(), u"10.42.42.60"_qs);
    }

    void rejectingShowsOnTheEngineersPoll()
    {
        const Registration mal = registerEngineer(u"Mal Lory"_qs);
        QVERIFY(refreshed());
        ApprovalsView *view = m_view->approvalsView();
        QVERIFY(selectRequest(mal.id));
        QTest::keyClicks(view->reasonEdit(), u"please register from your work laptop"_qs);
        QSignalSpy requests(m_session.get(), &AdminSession::requestsChanged);
        QTest::mouseClick(view->rejectButton(), Qt::LeftButton);
        QVERIFY(requests.wait(15000));
        QTRY_COMPARE(view->model()->rowOf(mal.id), -1);
        const QJsonObject polled = poll(mal);
        QCOMPARE(polled.value(u"status").toString(), u"rejected"_qs);
        QCOMPARE(polled.value(u"reason").toString(), u"please register from your work laptop"_qs);
        QVERIFY(!m_hub->clientsFileBytes().contains(mal.key.toBase64().toLatin1()));
    }

    void concurrentEditTriggersTheConflictUi()
    {
        ClientsFileView *editor = m_view->clientsFileView();
        m_view->tabs()->setCurrentWidget(editor);
        QTRY_COMPARE_WITH_TIMEOUT(editor->draft()->state(), ClientsFileDraft::State::Ready, 15000);
        QCOMPARE(editor->textEdit()->toPlainText().toUtf8(), m_hub->clientsFileBytes());

        // The admin adds a peer in the table; the editor checks it against the hub's devices.
        const PublicKey mine = randomPublicKey();
        editor->tableModel()->appendPeer(mine.toBase64(), u"10.42.42.7"_qs, u"gus"_qs);
        editor->validateNow();
        QCOMPARE(editor->problems().size(), 1);
        QVERIFY(editor->problems().constFirst().message.contains(u"device press-07"_qs));
        QVERIFY(!editor->saveButton()->isEnabled());
        const int row = editor->tableModel()->rowCount() - 1;
        QVERIFY(editor->tableModel()->setData(
            editor->tableModel()->index(row, ClientsFileTableModel::AddressColumn), u"10.42.42.80"_qs));
        editor->validateNow();
        QVERIFY(editor->problems().isEmpty());

        // Meanwhile someone else saves the file (another admin, over the API).
        const HttpReply read = m_hub->send(true, "GET", u"/api/v1/clients-file"_qs, {}, auth());
        const PublicKey theirs = randomPublicKey();
        const QByteArray theirText = read.body + theirs.toBase64().toLatin1() + " 10.42.42.81 hal\n";
        const HttpReply put = m_hub->send(true, "PUT", u"/api/v1/clients-file"_qs, theirText,
                                          auth()
                                              + HeaderList { { "Content-Type", "text/plain" },
                                                             { "If-Match", read.headers.value("etag") } });
        QCOMPARE(put.status, 200);

        QSignalSpy conflict(editor->draft(), &ClientsFileDraft::conflictDetected);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(conflict.wait(15000));
        QCOMPARE(editor->pages()->currentWidget(), editor->conflictPanel());
        QCOMPARE(m_hub->clientsFileBytes(), theirText); // nothing overwritten
        QVERIFY(editor->conflictPanel()->theirsView()->toPlainText().contains(u"hal"_qs));
        QVERIFY(editor->conflictPanel()->mineView()->toPlainText().contains(u"gus"_qs));

        QTest::mouseClick(editor->conflictPanel()->reapplyButton(), Qt::LeftButton);
        QCOMPARE(editor->pages()->currentIndex(), 0);
        QSignalSpy saved(editor->draft(), &ClientsFileDraft::saved);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY2(saved.wait(15000), qPrintable(m_view->messageBar()->text()));
        const QByteArray onDisk = m_hub->clientsFileBytes();
        QVERIFY(onDisk.contains(QByteArray(mine.toBase64().toLatin1() + " 10.42.42.80 gus")));
        QVERIFY(onDisk.contains(QByteArray(theirs.toBase64().toLatin1() + " 10.42.42.81 hal")));
        QVERIFY(m_hub->interfacePeers().contains(mine.toBase64() + u" 10.42.42.80/32"_qs));
    }

    void hubRefusalsComeBackByLine()
    {
        // The editor's own check is bypassed to see the hub's answer reach the admin.
        ClientsFileView *editor = m_view->clientsFileView();
        QTRY_COMPARE_WITH_TIMEOUT(editor->draft()->state(), ClientsFileDraft::State::Ready, 15000);
        editor->draft()->setText(editor->draft()->text() + u"not-a-key 10.42.42.90\n"_qs);
        QSignalSpy failed(editor->draft(), &ClientsFileDraft::failed);
        editor->draft()->save();
        QVERIFY(failed.wait(15000));
        const Error error = failed.constFirst().constFirst().value<Error>();
        QCOMPARE(error.code, ErrorCode::InvalidInput);
        QCOMPARE(error.lineErrors.size(), 1);
        QCOMPARE(error.lineErrors.constFirst().line, int(editor->draft()->text().count(u'\n')));
        QVERIFY(!m_hub->clientsFileBytes().contains("not-a-key"));
    }

    void revokingTakesThePeerOffTheInterface()
    {
        const Registration ida = registerEngineer(u"Ida Admin"_qs);
        QCOMPARE(m_hub
                     ->send(true, "POST", u"/api/v1/requests/"_qs + ida.id + u"/approve"_qs, "{}",
                            auth() + HeaderList { { "Content-Type", "application/json" } })
                     .status,
                 200);
        QVERIFY(refreshed());
        ClientsView *view = m_view->clientsView();
        const int sourceRow = view->model()->rowOf(ida.key);
        QVERIFY(sourceRow >= 0);
        const QModelIndex shown = view->proxy()->mapFromSource(view->model()->index(sourceRow, 0));
        view->table()->selectRow(shown.row());
        MessageBox::setNextAnswer(true);
        QSignalSpy clients(m_session.get(), &AdminSession::clientsChanged);
        QTest::mouseClick(view->revokeButton(), Qt::LeftButton);
        QVERIFY(clients.wait(15000));
        QCOMPARE(view->model()->rowOf(ida.key), -1);
        QVERIFY(!m_hub->clientsFileBytes().contains(ida.key.toBase64().toLatin1()));
        for (const QString &peer : m_hub->interfacePeers())
            QVERIFY(!peer.startsWith(ida.key.toBase64()));
        QCOMPARE(poll(ida).value(u"status").toString(), u"revoked"_qs);
    }

    // "Replace my key": the request says what it replaces, the address is left
    // empty so the hub keeps the old one, and approving swaps the keys.
    void approvingAKeyReplacementKeepsTheAddress()
    {
        const Registration old = registerEngineer(u"Rita Replace"_qs);
        const HttpReply approved
            = m_hub->send(true, "POST", u"/api/v1/requests/"_qs + old.id + u"/approve"_qs, "{}",
                          auth() + HeaderList { { "Content-Type", "application/json" } });
        QCOMPARE(approved.status, 200);
        const QString oldAddress = approved.json().value(u"address").toString();
        QVERIFY(!oldAddress.isEmpty());
        const PublicKey next = randomPublicKey();
        const QJsonObject body { { u"public_key"_qs, next.toBase64() },
                                 { u"name"_qs, u"Rita Replace"_qs },
                                 { u"hostname"_qs, u"rita-replace-laptop"_qs },
                                 { u"os"_qs, u"Fedora Linux 40"_qs },
                                 { u"replaces"_qs, old.id } };
        const HttpReply created
            = m_hub->send(false, "POST", u"/api/v1/registrations"_qs, QJsonDocument(body).toJson(),
                          { { "Content-Type", "application/json" },
                            { "Authorization", "Bearer " + old.secret.toLatin1() } });
        QVERIFY2(created.status == 201, created.body.constData());
        const QString id = created.json().value(u"id").toString();

        QVERIFY(refreshed());
        ApprovalsView *view = m_view->approvalsView();
        QVERIFY(selectRequest(id));
        QVERIFY2(view->findChild<QLabel *>(u"evidence"_qs)->text().contains(u"Replaces the key"_qs),
                 qPrintable(view->findChild<QLabel *>(u"evidence"_qs)->text()));
        QVERIFY(view->addressEdit()->text().isEmpty());
        QVERIFY(view->approveButton()->isEnabled());
        QSignalSpy clients(m_session.get(), &AdminSession::clientsChanged);
        QTest::mouseClick(view->approveButton(), Qt::LeftButton);
        QVERIFY(clients.wait(15000));
        const QByteArray file = m_hub->clientsFileBytes();
        QVERIFY2(file.contains(QByteArray(next.toBase64().toLatin1() + ' ' + oldAddress.toLatin1())),
                 file.constData());
        QVERIFY2(!file.contains(old.key.toBase64().toLatin1()), file.constData());
        QCOMPARE(poll(old).value(u"status").toString(), u"revoked"_qs);
    }

    void deviceToDeviceToggleChangesTheHub()
    {
        DeviceToDeviceView *view = m_view->deviceToDeviceView();
        m_view->tabs()->setCurrentWidget(view);
        const bool before = m_hub->send(true, "GET", u"/api/v1/settings"_qs, {}, auth())
                                .json()
                                .value(u"device_to_device")
                                .toBool();
        QCOMPARE(view->toggle()->isChecked(), before);
        MessageBox::setNextAnswer(true);
        QTest::mouseClick(view->toggle(), Qt::LeftButton, {}, QPoint(6, view->toggle()->height() / 2));
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->send(true, "GET", u"/api/v1/settings"_qs, {}, auth())
                                      .json()
                                      .value(u"device_to_device")
                                      .toBool(),
                                  !before, 15000);
        // The label says what the hub answered, once the answer is in.
        QTRY_VERIFY_WITH_TIMEOUT(
            view->stateLabel()->text().contains(before ? u"reports: OFF"_qs : u"reports: ON"_qs), 15000);
        QCOMPARE(view->toggle()->isChecked(), !before);
        QVERIFY(view->toggle()->isEnabled());
        // And back, so the hub is left as found.
        MessageBox::setNextAnswer(true);
        QTest::mouseClick(view->toggle(), Qt::LeftButton, {}, QPoint(6, view->toggle()->height() / 2));
        QTRY_VERIFY_WITH_TIMEOUT(
            view->stateLabel()->text().contains(before ? u"reports: ON"_qs : u"reports: OFF"_qs), 15000);
        QCOMPARE(view->toggle()->isChecked(), before);
    }

    void invitesPageShowsTheHubsEnrollmentLink()
    {
        InvitesView *view = showInvites();
        QVERIFY(view);
        const QJsonObject hub = m_hub->send(true, "GET", u"/api/v1/enrollment"_qs, {}, auth()).json();
        QVERIFY(!hub.value(u"url").toString().isEmpty());
        QVERIFY(hub.value(u"link").toString().startsWith(u"factory-vpn://enroll?"_qs));
        QTRY_COMPARE_WITH_TIMEOUT(view->enrollmentField()->text(), hub.value(u"link").toString(), 15000);
        QVERIFY(view->enrollmentField()->lineEdit()->isReadOnly());
        const QString fingerprint = hub.value(u"fingerprint").toString();
        if (fingerprint.isEmpty())
            QVERIFY(view->fingerprintLabel()->text().contains(u"plain HTTP"_qs));
        else
            QVERIFY2(view->fingerprintLabel()->text().contains(fingerprint),
                     qPrintable(view->fingerprintLabel()->text()));
    }

    void creatingAnInviteThroughTheForm()
    {
        InvitesView *view = showInvites();
        QVERIFY(view);
        NewInviteForm *form = view->form();
        QVERIFY(!form->createdPanel()->isVisible());
        QCOMPARE(form->usesBox()->value(), 1);
        QCOMPARE(form->validForBox()->value(), 168);
        form->usesBox()->setValue(3);
        form->validForBox()->setValue(0);
        QVERIFY(!form->preApprovedWarning()->isVisible());
        QTest::mouseClick(form->preApprovedBox(), Qt::LeftButton, {},
                          QPoint(6, form->preApprovedBox()->height() / 2));
        QVERIFY(form->preApprovedWarning()->isVisible());
        QTest::keyClicks(form->noteEdit(), u"night shift"_qs);
        QSignalSpy loaded(view, &InvitesView::invitesLoaded);
        QTest::mouseClick(form->createButton(), Qt::LeftButton);
        QVERIFY2(loaded.wait(15000), qPrintable(m_view->messageBar()->text()));

        // The link is shown once, with the code the hub made...
        QVERIFY(form->createdPanel()->isVisible());
        const QString shown = form->createdField()->text();
        QVERIFY2(shown.startsWith(u"factory-vpn://enroll?"_qs) && shown.contains(u"&invite="_qs),
                 qPrintable(shown));
        QVERIFY(form->createdField()->copyButton()->isEnabled());
        QVERIFY(form->noteEdit()->text().isEmpty());
        QVERIFY(!form->preApprovedBox()->isChecked()); // the next one needs approval unless asked again
        // ...and the table lists the invite as the hub has it.
        InvitesModel *model = view->model();
        int row = -1;
        for (int r = 0; r < model->rowCount(); ++r)
            row = model->rowAt(r).note == u"night shift"_qs ? r : row;
        QVERIFY(row >= 0);
        const InviteInfo made = model->rowAt(row);
        QVERIFY(shown.contains(made.id));
        QCOMPARE(made.maxUses, 3);
        QVERIFY(made.preApproved);
        QVERIFY(!made.expiresAt.isValid());
        QVERIFY(made.createdBy.startsWith(u"token:"_qs));
        QCOMPARE(model->index(row, InvitesModel::UsesColumn).data().toString(), u"0 of 3"_qs);
        QCOMPARE(model->index(row, InvitesModel::ExpiresColumn).data().toString(), u"never"_qs);
        QCOMPARE(hubInviteState(made.id), u"usable"_qs);

        // Copying puts the link on the clipboard.
        QTest::mouseClick(form->createdField()->copyButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), shown);
    }

    void revokingAnInviteAsksFirst()
    {
        const QString id = inviteFromTheApi(u"contractors"_qs);
        QVERIFY(!id.isEmpty());
        InvitesView *view = showInvites();
        QVERIFY(view);
        QVERIFY(selectInvite(id));
        QVERIFY(view->revokeButton()->isEnabled());

        // "Cancel": nothing is sent, nothing changes.
        const int asked = MessageBox::askedCount();
        MessageBox::setNextAnswer(false);
        QTest::mouseClick(view->revokeButton(), Qt::LeftButton);
        QCOMPARE(MessageBox::askedCount(), asked + 1);
        QVERIFY(MessageBox::lastText().contains(u"contractors"_qs));
        QCOMPARE(hubInviteState(id), u"usable"_qs);
        QCOMPARE(view->model()->rowAt(view->model()->rowOf(id)).state, InviteState::Usable);

        MessageBox::setNextAnswer(true);
        QSignalSpy loaded(view, &InvitesView::invitesLoaded);
        QTest::mouseClick(view->revokeButton(), Qt::LeftButton);
        QVERIFY(loaded.wait(15000));
        QCOMPARE(hubInviteState(id), u"revoked"_qs);
        const int row = view->model()->rowOf(id);
        QCOMPARE(view->model()->rowAt(row).state, InviteState::Revoked);
        QCOMPARE(view->model()->index(row, InvitesModel::StateColumn).data().toString(), u"Revoked"_qs);
        QVERIFY(!view->revokeButton()->isEnabled()); // still selected, no longer usable
        QCOMPARE(m_view->messageBar()->kind(), MessageBar::Kind::Success);
    }

    void aRevokeTheHubRefusesIsShown()
    {
        const QString id = inviteFromTheApi(u"old link"_qs);
        QVERIFY(!id.isEmpty());
        InvitesView *view = showInvites();
        QVERIFY(view);
        QVERIFY(selectInvite(id));
        // Another admin revokes it before this one clicks.
        QCOMPARE(m_hub->send(true, "DELETE", u"/api/v1/invites/"_qs + id, {}, auth()).status, 200);
        MessageBox::setNextAnswer(true);
        QSignalSpy loaded(view, &InvitesView::invitesLoaded);
        QTest::mouseClick(view->revokeButton(), Qt::LeftButton);
        QVERIFY(loaded.wait(15000));
        QCOMPARE(m_view->messageBar()->kind(), MessageBar::Kind::Error);
        QVERIFY2(m_view->messageBar()->text().contains(u"already revoked"_qs),
                 qPrintable(m_view->messageBar()->text()));
        QCOMPARE(view->model()->rowAt(view->model()->rowOf(id)).state, InviteState::Revoked);
    }

    void refreshFetchesTheInvitesAgain()
    {
        InvitesView *view = showInvites();
        QVERIFY(view);
        const QString id = inviteFromTheApi(u"made elsewhere"_qs);
        QVERIFY(!id.isEmpty());
        QCOMPARE(view->model()->rowOf(id), -1);
        QSignalSpy loaded(view, &InvitesView::invitesLoaded);
        QTest::mouseClick(m_view->refreshButton(), Qt::LeftButton);
        QVERIFY(loaded.wait(15000));
        QVERIFY(view->model()->rowOf(id) >= 0);
    }

    void wrongTokenIsSaidPlainly()
    {
        m_view->connectTo(QUrl(u"http://127.0.0.1:%1"_qs.arg(m_hub->adminPort())),
                          u"fvpn-not-a-real-token"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->messageBar()->isVisible(), 15000);
        QVERIFY2(m_view->messageBar()->text().contains(u"did not accept the admin token"_qs),
                 qPrintable(m_view->messageBar()->text()));
    }
};

QTEST_MAIN(TestAdminHub)
#include "tst_adminhub.moc"
