// Shows the admin view against a stand-in hub full of plausible data, on the tab
// named on the command line, so scripts/admin-screenshots.sh can photograph it
// under Xvfb. Not a test: it runs until killed.
#include "AdminProfileStore.h"
#include "AdminSession.h"
#include "AdminView.h"
#include "ApprovalsView.h"
#include "AuditView.h"
#include "ClientsFileDraft.h"
#include "ClientsFileTableModel.h"
#include "ClientsFileView.h"
#include "ConflictPanel.h"
#include "DeviceToDeviceView.h"
#include "DevicesView.h"
#include "FakeHub.h"
#include "InvitesView.h"
#include "LineNumberEditor.h"
#include "MessageBox.h"
#include "NewInviteForm.h"
#include "ProfileForm.h"
#include "SecretStore.h"
#include "Translations.h"

#include <QApplication>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextCursor>
#include <QTimer>

using namespace fvpn;
using namespace fvpn::test;

namespace {

const char *const Names[] = { "alice", "bruno", "chen", "dagny", "emeka", "farah", "goran", "hana" };
const char *const Full[] = { "Alice Smith", "Bruno Diaz",   "Chen Wei",   "Dagny Berg",
                             "Emeka Obi",   "Farah Haddad", "Goran Ilic", "Hana Sato" };

void seed(FakeHub &hub)
{
    hub.subnet = IpNetwork::parse(u"10.42.0.0/16").value();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const char *const lines[] = { "press", "weld", "paint", "pack", "agv", "scale" };
    for (int i = 1; i <= 48; ++i) {
        QDateTime handshake;
        if (i % 9 != 0)
            handshake = now.addSecs(-((i * 53) % (i % 5 == 0 ? 3000 : 170)));
        DeviceInfo d = hub.addDevice(i, handshake);
        d.name = QStringLiteral("%1-%2").arg(QLatin1StringView(lines[i % 6])).arg(i, 2, 10, QChar(u'0'));
        d.live.rxBytes = quint64(i) * 7919 * 1031;
        d.live.txBytes = quint64(i) * 3571 * 977;
        hub.devices.last() = d;
    }
    QString file = QStringLiteral("# Factory VPN client peers: <public key> <address> <name> [comment]\n"
                                  "# Line and shift leads\n");
    for (int i = 0; i < 5; ++i) {
        file += FakeHub::key(900 + i).toBase64() + QStringLiteral(" 10.42.1.%1 ").arg(10 + i)
            + QLatin1StringView(Names[i]) + u' ' + QLatin1StringView(Full[i]) + u'\n';
    }
    file += QStringLiteral("\n# Contractors (remove after the retrofit)\n");
    file += FakeHub::key(905).toBase64()
        + QStringLiteral(" 10.42.1.20 farah Farah Haddad (Acme Automation)\n");
    hub.setClientsFile(file, QStringLiteral("token:ops"));
    for (int i = 0; i < 3; ++i) {
        RequestInfo r = hub.addPendingRequest(QLatin1StringView(Full[5 + i]), 950 + i);
        r.hostname = QStringLiteral("%1-thinkpad").arg(QLatin1StringView(Names[5 + i]));
        r.os = i == 1 ? QStringLiteral("Windows 11 Pro 23H2") : QStringLiteral("Ubuntu 24.04 LTS");
        r.createdAt = now.addSecs(-(i + 1) * 1700);
        hub.requests.last() = r;
    }
    RequestInfo approved = hub.addPendingRequest(QStringLiteral("Alice Smith"), 900);
    approved.status = RequestState::Approved;
    approved.decidedBy = QStringLiteral("token:ops");
    approved.decidedAt = now.addDays(-12);
    approved.address = IpAddress::parse(u"10.42.1.10").value();
    hub.requests.last() = approved;
    hub.record(QStringLiteral("token:ops"), QStringLiteral("request.approve"), approved.id, QJsonValue(),
               QStringLiteral("10.42.1.10"));
    hub.record(QStringLiteral("cli"), QStringLiteral("token.create"), QStringLiteral("maria"));
    hub.record(QStringLiteral("token:maria"), QStringLiteral("settings.change"),
               QStringLiteral("device_to_device"), true, false);
    hub.record(QStringLiteral("requester"), QStringLiteral("request.create"), QStringLiteral("req-1"));
    hub.record(QStringLiteral("token:ops"), QStringLiteral("client.revoke"), FakeHub::key(777).toBase64(),
               QJsonValue(), QStringLiteral("laptop stolen"));
    hub.record(QStringLiteral("requester"), QStringLiteral("request.create"), QStringLiteral("req-2"));
    hub.record(QStringLiteral("requester"), QStringLiteral("request.create"), QStringLiteral("req-3"));
    hub.access.add(QStringLiteral("Line 3 commissioning"), 5, 2, 48, false);
    hub.access.add(QStringLiteral("Acme Automation contractors"), 3, 3, 168, false);
    InviteInfo &revoked = hub.access.add(QStringLiteral("Old night shift link"), 10, 4, 0, false);
    revoked.state = InviteState::Revoked;
    revoked.revokedAt = now.addDays(-2);
    hub.access.add(QStringLiteral("Maintenance tablets"), 4, 1, 0, true);
    for (qsizetype i = 0; i < hub.access.invites.size(); ++i)
        hub.access.invites[i].createdAt = now.addDays(-3 * (hub.access.invites.size() - i));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // FACTORY_VPN_LANG=de photographs the German UI (docs/engineer-app.md, "Translations").
    Translations::install(&app, qEnvironmentVariable("FACTORY_VPN_LANG"));
    const QString tab = app.arguments().value(1, QStringLiteral("devices"));

    FakeHub hub;
    if (!hub.listen())
        return 1;
    seed(hub);

    AdminSession session;
    session.setRefreshInterval(0);
    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Factory VPN"));
    if (tab == u"profile") {
        // A first start: no hubs yet, so the view asks for one.
        static QTemporaryDir dir;
        static QSettings settings(dir.filePath(QStringLiteral("shots.ini")), QSettings::IniFormat);
        static SecretStore secrets(QStringLiteral("factory-vpn-screenshots"));
        static AdminProfileStore profiles(&settings, &secrets);
        auto *first = new AdminView(&profiles, &session);
        first->profileForm()->nameEdit()->setText(QStringLiteral("Plant 2 hub"));
        first->profileForm()->urlEdit()->setText(QStringLiteral("http://10.42.42.1:8444"));
        window.setCentralWidget(first);
        window.resize(1260, 760);
        window.move(10, 10);
        window.show();
        return QApplication::exec();
    }
    auto *view = new AdminView(nullptr, &session);
    window.setCentralWidget(view);
    window.resize(1260, 760);
    window.move(10, 10);
    window.show();
    view->connectTo(hub.url(), QString::fromLatin1(FakeHub::Token));

    QObject::connect(&session, &AdminSession::refreshFinished, &window, [&, done = false]() mutable {
        if (done)
            return;
        done = true;
        QTabWidget *tabs = view->tabs();
        if (tab == u"devices") {
            tabs->setCurrentIndex(0);
        } else if (tab == u"devices-filtered") {
            view->devicesView()->filterEdit()->setText(QStringLiteral("press"));
        } else if (tab == u"clients") {
            tabs->setCurrentIndex(1);
        } else if (tab == u"approvals") {
            tabs->setCurrentWidget(view->approvalsView());
        } else if (tab == u"approvals-invalid") {
            tabs->setCurrentWidget(view->approvalsView());
            QTimer::singleShot(300, view, [view] {
                view->approvalsView()->addressEdit()->setText(QStringLiteral("10.42.0.5"));
                Q_EMIT view->approvalsView()->addressEdit()->textEdited(QStringLiteral("10.42.0.5"));
            });
        } else if (tab == u"editor" || tab == u"editor-errors" || tab == u"editor-text"
                   || tab == u"conflict") {
            ClientsFileView *editor = view->clientsFileView();
            tabs->setCurrentWidget(editor);
            QTimer::singleShot(800, editor, [&hub, editor, tab] {
                if (tab == u"editor-errors" || tab == u"editor-text") {
                    editor->tableModel()->appendPeer(FakeHub::key(960).toBase64(),
                                                     QStringLiteral("10.42.0.7"),
                                                     QStringLiteral("ivan Ivan Petrov"));
                    editor->tableModel()->appendPeer(QStringLiteral("ivan-key-pasted-wrong"),
                                                     QStringLiteral("10.42.1.11"), QStringLiteral("ivan2"));
                    editor->tableModel()->appendPeer(FakeHub::key(961).toBase64(),
                                                     QStringLiteral("10.43.0.2"), QStringLiteral("jo"));
                    editor->validateNow();
                    if (tab == u"editor-text")
                        editor->modes()->setCurrentWidget(editor->textEdit());
                } else if (tab == u"conflict") {
                    editor->tableModel()->appendPeer(FakeHub::key(962).toBase64(),
                                                     QStringLiteral("10.42.1.30"),
                                                     QStringLiteral("kai Kai Müller"));
                    hub.setClientsFile(hub.clientsFile() + FakeHub::key(963).toBase64()
                                           + QStringLiteral(" 10.42.1.31 lena Lena Novak\n"),
                                       QStringLiteral("token:maria"));
                    editor->saveButton()->click();
                }
            });
        } else if (tab == u"invites") {
            InvitesView *invites = view->invitesView();
            tabs->setCurrentWidget(invites);
            QTimer::singleShot(800, invites, [invites] {
                invites->form()->usesBox()->setValue(8);
                invites->form()->noteEdit()->setText(QStringLiteral("Paint shop, week 23"));
                invites->form()->createButton()->click();
            });
        } else if (tab == u"d2d") {
            tabs->setCurrentWidget(view->deviceToDeviceView());
        } else if (tab == u"audit") {
            tabs->setCurrentWidget(view->auditView());
        } else if (tab == u"unreachable") {
            view->connectTo(QUrl(QStringLiteral("http://127.0.0.1:9")), QStringLiteral("some-admin-token"));
        }
    });
    return QApplication::exec();
}
