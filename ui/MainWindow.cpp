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
    auto *admin = AdminView::create(pages);
    const int adminTab = pages->addTab(admin, tr("Admin"));
    connect(admin, &AdminView::pendingCountChanged, pages, [pages, adminTab](int count) {
        pages->setTabText(adminTab,
                          count > 0 ? MainWindow::tr("Admin (%1)").arg(count) : MainWindow::tr("Admin"));
    });
    setCentralWidget(pages);
    resize(900, 600);
}

} // namespace fvpn
