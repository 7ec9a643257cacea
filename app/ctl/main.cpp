#include "AdminClient.h"
#include "CtlCommands.h"
#include "CtlEvents.h"
#include "CtlOptions.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"factory-vpn-ctl"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FACTORYVPN_VERSION));

    QFile out;
    QFile err;
    if (!out.open(stdout, QIODevice::WriteOnly) || !err.open(stderr, QIODevice::WriteOnly))
        return fvpn::CtlCommands::Failed;

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    const fvpn::Result<fvpn::CtlOptions> options = fvpn::CtlOptions::parse(arguments);
    if (!options) {
        err.write(u"factory-vpn-ctl: %1\n"_s.arg(options.error().message).toUtf8());
        return fvpn::CtlCommands::Usage;
    }
    if (options->help) {
        out.write(fvpn::CtlOptions::helpText().toUtf8());
        return fvpn::CtlCommands::Ok;
    }
    if (options->version) {
        out.write(u"factory-vpn-ctl %1\n"_s.arg(QCoreApplication::applicationVersion()).toUtf8());
        return fvpn::CtlCommands::Ok;
    }
    const fvpn::Result<QString> token = options->loadToken();
    if (!token) {
        err.write(u"factory-vpn-ctl: %1\n"_s.arg(token.error().message).toUtf8());
        return fvpn::CtlCommands::Usage;
    }

    if (options->command == u"events") {
        fvpn::CtlEvents events(*options, *token, &out, &err);
        return events.run();
    }

    fvpn::AdminClient client;
    client.setHub(options->url, *token, options->pin);
    client.setTimeout(options->timeoutSeconds * 1000);
    fvpn::CtlCommands commands(&client, &out, &err);
    commands.setTokenId(fvpn::CtlOptions::tokenId(*token));
    return commands.run(*options);
}
