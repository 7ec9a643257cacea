// factory-vpn-hub: parse the command line, then hand over to HubEnable / HubDaemon.
#include "HubCommandLine.h"
#include "HubDaemon.h"
#include "HubEnable.h"
#include "HubKeyFile.h"
#include "HubLog.h"
#include "SecureBuffer.h"
#include "SignalWatcher.h"

#include <QCoreApplication>

#include <cstdio>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

void startDaemon(QCoreApplication &app, const HubOptions &options)
{
    Result<PrivateKey> key = HubKeyFile::load(options.privateKeyFile);
    if (!key) {
        qCCritical(lcHub).noquote() << key.error().message;
        QCoreApplication::exit(1);
        return;
    }
    auto *daemon = new HubDaemon(options, std::move(key).value(), &app);
    auto *signalWatcher = new SignalWatcher(&app);
    QObject::connect(signalWatcher, &SignalWatcher::terminateRequested, daemon, [daemon](int signalNumber) {
        qCInfo(lcHub) << "signal" << signalNumber << "received, stopping";
        daemon->stop();
        QCoreApplication::exit(0);
    });
    QObject::connect(signalWatcher, &SignalWatcher::reloadRequested, daemon, [daemon] {
        qCInfo(lcHub) << "SIGHUP: reloading inventory, clients file and settings";
        daemon->reloadAll();
    });
    QObject::connect(daemon, &HubDaemon::failed, &app, [] { QCoreApplication::exit(1); });
    daemon->start();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"factory-vpn-hub"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FACTORYVPN_VERSION));

    const Result<HubCommandLine::Parsed> parsed = HubCommandLine::parse(app.arguments().mid(1));
    if (!parsed) {
        print(stderr, u"factory-vpn-hub: %1\nTry 'factory-vpn-hub --help'.\n"_s.arg(parsed.error().message));
        return HubCommandLine::ExitUsage;
    }
    if (parsed->action == HubCommandLine::Action::ShowHelp) {
        print(stdout, HubCommandLine::helpText());
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

    if (options.publishesConfig()) {
        auto *enable = new HubEnable(options, &app);
        QObject::connect(enable, &HubEnable::finished, &app,
                         [&app, options](bool ok, const QString &message) {
                             if (!ok) {
                                 qCCritical(lcHub).noquote() << message;
                                 QCoreApplication::exit(1);
                                 return;
                             }
                             qCInfo(lcHub).noquote() << message;
                             if (options.runsDaemon())
                                 startDaemon(app, options);
                             else
                                 QCoreApplication::exit(0);
                         });
        enable->run();
    } else {
        startDaemon(app, options);
    }
    return app.exec();
}
