#include "AdminPage.h"
#include "DesktopCommandLine.h"
#include "EngineerSession.h"
#include "EngineerView.h"
#include "HubProfileImport.h"
#include "InstanceHandoff.h"
#include "MainWindow.h"
#include "NetworkManagerBackend.h"
#include "NetworkManagerProbe.h"
#include "QuitGuard.h"
#include "SecretStore.h"
#include "StateIcons.h"
#include "TerminationSignals.h"
#include "Translations.h"
#include "TrayIcon.h"
#include "WgQuickBackend.h"

#include <QApplication>
#include <QCoreApplication>
#include <QSettings>
#include <QSystemTrayIcon>

#include <algorithm>
#include <optional>

using namespace fvpn;

namespace {

void nameTheApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("factory-vpn"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FACTORYVPN_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("FactoryVPN"));
}

// Commands that need no window (and so no display) run before QApplication exists.
std::optional<int> runCommand(int argc, char *argv[])
{
    if (!std::any_of(argv + 1, argv + argc, [](const char *arg) { return qstrcmp(arg, "--add-hub") == 0; }))
        return std::nullopt;
    QCoreApplication app(argc, argv);
    nameTheApplication();
    SecretStore secrets(QStringLiteral("factory-vpn"));
    QSettings settings;
    return HubProfileImport::run(QCoreApplication::arguments(), &settings, &secrets);
}

} // namespace

int main(int argc, char *argv[])
{
    if (const std::optional<int> code = DesktopCommandLine::answerWithoutWindow(argc, argv))
        return *code;
    if (const std::optional<int> code = runCommand(argc, argv))
        return *code;
    if (const std::optional<int> code = DesktopCommandLine::refuseWithoutDisplay())
        return *code;
    std::optional<DesktopCommandLine::FatalGuard> guard(std::in_place);
    QApplication app(argc, argv);
    guard.reset();
    nameTheApplication();
    // SIGTERM (logout, kill) ends the app like Quit, asking nothing and leaving a tunnel
    // as it is; the instance socket goes away with it. Caught before the socket exists,
    // so a signal that comes while the app starts never leaves a stale one behind.
    // exit(), not quit(): Qt 6's quit() first asks every window to close, and the
    // window refuses while the tray keeps the app (it would survive the signal).
    if (TerminationSignals *termination = TerminationSignals::install(&app))
        QObject::connect(termination, &TerminationSignals::received, &app, [] { QCoreApplication::exit(0); });
    // Notifications and Wayland find the app's name and icon in its desktop entry.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.factoryvpn.FactoryVPN"));
    // Before the session, the tray or the keychain: a second start only hands over and ends.
    SingleInstance instance(QString::fromLatin1(InstanceHandoff::Channel));
    const SingleInstance::Request request = InstanceHandoff::requestFor(QApplication::arguments());
    if (const std::optional<int> code = InstanceHandoff::claim(&instance, request))
        return *code;
    QApplication::setApplicationDisplayName(QStringLiteral("Factory VPN"));
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
    dependencies.backendFactory = [](BackendKind kind, QObject *parent) -> TunnelBackend * {
        if (kind == BackendKind::NetworkManager)
            return new NetworkManagerBackend(ToolRunner::privileged(),
                                             QString::fromLatin1(NetworkManagerBackend::DefaultInterface),
                                             QDBusConnection::systemBus(), parent);
        return new WgQuickBackend(ToolRunner::privileged(),
                                  QString::fromLatin1(WgQuickBackend::DefaultInterface), QString(), parent);
    };
    EngineerSession session(dependencies);
    // Before the window: the admin view inside it uses the admin session.
    AdminPage admin(&settings, &secrets);

    MainWindow window;
    auto *engineer = new EngineerView(&session, ToolRunner::direct());
    window.addPage(engineer, QCoreApplication::translate("fvpn::main", "&VPN access"));

    TrayIcon tray(&session);
    QuitGuard quitGuard(&session, &window);
    window.setKeepRunningOnClose([&tray]() { return tray.isShown(); });
    QObject::connect(&window, &MainWindow::closeRequested, &quitGuard, &QuitGuard::requestQuit);
    QObject::connect(&tray, &TrayIcon::quitRequested, &quitGuard, &QuitGuard::requestQuit);
    QObject::connect(&quitGuard, &QuitGuard::quitNow, &app, &QApplication::quit);
    QObject::connect(&tray, &TrayIcon::openRequested, &window, [&window]() { window.bringToFront(); });
    InstanceHandoff handoff(&instance, &window, engineer);

    if (admin.wanted(QApplication::arguments())) {
        admin.attach(&window, &tray, QApplication::arguments().contains(QStringLiteral("--admin")));
        // This computer's own request shows in the admin page's count at once.
        QObject::connect(&session, &EngineerSession::registrationChanged, &admin, &AdminPage::refresh);
    }

    window.show();
    handoff.handleLater(request);
    return QApplication::exec();
}
