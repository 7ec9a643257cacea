// factory-vpn-hub: parse the command line, then hand over to HubEnable /
// HubUpdateEndpoint / HubDaemon.
#include "ConfigCheck.h"
#include "HubAdminCommands.h"
#include "HubApiOptions.h"
#include "HubApiService.h"
#include "HubCommandLine.h"
#include "HubConfigFile.h"
#include "HubEnable.h"
#include "HubKeyFile.h"
#include "HubLog.h"
#include "HubSecrets.h"
#include "HubThread.h"
#include "HubUpdateEndpoint.h"
#include "SecureBuffer.h"
#include "ServiceInstaller.h"
#include "ServiceNotifier.h"
#include "SignalWatcher.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTextStream>

#include <cstdio>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

// False when the daemon cannot even be built (the key file is unreadable).
bool startDaemon(QCoreApplication &app, const HubOptions &options, const HubApiOptions &apiOptions)
{
    Result<PrivateKey> key = HubKeyFile::load(options.privateKeyFile);
    if (!key) {
        qCCritical(lcHub).noquote() << key.error().message;
        return false;
    }
    // The daemon runs on its own thread; the API and the signal handling stay here.
    auto *hub = new HubThread(options, std::move(key).value(), &app);
    // systemd (Type=notify): READY after the first reconcile, STATUS from each
    // published snapshot, the watchdog from this (the API's) event loop.
    auto *notifier = new ServiceNotifier(&app);
    QObject::connect(&hub->views(), &HubViewHolder::published, notifier, [hub, notifier] {
        if (const std::shared_ptr<const HubView> view = hub->views().current())
            notifier->update(view->status);
    });
    auto *signalWatcher = new SignalWatcher(&app);
    QObject::connect(signalWatcher, &SignalWatcher::terminateRequested, hub,
                     [hub, notifier](int signalNumber) {
                         qCInfo(lcHub) << "signal" << signalNumber << "received, stopping";
                         notifier->stopping();
                         hub->stop();
                         QCoreApplication::exit(0);
                     });
    QObject::connect(signalWatcher, &SignalWatcher::reloadRequested, hub, [hub] {
        qCInfo(lcHub) << "SIGHUP: reloading inventory, clients file and settings";
        hub->reload();
    });
    // Queued: start() may fail before the event loop runs, when exit() would be lost.
    QObject::connect(
        hub, &HubThread::failed, &app, [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    hub->start();
    if (!apiOptions.disabled) {
        auto *api = new HubApiService(apiOptions, options, *hub, &app);
        // Tunnels matter more than the API: without it the hub keeps syncing peers.
        QObject::connect(api, &HubApiService::failed, &app, [](const QString &message) {
            qCCritical(lcHub).noquote() << message << "- the hub runs on without its API";
        });
        api->start();
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"factory-vpn-hub"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FACTORYVPN_VERSION));

    QStringList arguments = app.arguments().mid(1);
    // token/invite admin commands, and the hub API's options (core/hubapi).
    if (HubAdminCommands::handles(arguments)) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        return HubAdminCommands::run(arguments, out, err);
    }
    // --check-config answers 0 or 1; a daemon with a bad configuration does not start (2).
    const int badConfig = arguments.contains(u"--check-config"_s) ? 1 : HubCommandLine::ExitUsage;
    // hub.conf (--config FILE) folded into the command line, which wins.
    const Result<HubConfigFile::Merged> merged = HubConfigFile::merge(arguments);
    if (!merged) {
        print(stderr, u"factory-vpn-hub: %1\n"_s.arg(merged.error().message));
        return badConfig;
    }
    arguments = merged->arguments;
    const Result<HubApiOptions> apiOptions = HubApiOptions::extract(arguments);
    if (!apiOptions) {
        print(stderr,
              u"factory-vpn-hub: %1\nTry 'factory-vpn-hub --help'.\n"_s.arg(
                  merged->explain(apiOptions.error().message)));
        return badConfig;
    }
    const Result<HubCommandLine::Parsed> parsed = HubCommandLine::parse(arguments);
    if (!parsed) {
        print(stderr,
              u"factory-vpn-hub: %1\nTry 'factory-vpn-hub --help'.\n"_s.arg(
                  merged->explain(parsed.error().message)));
        return badConfig;
    }
    if (parsed->action == HubCommandLine::Action::ShowHelp) {
        print(stdout, HubCommandLine::helpText() + u'\n' + HubApiOptions::helpText());
        return 0;
    }
    if (parsed->action == HubCommandLine::Action::ShowVersion) {
        print(stdout, u"factory-vpn-hub %1\n"_s.arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    if (!initSodium()) {
        print(stderr, u"factory-vpn-hub: libsodium cannot be initialised\n"_s);
        return 1;
    }
    if (merged->checkOnly) {
        HubLog::install(LogLevel::Error);
        QTextStream out(stdout);
        QTextStream err(stderr);
        return ConfigCheck::run(*merged, parsed->options, *apiOptions, out, err);
    }
    HubOptions options = parsed->options;
    HubLog::install(options.logLevel);
    if (const Result<void> secrets = HubSecrets::load(options); !secrets) {
        qCCritical(lcHub).noquote() << secrets.error().message;
        return 1;
    }
    if (!options.apiToken.isEmpty() && options.apiTokenFile.isEmpty())
        qCWarning(lcHub) << "the API token is on the command line, where every user of this machine can read "
                            "it (ps); put it in a file only root can read and use --apitoken-file";

    QPointer<QObject> oneShot; // enable or update-endpoint
    if (options.command == HubOptions::Command::UpdateEndpoint) {
        auto *update = new HubUpdateEndpoint(options, &app);
        oneShot = update;
        // Queued: run() may finish before the event loop runs, when exit() would be lost.
        QObject::connect(
            update, &HubUpdateEndpoint::finished, &app,
            [](bool ok, const QString &message) {
                if (ok)
                    qCInfo(lcHub).noquote() << message;
                else
                    qCCritical(lcHub).noquote() << message;
                QCoreApplication::exit(ok ? 0 : 1);
            },
            Qt::QueuedConnection);
        update->run();
    } else if (options.publishesConfig()) {
        auto *enable = new HubEnable(options, &app);
        oneShot = enable;
        // Queued for the same reason: run() may finish before the event loop runs.
        QObject::connect(
            enable, &HubEnable::finished, &app,
            [&app, options, api = *apiOptions, configPath = merged->configPath,
             given = merged->fromCommandLine](bool ok, const QString &message) {
                if (!ok) {
                    qCCritical(lcHub).noquote() << message;
                    QCoreApplication::exit(1);
                    return;
                }
                qCInfo(lcHub).noquote() << message;
                if (options.runsDaemon()) {
                    if (!startDaemon(app, options, api))
                        QCoreApplication::exit(1);
                    return;
                }
                // As upstream's enable started its own unit: the package's, configured.
                const ServiceInstaller::Paths paths = ServiceInstaller::defaultPaths(configPath);
                if (!ServiceInstaller::installedUnit(paths).isEmpty()) {
                    const Result<QString> installed = ServiceInstaller::install(options, given, paths);
                    if (!installed) {
                        qCCritical(lcHub).noquote() << installed.error().message;
                        QCoreApplication::exit(1);
                        return;
                    }
                    qCInfo(lcHub).noquote() << *installed;
                }
                QCoreApplication::exit(0);
            },
            Qt::QueuedConnection);
        enable->run();
    } else if (!startDaemon(app, options, *apiOptions)) {
        return 1;
    }
    const int code = app.exec();
    // A one-shot command's objects go while the application still exists, and
    // what that posts for deletion (Qt's network objects hand some back to this
    // thread) is deleted too, not left for the process's exit to drop
    // (LeakSanitizer saw a Foundries API client's network objects so, once).
    delete oneShot.data();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return code;
}
