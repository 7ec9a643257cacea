#include "FakeFoundriesApi.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QTextStream>

#include <optional>

namespace {

struct ListenAddress
{
    QHostAddress address;
    quint16 port = 0;
};

// "ADDR:PORT", ADDR an IPv4 address (the lab's underlay or loopback).
std::optional<ListenAddress> parseListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    ListenAddress result;
    if (!result.address.setAddress(text.left(colon)))
        return std::nullopt;
    bool ok = false;
    const uint port = QStringView(text).mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return std::nullopt;
    result.port = static_cast<quint16>(port);
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fake-foundries-api"));
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Stand-in for the FoundriesFactory API, for the Factory VPN lab tests. The control file holds "
        "ok, 500, garbage or hang."));
    parser.addHelpOption();
    const QCommandLineOption listenOption(QStringLiteral("listen"), QStringLiteral("Address and port."),
                                          QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption factoryOption(QStringLiteral("factory"), QStringLiteral("Factory name served."),
                                           QStringLiteral("NAME"));
    const QCommandLineOption tokenOption(QStringLiteral("token"),
                                         QStringLiteral("Accepted OSF-TOKEN / bearer token."),
                                         QStringLiteral("TOKEN"));
    const QCommandLineOption ipsOption(QStringLiteral("ips-file"),
                                       QStringLiteral("wireguard-ips JSON, re-read on each request."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption controlOption(QStringLiteral("control-file"),
                                           QStringLiteral("ok | 500 | garbage | hang (absent: ok)."),
                                           QStringLiteral("FILE"));
    const QCommandLineOption configOption(QStringLiteral("config-file"),
                                          QStringLiteral("Factory config history, loaded and saved."),
                                          QStringLiteral("FILE"));
    parser.addOptions({ listenOption, factoryOption, tokenOption, ipsOption, controlOption, configOption });
    parser.process(app);

    const std::optional<ListenAddress> listen = parseListen(parser.value(listenOption));
    if (!listen) {
        err << "fake-foundries-api: --listen wants ADDR:PORT, got '" << parser.value(listenOption) << "'\n";
        return 2;
    }
    for (const QCommandLineOption *required : { &factoryOption, &tokenOption, &ipsOption }) {
        if (parser.value(*required).isEmpty()) {
            err << "fake-foundries-api: --" << required->names().constFirst() << " is required\n";
            return 2;
        }
    }

    fvpn::FakeFoundriesApi api({ parser.value(factoryOption), parser.value(tokenOption),
                                 parser.value(ipsOption), parser.value(controlOption),
                                 parser.value(configOption) });
    const fvpn::Result<quint16> started = api.start(listen->address, listen->port);
    if (!started) {
        err << "fake-foundries-api: " << started.error().toString() << '\n';
        return 1;
    }
    // Scripts wait for this line (and read the port from it when they asked for 0).
    QTextStream(stdout) << "listening on " << listen->address.toString() << ':' << *started << Qt::endl;
    return QCoreApplication::exec();
}
