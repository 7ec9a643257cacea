// factory-vpn-hub: parse the command line, then hand over to HubEnable /
// HubUpdateEndpoint / HubDaemon.
#include "HubAdminCommands.h"
#include "HubApiOptions.h"
#include "HubApiService.h"
#include "HubCommandLine.h"
#include "HubEnable.h"
#include "HubKeyFile.h"
#include "HubLog.h"
#include "HubThread.h"
#include "HubUpdateEndpoint.h"
#include "SecureBuffer.h"
#include "SignalWatcher.h"

#include <QCoreApplication>
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
    auto *signalWatcher = new SignalWatcher(&app);
    QObject::connect(signalWatcher, &SignalWatcher::terminateRequested, hub, [hub](int signalNumber) {
        qCInfo(lcHub) << "signal" << signalNumber << "received, stopping";
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
    const Result<HubApiOptions> apiOptions = HubApiOptions::extract(arguments);
    if (!apiOptions) {
        print(stderr,
              u"factory-vpn-hub: %1\nTry 'factory-vpn-hub --help'.\n"_s.arg(apiOptions.error().message));
        return HubCommandLine::ExitUsage;
    }
    const Result<HubCommandLine::Parsed> parsed = HubCommandLine::parse(arguments);
    if (!parsed) {
        print(stderr, u"factory-vpn-hub: %1\nTry 'factory-vpn-hub --help'.\n"_s.arg(parsed.error().message));
        return HubCommandLine::ExitUsage;
    }
    if (parsed->action == HubCommandLine::Action::ShowHelp) {
        print(stdout, HubCommandLine::helpText() + u'\n' + HubApiOptions::helpText());
        return 0;
    }
    if (parsed->action == HubCommandLine::Action::ShowVersion) {
        print(stdout, u"factory-vpn-hub %1\n"_s.arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    const HubOptions &options = parsed->options;
    HubLog::install(options.logLevel);
    if (!initSodium()) {
        qCCritical(lcHub) << "libsodium cannot be initialised";
        return 1;
    }

    if (options.command == HubOptions::Command::UpdateEndpoint) {
        auto *update = new HubUpdateEndpoint(options, &app);
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
        // Queued for the same reason: run() may finish before the event loop runs.
        QObject::connect(
            enable, &HubEnable::finished, &app,
            [&app, options, api = *apiOptions](bool ok, const QString &message) {
                if (!ok) {
                    qCCritical(lcHub).noquote() << message;
                    QCoreApplication::exit(1);
                    return;
                }
                qCInfo(lcHub).noquote() << message;
                if (!options.runsDaemon())
                    QCoreApplication::exit(0);
                else if (!startDaemon(app, options, api))
                    QCoreApplication::exit(1);
            },
            Qt::QueuedConnection);
        enable->run();
    } else if (!startDaemon(app, options, *apiOptions)) {
        return 1;
    }
    return app.exec();
}
