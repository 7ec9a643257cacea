#include "MainWindow.h"

#include "AdminView.h"

#include <QLabel>
#include <QTabWidget>

namespace fvpn {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Factory VPN"));
    auto *placeholder = new QLabel(tr("Factory VPN"), this);
    placeholder->setAlignment(Qt::AlignCenter);
    auto *pages = new QTabWidget(this);
    pages->addTab(placeholder, tr("Engineer"));
    pages->addTab(AdminView::create(pages), tr("Admin"));
    setCentralWidget(pages);
    resize(900, 600);
}

} // namespace fvpn
