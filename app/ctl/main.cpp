#include <QCommandLineParser>
#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("factory-vpn-ctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FACTORYVPN_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Factory VPN admin command line"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    return 0;
}
