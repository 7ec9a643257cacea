// Drives the real window and tray through an engineer's whole first run and
// photographs the X screen (tray included) with ImageMagick's `import`, as a
// newcomer sees it. Run by scripts/screenshots.sh inside the WireGuard lab
// (tests/client/wg-lab.sh), inside the lab's engineer namespace, under Xvfb with
// a tray host and a fresh account's real gnome-keyring (no keyring yet: its
// "Choose password for new keyring" window is real, answered with xdotool).
// The tunnel is real (wg-quick in the engineer namespace, wireguard-go hub);
// the hub's registration API is the TLS fake hub; the device list comes from a
// stand-in for the planned directory endpoint (tests/client/FakeDirectory.h)
// listening on the hub's VPN address inside the hub's namespace, reached through
// the tunnel.
//   fvpn_screenshot_driver <output folder>
//   fvpn_screenshot_driver --serve-directory <address> <port> <request id> <secret>
#include "DeviceDirectory.h"
#include "DirectoryView.h"
#include "EngineerFixtures.h"
#include "EngineerSession.h"
#include "EngineerView.h"
#include "FakeDirectory.h"
#include "FakeHub.h"
#include "HubLink.h"
#include "KeyManager.h"
#include "KeyringDesktop.h"
#include "MainWindow.h"
#include "RegistrationTracker.h"
#include "SecretStore.h"
#include "Translations.h"
#include "TrayIcon.h"
#include "TunnelPage.h"
#include "WgQuickBackend.h"

#include <QApplication>
#include <QDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <cstdio>
#include <sys/stat.h>

using namespace fvpn;
using namespace fvpn::test;
using namespace std::chrono_literals;

namespace {

// Where the screenshots go (set once from the command line).
QString &screenshotDir()
{
    static QString dir;
    return dir;
}

void shoot(const QString &name)
{
    QTest::qWait(700); // let the window and the tray repaint
    const QString path = screenshotDir() + u'/' + name + QStringLiteral(".png");
    QProcess::execute(QStringLiteral("import"), { QStringLiteral("-window"), QStringLiteral("root"), path });
    std::printf("screenshot %s\n", qPrintable(path));
    std::fflush(stdout);
}

bool waitUntil(const std::function<bool()> &condition, std::chrono::milliseconds limit = 60s)
{
    return QTest::qWaitFor(condition, int(limit.count()));
}

bool fail(const char *what)
{
    std::fprintf(stderr, "screenshot driver: %s\n", what);
    return false;
}

// The tunnel's approval as the hub sends it, with the planned directory on the hub's VPN address.
QJsonObject approvedTunnel()
{
    return QJsonObject {
        { QStringLiteral("address"), QStringLiteral("10.42.42.7") },
        { QStringLiteral("hub_address"), qEnvironmentVariable("FVPN_LAB_HUB_ADDRESS") },
        { QStringLiteral("hub_public_key"), qEnvironmentVariable("FVPN_LAB_HUB_PUBLIC_KEY") },
        { QStringLiteral("endpoint"), qEnvironmentVariable("FVPN_LAB_HUB_ENDPOINT") },
        { QStringLiteral("allowed_ips"), QJsonArray { QStringLiteral("10.42.42.0/24") } },
        { QStringLiteral("persistent_keepalive"), 25 },
        { QStringLiteral("directory_url"),
          QStringLiteral("http://%1:8444/api/v1/directory")
              .arg(qEnvironmentVariable("FVPN_LAB_HUB_ADDRESS")) },
    };
}

// A plausible factory for the stand-in directory.
QJsonObject factoryDevices()
{
    const QString now = QDateTime::currentDateTimeUtc().addSecs(-12).toString(Qt::ISODateWithMs);
    const QString hourAgo = QDateTime::currentDateTimeUtc().addSecs(-1500).toString(Qt::ISODateWithMs);
    const QString yesterday = QDateTime::currentDateTimeUtc().addDays(-1).toString(Qt::ISODateWithMs);
    using test::FakeDirectory;
    return QJsonObject {
        { QStringLiteral("devices"),
          QJsonArray {
              FakeDirectory::device(QStringLiteral("press-01"), QStringLiteral("10.42.42.11"),
                                    QStringLiteral("online"), now),
              FakeDirectory::device(QStringLiteral("press-02"), QStringLiteral("10.42.42.12"),
                                    QStringLiteral("online"), now),
              FakeDirectory::device(QStringLiteral("welder-03"), QStringLiteral("10.42.42.13"),
                                    QStringLiteral("online"), now),
              FakeDirectory::device(QStringLiteral("paint-line-04"), QStringLiteral("10.42.42.14"),
                                    QStringLiteral("stale"), hourAgo),
              FakeDirectory::device(QStringLiteral("conveyor-05"), QStringLiteral("10.42.42.15"),
                                    QStringLiteral("online"), now),
              FakeDirectory::device(QStringLiteral("test-rig-06"), QStringLiteral("10.42.42.16"),
                                    QStringLiteral("offline"), yesterday),
              FakeDirectory::device(QStringLiteral("packer-07"), QStringLiteral("10.42.42.17"),
                                    QStringLiteral("online"), now),
          } },
        { QStringLiteral("ssh_user"), QStringLiteral("fio") },
    };
}

// --serve-directory: the stand-in, run in the hub's namespace by the driver.
int serveDirectory(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 6)
        return 2;
    test::FakeDirectory directory(QHostAddress(QString::fromLocal8Bit(argv[2])),
                                  quint16(QByteArray(argv[3]).toUShort()));
    if (directory.port == 0)
        return 1;
    directory.requestId = QString::fromLocal8Bit(argv[4]);
    directory.secret = QString::fromLocal8Bit(argv[5]);
    directory.answer = factoryDevices();
    std::printf("directory stand-in on %s\n", qPrintable(directory.url().toString()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}

// Photographs the next message box while it is open, then answers it with `button`.
void shootNextMessageBox(const QString &name, QMessageBox::StandardButton button)
{
    QTimer::singleShot(500, qApp, [name, button]() {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        box->move(120, 260);
        shoot(name);
        if (QAbstractButton *answer = box->button(button))
            answer->click();
    });
}

bool run(QApplication &app, const QString &outputDir)
{
    screenshotDir() = outputDir;
    const QString hubExec = qEnvironmentVariable("FVPN_LAB_HUB_EXEC");
    const QString engineerExec = qEnvironmentVariable("FVPN_LAB_ENGINEER_EXEC");
    if (engineerExec.isEmpty() || hubExec.isEmpty())
        return fail("run through tests/client/wg-lab.sh (scripts/screenshots.sh does)");

    const test::TlsIdentity identity = test::makeTlsIdentity(QStringLiteral("hub.factory.example"));
    test::FakeHub hub(identity);
    QTemporaryDir scratch;
    const QString runtimeDir = scratch.filePath(QStringLiteral("run"));
    ::mkdir(QFile::encodeName(runtimeDir).constData(), 0700);

    SecretStore secrets(QStringLiteral("factory-vpn"));
    QSettings settings(scratch.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    EngineerSession::Dependencies dependencies;
    dependencies.secrets = &secrets;
    dependencies.settings = &settings;
    dependencies.identity = test::testIdentity();
    const ToolRunner tools = ToolRunner::withPrefix({ engineerExec });
    dependencies.backendFactory = [tools, runtimeDir](BackendKind, QObject *parent) -> TunnelBackend * {
        return new WgQuickBackend(tools, QString::fromLatin1(WgQuickBackend::DefaultInterface), runtimeDir,
                                  parent);
    };
    EngineerSession session(dependencies);
    session.setConnectWhenApproved(false); // each state is photographed on its own
    RegistrationTracker::Backoff fast;
    fast.first = 200ms;
    fast.max = 500ms;
    session.tracker()->setBackoff(fast);
    session.tunnel()->monitor()->setPollInterval(500ms);

    MainWindow window;
    auto *view = new EngineerView(&session, tools);
    window.addPage(view, QStringLiteral("VPN access"));
    TrayIcon tray(&session);
    // Below gnome-keyring's window, which opens at the top left of a screen without a window manager.
    window.move(60, 220);
    window.show();
    auto find = [&window](const char *name) {
        return window.findChild<QWidget *>(QString::fromLatin1(name));
    };
    auto click = [&find](const char *name) {
        qobject_cast<QPushButton *>(find(name))->click();
    };
    auto *link = qobject_cast<QLineEdit *>(find("link"));

    // 1. A hub address typed as people type it; its certificate is unknown, the
    //    question shows the fingerprint as the admin's factory-vpn-ctl prints it.
    link->setText(QStringLiteral("127.0.0.1:%1").arg(hub.port));
    shoot(QStringLiteral("01-first-run"));

    // 2. Generate key: gnome-keyring asks for a new keyring's password (the text
    //    above the button said it would). Cancelled: the app says what happened and offers Try again.
    click("generate");
    if (!waitUntil(keyringWindowShown))
        return fail("gnome-keyring's password window did not open");
    shoot(QStringLiteral("02-keychain-asks"));
    xdotool({ QStringLiteral("key"), QStringLiteral("Escape") });
    if (!waitUntil([&]() { return !view->lastError().isEmpty(); }))
        return fail("no message after the keyring window was cancelled");
    shoot(QStringLiteral("03-keychain-cancelled"));

    // 3. Try again, and this time choose a password: the key is made.
    click("tryAgain");
    if (!waitUntil(keyringWindowShown))
        return fail("gnome-keyring's password window did not open again");
    for (const QString &keys : { QStringLiteral("factory"), QStringLiteral("Tab"), QStringLiteral("factory"),
                                 QStringLiteral("Return") }) {
        if (keys == u"Tab" || keys == u"Return")
            xdotool({ QStringLiteral("key"), keys });
        else
            xdotool({ QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("30"), keys });
        QTest::qWait(200);
    }
    if (!waitUntil([&]() { return !session.profile().publicKey.isNull(); }))
        return fail("no key after the keyring was created");

    // 4. Register with the bare address: the certificate question.
    shootNextMessageBox(QStringLiteral("04-certificate"), QMessageBox::No);
    click("register");
    if (!waitUntil([&]() { return !view->lastError().isEmpty(); }))
        return fail("no message after the certificate was refused");

    // 5. The enrollment link instead (it pins the certificate): registered, waiting.
    link->setText(HubLink(hub.url(), hub.fingerprint(), QString()).toString());
    click("register");
    if (!waitUntil([&]() { return session.state() == AppState::Pending; }))
        return fail("not pending");
    shoot(QStringLiteral("05-pending"));

    // 6. Approved (the hub gets the peer, as the real hub would), with the
    //    directory on the hub's VPN address: disconnected, ready.
    const QString id = hub.onlyRequestId();
    QProcess directory;
    directory.setProcessChannelMode(QProcess::ForwardedChannels);
    directory.start(hubExec,
                    { QCoreApplication::applicationFilePath(), QStringLiteral("--serve-directory"),
                      qEnvironmentVariable("FVPN_LAB_HUB_ADDRESS"), QStringLiteral("8444"), id,
                      hub.requests().value(id).secret });
    const QString ourKey = session.profile().publicKey.toBase64();
    QProcess::execute(hubExec,
                      { QStringLiteral("wg"), QStringLiteral("set"), QStringLiteral("wg0"),
                        QStringLiteral("peer"), ourKey, QStringLiteral("allowed-ips"),
                        QStringLiteral("10.42.42.7/32") });
    hub.approve(id, approvedTunnel());
    if (!waitUntil([&]() { return session.state() == AppState::Disconnected; }))
        return fail("not approved");
    shoot(QStringLiteral("06-approved"));

    // 7. Connect: connected on the first real handshake, and the devices listed.
    click("connect");
    if (!waitUntil([&]() { return session.state() == AppState::Connected; }))
        return fail("not connected");
    QProcess::execute(engineerExec,
                      { QStringLiteral("ping"), QStringLiteral("-c"), QStringLiteral("3"),
                        QStringLiteral("-i"), QStringLiteral("0.3"),
                        qEnvironmentVariable("FVPN_LAB_HUB_ADDRESS") });
    if (!waitUntil([&]() { return session.directory()->status() == DeviceDirectory::Status::Ready; }))
        return fail(qPrintable(QStringLiteral("no device list: ") + session.directory()->problem()));
    auto *devices = view->tunnelPage()->directoryView()->table();
    devices->selectRow(2);
    QTest::qWait(1500);
    shoot(QStringLiteral("07-connected"));

    // 8. The tray's menu.
    tray.menu()->popup(QPoint(1280 - 220, 26));
    shoot(QStringLiteral("08-tray-menu"));
    tray.menu()->hide();

    // 9. Diagnostics, all checks run for real.
    view->showDiagnostics();
    auto *diagnostics = window.findChild<QDialog *>(QStringLiteral("diagnosticsDialog"));
    diagnostics->move(100, 300);
    QTest::qWait(4000);
    shoot(QStringLiteral("09-diagnostics"));
    diagnostics->close();

    // 10. Export with its QR code (without the private key).
    view->showExport();
    auto *exportDialog = window.findChild<QDialog *>(QStringLiteral("exportDialog"));
    exportDialog->move(100, 260);
    shoot(QStringLiteral("10-export"));
    exportDialog->close();

    // 11. Disconnected by choice: a calm icon, and Diagnostics finds no problem in it.
    click("connect");
    if (!waitUntil([&]() { return session.state() == AppState::Disconnected; }))
        return fail("did not disconnect");
    view->showDiagnostics();
    diagnostics = window.findChild<QDialog *>(QStringLiteral("diagnosticsDialog"));
    diagnostics->move(100, 420);
    QTest::qWait(3000);
    shoot(QStringLiteral("11-disconnected"));
    diagnostics->close();

    // 12. Stale: the hub forgets the peer; the limit is shortened from 180 s.
    click("connect");
    if (!waitUntil([&]() { return session.state() == AppState::Connected; }))
        return fail("not connected again");
    session.tunnel()->monitor()->setStaleAfter(5);
    QProcess::execute(hubExec,
                      { QStringLiteral("wg"), QStringLiteral("set"), QStringLiteral("wg0"),
                        QStringLiteral("peer"), ourKey, QStringLiteral("remove") });
    if (!waitUntil([&]() { return session.state() == AppState::Stale; }))
        return fail("not stale");
    shoot(QStringLiteral("12-stale"));

    // 13. Error: disconnected, then the runtime folder is opened to others, so
    //     the backend refuses to write the key there.
    session.tunnel()->disconnectTunnel();
    if (!waitUntil([&]() { return session.state() == AppState::Disconnected; }))
        return fail("not disconnected");
    ::chmod(QFile::encodeName(runtimeDir).constData(), 0755);
    click("connect");
    if (!waitUntil([&]() { return session.state() == AppState::Error; }))
        return fail("no error");
    shoot(QStringLiteral("13-error"));
    ::chmod(QFile::encodeName(runtimeDir).constData(), 0700);

    directory.kill();
    directory.waitForFinished(5000);
    Q_UNUSED(app);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--serve-directory") == 0)
        return serveDirectory(argc, argv);
    QApplication app(argc, argv);
    // FACTORY_VPN_LANG=de photographs the German UI (docs/engineer-app.md, "Translations").
    Translations::install(&app, qEnvironmentVariable("FACTORY_VPN_LANG"));
    if (argc < 2) {
        std::fprintf(stderr, "usage: fvpn_screenshot_driver <output folder>\n");
        return 2;
    }
    return run(app, QString::fromLocal8Bit(argv[1])) ? 0 : 1;
}
