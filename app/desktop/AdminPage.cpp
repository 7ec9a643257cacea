#include "AdminPage.h"

#include "AdminFormat.h"
#include "AdminView.h"
#include "MainWindow.h"
#include "TrayIcon.h"

#include <QAction>
#include <QMenu>
#include <QTabWidget>

namespace fvpn {

AdminPage::AdminPage(QSettings *settings, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_profiles(settings, secrets)
{ }

bool AdminPage::wanted(const QStringList &arguments) const
{
    // An engineer's desktop shows no admin page; an admin's shows it once a hub
    // has been added (the first time: factory-vpn --admin).
    return arguments.contains(QStringLiteral("--admin")) || !m_profiles.profiles().isEmpty();
}

void AdminPage::attach(MainWindow *window, TrayIcon *tray, bool show)
{
    m_view = new AdminView(&m_profiles, &m_session);
    const int tab = window->addPage(m_view, tr("&Hub admin"));
    // The engineer's page fits a small window; tables of devices need room.
    window->resize(window->size().expandedTo(QSize(1100, 700)));
    if (show)
        window->tabs()->setCurrentIndex(tab);
    m_pending = new QAction(this);
    m_pending->setVisible(false);
    QMenu *menu = tray->menu();
    menu->insertAction(menu->actions().value(0), m_pending);

    connect(m_view, &AdminView::pendingCountChanged, this, [this, window, tab](int count) {
        // The same badge as the Approvals tab inside, and no second number in the text.
        window->tabs()->setTabIcon(tab, count > 0 ? AdminFormat::countBadge(count) : QIcon());
        window->tabs()->setTabToolTip(tab, tr("%n registration(s) waiting for approval", nullptr, count));
        m_pending->setText(tr("%n registration(s) waiting for approval", nullptr, count));
        m_pending->setVisible(count > 0);
    });
    // Opening the page shows the hub as it is now, not as it was at the last refresh.
    connect(window->tabs(), &QTabWidget::currentChanged, this, [this, window, tab](int current) {
        if (current == tab && window->isVisible())
            refresh();
    });
    connect(m_pending, &QAction::triggered, this, [this, window, tab] {
        window->bringToFront(window->tabs()->widget(tab));
        m_view->tabs()->setCurrentIndex(m_view->approvalsTabIndex());
    });
    connect(m_view, &AdminView::requestArrived, tray, [tray](const RequestInfo &request) {
        tray->notify(tr("Registration waiting"),
                     tr("%1 (%2) asks for VPN access.").arg(request.name, request.hostname));
    });
}

void AdminPage::refresh()
{
    if (m_view && !m_session.client()->hubUrl().isEmpty())
        m_session.refresh();
}

} // namespace fvpn
