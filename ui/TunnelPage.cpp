#include "TunnelPage.h"

#include "DirectoryView.h"
#include "EngineerSession.h"
#include "KeyReplacer.h"
#include "MessageBox.h"
#include "TunnelBackend.h"
#include "TunnelStatus.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace fvpn {

namespace {

QLabel *valueLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

TunnelPage::TunnelPage(EngineerSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_connect(new QPushButton(this))
    , m_address(valueLabel(this, QStringLiteral("address")))
    , m_hub(valueLabel(this, QStringLiteral("hub")))
    , m_endpoint(valueLabel(this, QStringLiteral("endpoint")))
    , m_handshake(valueLabel(this, QStringLiteral("handshake")))
    , m_transfer(valueLabel(this, QStringLiteral("transfer")))
    , m_backend(new QComboBox(this))
    , m_backendNote(valueLabel(this, QStringLiteral("backendNote")))
    , m_replacement(valueLabel(this, QStringLiteral("replacement")))
    , m_replaceKey(new QPushButton(tr("Replace my key…"), this))
    , m_cancelReplacement(new QPushButton(tr("Withdraw the new key"), this))
    , m_directory(new DirectoryView(session->directory(), this))
{
    m_connect->setObjectName(QStringLiteral("connect"));
    m_connect->setMinimumHeight(44);
    QFont big = m_connect->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_connect->setFont(big);
    m_hub->setWordWrap(true);
    m_backend->setObjectName(QStringLiteral("backend"));
    m_backend->addItem(tr("Automatic"), int(BackendPreference::Automatic));
    m_backend->addItem(tr("wg-quick"), int(BackendPreference::WgQuick));
    m_backend->addItem(tr("NetworkManager"), int(BackendPreference::NetworkManager));
    m_backendNote->setWordWrap(true);
    m_replacement->setWordWrap(true);
    m_replaceKey->setObjectName(QStringLiteral("replaceKey"));
    m_cancelReplacement->setObjectName(QStringLiteral("cancelReplacement"));
    auto *diagnostics = new QPushButton(tr("Diagnostics…"), this);
    diagnostics->setObjectName(QStringLiteral("diagnostics"));
    auto *exportButton = new QPushButton(tr("Export for the WireGuard app…"), this);
    exportButton->setObjectName(QStringLiteral("export"));
    auto *forget = new QPushButton(tr("Start over"), this);
    forget->setObjectName(QStringLiteral("forget"));

    // Two columns: the tunnel's addresses, and how it is doing.
    auto *left = new QFormLayout;
    left->addRow(tr("Your VPN address:"), m_address);
    left->addRow(tr("Hub:"), m_hub);
    left->addRow(tr("Hub seen at:"), m_endpoint);
    auto *right = new QFormLayout;
    right->addRow(tr("Last handshake:"), m_handshake);
    right->addRow(tr("Transfer:"), m_transfer);
    auto *backendBox = new QVBoxLayout;
    backendBox->setSpacing(2);
    backendBox->addWidget(m_backend, 0, Qt::AlignLeft);
    backendBox->addWidget(m_backendNote);
    right->addRow(tr("Tunnel backend:"), backendBox);
    auto *facts = new QHBoxLayout;
    facts->addLayout(left, 1);
    facts->addSpacing(12);
    facts->addLayout(right, 1);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(diagnostics);
    buttons->addWidget(exportButton);
    buttons->addStretch();
    buttons->addWidget(m_replaceKey);
    buttons->addWidget(m_cancelReplacement);
    buttons->addWidget(forget);

    auto *devices = new QGroupBox(tr("Factory devices you can reach"), this);
    auto *devicesLayout = new QVBoxLayout(devices);
    devicesLayout->addWidget(m_directory);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_connect);
    layout->addLayout(facts);
    layout->addWidget(m_replacement);
    layout->addLayout(buttons);
    layout->addWidget(devices, 1);

    connect(m_connect, &QPushButton::clicked, this, [this]() {
        Q_EMIT actionStarted();
        m_session->tunnel()->toggle();
    });
    connect(m_backend, &QComboBox::activated, this, [this](int index) {
        m_session->setBackendPreference(BackendPreference(m_backend->itemData(index).toInt()));
        refresh();
    });
    connect(diagnostics, &QPushButton::clicked, this, &TunnelPage::diagnosticsRequested);
    connect(exportButton, &QPushButton::clicked, this, &TunnelPage::exportRequested);
    connect(m_replaceKey, &QPushButton::clicked, this, &TunnelPage::replaceKey);
    connect(m_cancelReplacement, &QPushButton::clicked, this, [this]() {
        if (MessageBox::question(this, tr("Withdraw the new key"),
                                 tr("Withdraw the request for your new key? Your current key stays in use."),
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes) {
            Q_EMIT actionStarted();
            m_session->cancelKeyReplacement();
        }
    });
    connect(forget, &QPushButton::clicked, this, [this]() {
        if (MessageBox::question(this, tr("Start over"),
                                 tr("Forget this approval? You will have to register again and wait for an "
                                    "administrator."),
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes)
            m_session->startOver();
    });
}

void TunnelPage::replaceKey()
{
    if (MessageBox::question(
            this, tr("Replace my key"),
            tr("Make a new key and ask the hub to approve it?\n\n"
               "Your current key and connection keep working until an administrator approves the new key. "
               "Then this computer switches to it, the old key is deleted from the keychain and the hub no "
               "longer accepts it. If the new key is rejected, nothing changes."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        != QMessageBox::Yes)
        return;
    Q_EMIT actionStarted();
    m_session->replaceKey();
}

void TunnelPage::refresh()
{
    const ClientProfile &profile = m_session->profile();
    if (!profile.isApproved())
        return;
    const TunnelParameters &tunnel = profile.lastStatus->tunnel;
    const TunnelController *controller = m_session->tunnel();
    const TunnelStatus &status = controller->status();
    const AppState state = m_session->state();
    const bool up = status.interfaceExists || state == AppState::Connecting;
    m_connect->setText(up ? tr("&Disconnect") : tr("&Connect"));
    m_connect->setEnabled(!controller->isBusy() && controller->backend());
    m_address->setText(tunnel.address.toString());
    m_hub->setText(tr("%1 (VPN address %2)")
                       .arg(tunnel.hubEndpoint.toString(),
                            tunnel.hubAddress.isNull() ? tr("not given") : tunnel.hubAddress.toString()));
    m_endpoint->setText(status.endpoint ? status.endpoint->toString() : tr("—"));
    m_handshake->setText(status.interfaceExists ? formatHandshakeAge(status.handshakeAgeSecs) : tr("—"));
    m_transfer->setText(
        status.interfaceExists
            ? tr("%1 received, %2 sent").arg(formatBytes(status.rxBytes), formatBytes(status.txBytes))
            : tr("—"));
    m_backend->setCurrentIndex(m_backend->findData(int(controller->preference())));
    m_backend->setEnabled(!status.interfaceExists && !controller->isBusy());
    m_backendNote->setText(controller->decision().explanation);

    const QString replacement = m_session->keyReplacementText();
    m_replacement->setText(replacement);
    m_replacement->setVisible(!replacement.isEmpty());
    const KeyReplacer::Phase phase = m_session->keyReplacer()->phase();
    m_replaceKey->setVisible(phase == KeyReplacer::Phase::None);
    m_replaceKey->setEnabled(!m_session->isBusy() && !controller->isBusy());
    m_cancelReplacement->setVisible(phase == KeyReplacer::Phase::Pending);
    m_cancelReplacement->setEnabled(!m_session->isBusy());
}

} // namespace fvpn
