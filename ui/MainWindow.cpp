#include "MainWindow.h"

#include <QLabel>

namespace fvpn {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Factory VPN"));
    auto *placeholder = new QLabel(tr("Factory VPN"), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(900, 600);
}

} // namespace fvpn
