#include "MainWindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("factory-vpn"));
    QApplication::setApplicationDisplayName(QStringLiteral("Factory VPN"));
    QApplication::setApplicationVersion(QStringLiteral(FACTORYVPN_VERSION));
    QApplication::setOrganizationName(QStringLiteral("FactoryVPN"));

    fvpn::MainWindow window;
    window.show();
    return QApplication::exec();
}
