#include "AdminView.h"

#include "AdminFormat.h"
#include "AdminProfileStore.h"
#include "AdminSession.h"
#include "ApprovalsView.h"
#include "AuditView.h"
#include "ClientsFileView.h"
#include "ClientsView.h"
#include "DeviceToDeviceView.h"
#include "DevicesView.h"
#include "InvitesView.h"
#include "MessageBar.h"
#include "MessageBox.h"
#include "ProfileForm.h"
#include "SecretStore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace fvpn {

AdminView::AdminView(AdminProfileStore *profiles, AdminSession *session, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_session(session)
    , m_messages(new MessageBar(this))
    , m_pages(new QStackedWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_form(new ProfileForm(this))
    , m_hubBar(new QWidget(this))
    , m_hubBox(new QComboBox(this))
    , m_addHub(new QPushButton(tr("Add hub…"), this))
    , m_editHub(new QPushButton(tr("Edit…"), this))
    , m_removeHub(new QPushButton(tr("Remove"), this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_status(new QLabel(this))
{
    m_devices = new DevicesView(session, this);
    m_clients = new ClientsView(session, m_messages, this);
    m_approvals = new ApprovalsView(session, m_messages, this);
    m_invites = new InvitesView(session, m_messages, this);
    m_editor = new ClientsFileView(session, m_messages, this);
    m_deviceToDevice = new DeviceToDeviceView(session, m_messages, this);
    m_audit = new AuditView(session, this);
    m_tabs->addTab(m_devices, tr("Devices"));
    m_tabs->addTab(m_clients, tr("Client peers"));
    m_tabs->addTab(m_approvals, tr("A&pprovals"));
    m_tabs->addTab(m_invites, tr("Invites"));
    m_tabs->addTab(m_editor, tr("factory-clients.conf"));
    m_tabs->addTab(m_deviceToDevice, tr("Device-to-device"));
    m_tabs->addTab(m_audit, tr("Audit log"));
    m_tabs->setIconSize(QSize(18, 18));
    m_refresh->setObjectName(QStringLiteral("refreshButton"));
    m_refresh->setToolTip(tr("Fetch everything from the hub now (it also refreshes every %1 s)")
                              .arg(AdminSession::DefaultIntervalMs / 1000));
    m_status->setObjectName(QStringLiteral("hubStatus"));
    m_hubBox->setMinimumContentsLength(20);

    auto *hubLayout = new QHBoxLayout(m_hubBar);
    hubLayout->setContentsMargins(0, 0, 0, 0);
    hubLayout->addWidget(new QLabel(tr("Hub:"), this));
    hubLayout->addWidget(m_hubBox);
    hubLayout->addWidget(m_addHub);
    hubLayout->addWidget(m_editHub);
    hubLayout->addWidget(m_removeHub);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_hubBar);
    bar->addStretch(1);
    bar->addWidget(m_status);
    bar->addWidget(m_refresh);

    m_pages->addWidget(m_tabs);
    m_pages->addWidget(m_form);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_messages);
    layout->addWidget(m_pages, 1);

    connect(m_refresh, &QPushButton::clicked, session, &AdminSession::refresh);
    connect(session, &AdminSession::refreshStarted, this, &AdminView::updateStatus);
    connect(session, &AdminSession::refreshFinished, this, [this](bool ok) {
        if (ok && m_sessionErrorShown) {
            m_messages->clearMessage();
            m_sessionErrorShown = false;
        }
        updateStatus();
    });
    connect(session, &AdminSession::reachableChanged, this, &AdminView::updateStatus);
    connect(session, &AdminSession::errorOccurred, this, [this](const Error &error) {
        m_messages->showError(error);
        m_sessionErrorShown = true;
    });
    connect(session, &AdminSession::pendingCountChanged, this, &AdminView::setPendingCount);
    connect(session, &AdminSession::requestArrived, this, [this](const RequestInfo &r) {
        m_messages->showMessage(MessageBar::Kind::Info,
                                tr("New registration request from %1 (%2).").arg(r.name, r.hostname));
        Q_EMIT requestArrived(r);
    });
    connect(m_form, &ProfileForm::accepted, this, &AdminView::saveProfile);
    connect(m_form, &ProfileForm::cancelled, this, [this] { m_pages->setCurrentWidget(m_tabs); });
    connect(m_addHub, &QPushButton::clicked, this, [this] { showForm(false); });
    connect(m_editHub, &QPushButton::clicked, this, [this] { showForm(true); });
    connect(m_removeHub, &QPushButton::clicked, this, &AdminView::removeCurrentProfile);
    connect(m_hubBox, &QComboBox::activated, this, [this](int index) {
        const QString id = m_hubBox->itemData(index).toString();
        if (m_profiles && id != m_profiles->currentId())
            connectProfile(id);
    });

    m_hubBar->setVisible(m_profiles != nullptr);
    if (m_profiles) {
        fillHubBox();
        if (m_profiles->profiles().isEmpty())
            showForm(false);
        else
            connectProfile(m_profiles->currentId());
    }
    updateStatus();
}

AdminView *AdminView::create(QWidget *parent)
{
    auto *holder = new QObject;
    auto *settings = new QSettings(holder);
    auto *secrets = new SecretStore(QStringLiteral("factory-vpn"), holder);
    auto *profiles = new AdminProfileStore(settings, secrets, holder);
    auto *session = new AdminSession(holder);
    auto *view = new AdminView(profiles, session, parent);
    holder->setParent(view);
    return view;
}

int AdminView::approvalsTabIndex() const
{
    return m_tabs->indexOf(m_approvals);
}

void AdminView::connectTo(const QUrl &adminUrl, const QString &token, const QString &pin)
{
    m_editor->reset();
    m_invites->reset();
    m_messages->clearMessage();
    m_session->connectTo(adminUrl, token, pin);
    m_pages->setCurrentWidget(m_tabs);
    updateStatus();
}

void AdminView::connectProfile(const QString &id)
{
    if (!m_profiles)
        return;
    const std::optional<AdminProfile> profile = m_profiles->find(id);
    if (!profile)
        return;
    m_profiles->setCurrentId(id);
    fillHubBox();
    m_profiles->loadToken(id, this, [this, profile = *profile](Result<QString> token) {
        if (!token) {
            m_session->disconnectFromHub();
            m_messages->showError(token.error());
            return;
        }
        connectTo(profile.adminUrl, *token, profile.pin);
    });
}

void AdminView::fillHubBox()
{
    const QSignalBlocker block(m_hubBox);
    m_hubBox->clear();
    for (const AdminProfile &p : m_profiles->profiles())
        m_hubBox->addItem(QStringLiteral("%1 — %2").arg(p.name, p.adminUrl.toDisplayString()), p.id);
    m_hubBox->setCurrentIndex(m_hubBox->findData(m_profiles->currentId()));
    const bool any = m_hubBox->count() > 0;
    m_editHub->setEnabled(any);
    m_removeHub->setEnabled(any);
}

void AdminView::showForm(bool editCurrent)
{
    std::optional<AdminProfile> current
        = m_profiles ? m_profiles->find(m_profiles->currentId()) : std::nullopt;
    if (editCurrent && current)
        m_form->edit(*current);
    else
        m_form->clear();
    m_form->setCancelVisible(m_profiles && !m_profiles->profiles().isEmpty());
    m_pages->setCurrentWidget(m_form);
}

void AdminView::saveProfile(const AdminProfile &profile, const QString &token)
{
    if (!m_profiles)
        return;
    Result<AdminProfile> saved = m_profiles->save(profile);
    if (!saved) {
        m_form->showProblem(saved.error().message);
        return;
    }
    fillHubBox();
    if (token.isEmpty()) {
        connectProfile(saved->id);
        return;
    }
    m_profiles->storeToken(saved->id, token, this, [this, id = saved->id](Result<void> stored) {
        if (!stored) {
            m_form->showProblem(stored.error().message);
            return;
        }
        connectProfile(id);
    });
}

void AdminView::removeCurrentProfile()
{
    if (!m_profiles)
        return;
    const std::optional<AdminProfile> current = m_profiles->find(m_profiles->currentId());
    if (!current)
        return;
    if (!MessageBox::confirm(
            this, tr("Remove hub"),
            tr("Remove %1 from this computer, with its token? The hub itself is not changed.")
                .arg(current->name),
            tr("Remove"))) {
        return;
    }
    m_session->disconnectFromHub();
    m_editor->reset();
    m_invites->reset();
    m_profiles->remove(current->id, this, [this](Result<void> removed) {
        if (!removed)
            m_messages->showError(removed.error());
    });
    fillHubBox();
    if (m_profiles->profiles().isEmpty())
        showForm(false);
    else
        connectProfile(m_profiles->currentId());
    updateStatus();
}

void AdminView::setPendingCount(int count)
{
    const int index = approvalsTabIndex();
    // The badge says the number; the text stays the tab's name.
    m_tabs->setTabIcon(index, count > 0 ? AdminFormat::countBadge(count) : QIcon());
    m_tabs->setTabToolTip(index, tr("%n registration(s) waiting for approval", nullptr, count));
    Q_EMIT pendingCountChanged(count);
}

void AdminView::updateStatus()
{
    if (m_session->client()->hubUrl().isEmpty()) {
        m_status->setText(tr("Not connected"));
        m_status->setStyleSheet({});
    } else if (!m_session->isReachable()) {
        m_status->setText(tr("Hub not reachable"));
        m_status->setStyleSheet(QStringLiteral("color: #a41e16; font-weight: bold;"));
    } else if (m_session->isRefreshing() && !m_session->hasLoaded()) {
        m_status->setText(tr("Connecting…"));
        m_status->setStyleSheet({});
    } else if (m_session->lastRefresh().isValid()) {
        m_status->setText(
            tr("Updated %1")
                .arg(m_session->lastRefresh().toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
        m_status->setStyleSheet({});
    }
    m_refresh->setEnabled(!m_session->client()->hubUrl().isEmpty());
}

} // namespace fvpn
