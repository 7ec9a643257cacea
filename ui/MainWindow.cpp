#include "MainWindow.h"

#include <QCloseEvent>
#include <QTabBar>
#include <QTabWidget>

namespace fvpn {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("Factory VPN"));
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    // Sized once, for the engineer's pages with the device list; their texts wrap
    // and their lists scroll, so what they show later never makes it grow.
    resize(800, 640);
}

int MainWindow::addPage(QWidget *page, const QString &title, const QIcon &icon)
{
    const int index = m_tabs->addTab(page, icon, title);
    // One role only (an engineer's desktop): no tab bar to look at.
    m_tabs->tabBar()->setVisible(m_tabs->count() > 1);
    return index;
}

void MainWindow::bringToFront(QWidget *page)
{
    if (page)
        m_tabs->setCurrentWidget(page);
    setWindowState(windowState() & ~Qt::WindowMinimized);
    show();
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_keepRunning && m_keepRunning()) {
        hide();
        event->ignore();
        return;
    }
    event->ignore();
    Q_EMIT closeRequested();
}

} // namespace fvpn
