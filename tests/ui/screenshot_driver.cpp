// Drives the real window and tray through each state and photographs the whole
// X screen (tray included) with ImageMagick's `import`. Run by
// scripts/screenshots.sh inside the WireGuard lab (tests/client/wg-lab.sh), a
// throwaway keyring and Xvfb with a tray host; the tunnel is real (wg-quick in
// the lab's engineer namespace), the hub's registration API is the TLS fake hub.
//   fvpn_screenshot_driver <output folder>
#include "EngineerFixtures.h"
#include "EngineerSession.h"
#include "EngineerView.h"
#include "FakeHub.h"
#include "HubLink.h"
#include "KeyManager.h"
#include "MainWindow.h"
#include "RegistrationTracker.h"
#include "SecretStore.h"
#include "Translations.h"
#include "TrayIcon.h"
#include "WgQuickBackend.h"

#include <QApplication>
#include <QDialog>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cstdio>
#include <sys/stat.h>

using namespace fvpn;
using namespace std::chrono_literals;

namespace {

QString g_outputDir;

void shoot(const QString &name)
{
    QTest::qWait(700); // let the window and the tray repaint
    const QString path = g_outputDir + u'/' + name + QStringLiteral(".png");
    QProcess::execute(QStringLiteral("import"), { QStringLiteral("-window"), QStringLiteral("root"), path });
    std::printf("screenshot %s\n", qPrintable(path));
}

bool waitUntil(const std::function<bool()> &condition, std::chrono::milliseconds limit = 60s)
{
    return QTest::qWaitFor(condition, int(limit.count()));
}

int run(int argc, char **argv)
{
    QApplication app(argc, argv);
    // FACTORY_VPN_LANG=de photographs the German UI (docs/engineer-app.md, "Translations").
    Translations::install(&app, qEnvironmentVariable("FACTORY_VPN_LANG"));
    if (argc < 2) {
        std::fprintf(stderr, "usage: fvpn_screenshot_driver <output folder>\n");
        return 2;
    }
    g_outputDir = QString::fromLocal8Bit(argv[1]);
    const QString engineerExec = qEnvironmentVariable("FVPN_LAB_ENGINEER_EXEC");
    const QString hubExec = qEnvironmentVariable("FVPN_LAB_HUB_EXEC");
    if (engineerExec.isEmpty()) {
        std::fprintf(stderr, "run through tests/client/wg-lab.sh (scripts/screenshots.sh does)\n");
        return 2;
    }

    const test::TlsIdentity identity = test::makeTlsIdentity(QStringLiteral("hub.factory.example"));
    test::FakeHub hub(identity);
    QTemporaryDir scratch;
    const QString runtimeDir = scratch.filePath(QStringLiteral("run"));
    ::mkdir(QFile::encodeName(runtimeDir).constData(), 0700);

    SecretStore secrets(QStringLiteral("factory-vpn-screenshots-")
                        + QUuid::createUuid().toString(QUuid::WithoutBraces));
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
    window.move(40, 40);
    window.show();
    auto find = [&window](const char *name) {
        return window.findChild<QWidget *>(QString::fromLatin1(name));
    };

    // 1. First run, the link pasted.
    auto *link = qobject_cast<QLineEdit *>(find("link"));
    link->setText(
        HubLink(hub.url(), hub.fingerprint(), QStringLiteral("0123456789abcdef.aW52aXRl")).toString());
    shoot(QStringLiteral("01-not-registered"));

    // 2. Key generated, registered: waiting for approval.
    qobject_cast<QPushButton *>(find("generate"))->click();
    if (!waitUntil([&]() { return !session.profile().publicKey.isNull(); }))
        return 1;
    qobject_cast<QPushButton *>(find("register"))->click();
    if (!waitUntil([&]() { return session.state() == AppState::Pending; }))
        return 1;
    shoot(QStringLiteral("02-pending"));

    // 3. Approved (the hub gets the peer, as the real hub would): disconnected.
    QJsonObject tunnel {
        { QStringLiteral("address"), QStringLiteral("10.42.42.7") },
        { QStringLiteral("hub_address"), qEnvironmentVariable("FVPN_LAB_HUB_ADDRESS") },
        { QStringLiteral("hub_public_key"), qEnvironmentVariable("FVPN_LAB_HUB_PUBLIC_KEY") },
        { QStringLiteral("endpoint"), qEnvironmentVariable("FVPN_LAB_HUB_ENDPOINT") },
        { QStringLiteral("allowed_ips"), QJsonArray { QStringLiteral("10.42.42.0/24") } },
        { QStringLiteral("persistent_keepalive"), 25 },
    };
    const QString ourKey = session.profile().publicKey.toBase64();
    QProcess::execute(hubExec,
                      { QStringLiteral("wg"), QStringLiteral("set"), QStringLiteral("wg0"),
                        QStringLiteral("peer"), ourKey, QStringLiteral("allowed-ips"),
                        QStringLiteral("10.42.42.7/32") });
    hub.approve(hub.onlyRequestId(), tunnel);
    if (!waitUntil([&]() { return session.state() == AppState::Disconnected; }))
        return 1;
    shoot(QStringLiteral("03-approved-disconnected"));

    // 4./5. Connect: connecting, then connected on the first real handshake.
    qobject_cast<QPushButton *>(find("connect"))->click();
    QTest::qWait(50);
    const QString shotName
        = session.state() == AppState::Connecting ? QStringLiteral("04-connecting") : QString();
    if (!shotName.isEmpty())
        shoot(shotName);
    if (!waitUntil([&]() { return session.state() == AppState::Connected; }))
        return 1;
    QProcess::execute(engineerExec,
                      { QStringLiteral("ping"), QStringLiteral("-c"), QStringLiteral("3"),
                        QStringLiteral("-i"), QStringLiteral("0.3"),
                        qEnvironmentVariable("FVPN_LAB_HUB_ADDRESS") });
    QTest::qWait(1500);
    shoot(QStringLiteral("05-connected"));

    // 6. The tray's menu.
    tray.menu()->popup(QPoint(1280 - 220, 26));
    shoot(QStringLiteral("06-tray-menu"));
    tray.menu()->hide();

    // 7. Diagnostics, all checks run for real.
    view->showDiagnostics();
    auto *diagnostics = window.findChild<QDialog *>(QStringLiteral("diagnosticsDialog"));
    diagnostics->move(80, 300);
    QTest::qWait(4000);
    shoot(QStringLiteral("07-diagnostics"));
    diagnostics->close();

    // 8. Export with its QR code (without the private key).
    view->showExport();
    auto *exportDialog = window.findChild<QDialog *>(QStringLiteral("exportDialog"));
    exportDialog->move(80, 200);
    shoot(QStringLiteral("08-export"));
    exportDialog->close();

    // 9. Stale: the hub forgets the peer; the limit is shortened from 180 s.
    session.tunnel()->monitor()->setStaleAfter(5);
    QProcess::execute(hubExec,
                      { QStringLiteral("wg"), QStringLiteral("set"), QStringLiteral("wg0"),
                        QStringLiteral("peer"), ourKey, QStringLiteral("remove") });
    if (!waitUntil([&]() { return session.state() == AppState::Stale; }))
        return 1;
    shoot(QStringLiteral("09-stale"));

    // 10. Error: disconnected, then the runtime folder is opened to others, so
    // the backend refuses to write the key there.
    session.tunnel()->disconnectTunnel();
    if (!waitUntil([&]() { return session.state() == AppState::Disconnected; }))
        return 1;
    ::chmod(QFile::encodeName(runtimeDir).constData(), 0755);
    qobject_cast<QPushButton *>(find("connect"))->click();
    if (!waitUntil([&]() { return session.state() == AppState::Error; }))
        return 1;
    shoot(QStringLiteral("10-error"));
    ::chmod(QFile::encodeName(runtimeDir).constData(), 0700);

    waitUntil([&]() {
        bool removed = false;
        session.keys()->remove(&window, [&removed](Result<void>) { removed = true; });
        return QTest::qWaitFor([&removed]() { return removed; }, 10000);
    });
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    return run(argc, argv);
}
