#include "AdminPage.h"
#include "EngineerSession.h"
#include "EngineerView.h"
#include "MainWindow.h"
#include "NetworkManagerProbe.h"
#include "QuitGuard.h"
#include "SecretStore.h"
#include "StateIcons.h"
#include "Translations.h"
#include "TrayIcon.h"
#include "WgQuickBackend.h"

#include <QApplication>
#include <QSettings>
#include <QSystemTrayIcon>

using namespace fvpn;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("factory-vpn"));
    QApplication::setApplicationDisplayName(QStringLiteral("Factory VPN"));
    QApplication::setApplicationVersion(QStringLiteral(FACTORYVPN_VERSION));
    QApplication::setOrganizationName(QStringLiteral("FactoryVPN"));
    QApplication::setWindowIcon(StateIcons::appIcon());
    // The tray keeps the app alive when the window is closed; QuitGuard ends it.
    QApplication::setQuitOnLastWindowClosed(false);

    SecretStore secrets(QStringLiteral("factory-vpn"));
    QSettings settings;
    // Before any widget exists: texts are looked up when widgets are built.
    Translations::install(
        &app,
        Translations::requestedLanguage(QApplication::arguments(), qEnvironmentVariable("FACTORY_VPN_LANG"),
                                        settings.value(QStringLiteral("language")).toString()));
    EngineerSession::Dependencies dependencies;
    dependencies.secrets = &secrets;
    dependencies.settings = &settings;
    dependencies.identity = SystemIdentity::current();
    dependencies.networkManagerRunning = NetworkManagerProbe::isRunning();
    dependencies.backendFactory = [](BackendKind, QObject *parent) -> TunnelBackend * {
        // Only wg-quick exists so far; the choice says so (docs/tunnel-backends.md).
        return new WgQuickBackend(ToolRunner::privileged(),
                                  QString::fromLatin1(WgQuickBackend::DefaultInterface), QString(), parent);
    };
    EngineerSession session(dependencies);
    // Before the window: the admin view inside it uses the admin session.
    AdminPage admin(&settings, &secrets);

    MainWindow window;
    auto *engineer = new EngineerView(&session, ToolRunner::direct());
    window.addPage(engineer, QCoreApplication::translate("fvpn::main", "VPN access"));

    TrayIcon tray(&session);
    QuitGuard quitGuard(&session, &window);
    window.setKeepRunningOnClose([&tray]() { return tray.isShown(); });
    QObject::connect(&window, &MainWindow::closeRequested, &quitGuard, &QuitGuard::requestQuit);
    QObject::connect(&tray, &TrayIcon::quitRequested, &quitGuard, &QuitGuard::requestQuit);
    QObject::connect(&quitGuard, &QuitGuard::quitNow, &app, &QApplication::quit);
    QObject::connect(&tray, &TrayIcon::openRequested, &window, [&window]() {
        window.show();
        window.raise();
        window.activateWindow();
    });

    if (admin.wanted(QApplication::arguments()))
        admin.attach(&window, &tray);

    window.show();
    return QApplication::exec();
}
