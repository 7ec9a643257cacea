#include "EngineerView.h"

#include "CertificatePin.h"
#include "Diagnostics.h"
#include "DiagnosticsDialog.h"
#include "EngineerSession.h"
#include "ExportDialog.h"
#include "HubLink.h"
#include "KeyReplacer.h"
#include "MessageBox.h"
#include "StateIcons.h"
#include "TunnelBackend.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStackedWidget>
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

EngineerView::EngineerView(EngineerSession *session, ToolRunner tools, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_tools(std::move(tools))
    , m_diagnostics(new Diagnostics(session, m_tools, this))
    , m_stateIcon(new QLabel(this))
    , m_stateTitle(new QLabel(this))
    , m_stateDetail(new QLabel(this))
    , m_error(new QLabel(this))
    , m_busy(new QLabel(this))
    , m_pages(new QStackedWidget(this))
{
    m_stateTitle->setObjectName(QStringLiteral("stateTitle"));
    QFont titleFont = m_stateTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_stateTitle->setFont(titleFont);
    m_stateDetail->setObjectName(QStringLiteral("stateDetail"));
    m_stateDetail->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(
        QStringLiteral("QLabel { background: #fbe3e3; color: #7a1010; border: 1px solid #e0a0a0;"
                       " border-radius: 4px; padding: 6px; }"));
    m_error->hide();
    m_busy->setObjectName(QStringLiteral("busy"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_stateIcon, 0, Qt::AlignTop);
    auto *headerText = new QVBoxLayout;
    headerText->addWidget(m_stateTitle);
    headerText->addWidget(m_stateDetail);
    header->addLayout(headerText, 1);

    m_pages->addWidget(buildEnrollPage());
    m_pages->addWidget(buildRequestPage());
    m_pages->addWidget(buildTunnelPage());

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_error);
    layout->addWidget(m_busy);
    layout->addWidget(m_pages, 1);

    connect(m_session, &EngineerSession::stateChanged, this, &EngineerView::refresh);
    connect(m_session, &EngineerSession::profileChanged, this, &EngineerView::refresh);
    connect(m_session, &EngineerSession::busyChanged, this, &EngineerView::refresh);
    connect(m_session, &EngineerSession::pollProblemChanged, this, &EngineerView::refresh);
    connect(m_session, &EngineerSession::registrationChanged, this, &EngineerView::refresh);
    connect(m_session, &EngineerSession::errorOccurred, this, &EngineerView::showError);
    connect(m_session, &EngineerSession::certificateNeedsApproval, this, &EngineerView::askAboutCertificate);
    connect(m_session->tunnel(), &TunnelController::busyChanged, this, &EngineerView::refresh);
    connect(m_session->tunnel()->monitor(), &TunnelMonitor::statusChanged, this, &EngineerView::refresh);
    refresh();
}

QWidget *EngineerView::buildEnrollPage()
{
    auto *page = new QWidget(this);
    m_link = new QLineEdit(page);
    m_link->setObjectName(QStringLiteral("link"));
    m_link->setPlaceholderText(tr("factory-vpn://enroll?… or https://hub.example.com:8443"));
    m_link->setClearButtonEnabled(true);
    m_name = new QLineEdit(page);
    m_name->setObjectName(QStringLiteral("name"));
    m_computer = valueLabel(page, QStringLiteral("computer"));
    m_key = valueLabel(page, QStringLiteral("key"));
    m_generate = new QPushButton(tr("&Generate key"), page);
    m_generate->setObjectName(QStringLiteral("generate"));
    m_register = new QPushButton(tr("&Register"), page);
    m_register->setObjectName(QStringLiteral("register"));
    m_register->setDefault(true);

    const SystemIdentity &identity = m_session->identity();
    m_name->setText(m_session->profile().displayName.isEmpty() ? identity.fullName
                                                               : m_session->profile().displayName);
    m_computer->setText(tr("%1 — %2").arg(identity.hostname, identity.os));
    if (m_session->profile().hubUrl.isValid())
        m_link->setText(m_session->profile().hubUrl.toString());

    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_generate);

    auto *form = new QFormLayout;
    form->addRow(tr("Hub address or enrollment link:"), m_link);
    form->addRow(tr("Your name:"), m_name);
    form->addRow(tr("This computer:"), m_computer);
    form->addRow(tr("Your VPN key:"), keyRow);

    auto *note
        = new QLabel(tr("The hub receives your public key, your name and this computer's name and operating "
                        "system, as shown above, so an administrator can tell who is asking. Your private "
                        "key stays in this computer's keychain."),
                     page);
    note->setWordWrap(true);
    note->setEnabled(false);

    // Beside Register, where the engineer decides about the request.
    m_connectWhenApproved = new QCheckBox(tr("Connect when approved"), page);
    m_connectWhenApproved->setObjectName(QStringLiteral("connectWhenApproved"));
    m_connectWhenApproved->setChecked(m_session->profile().connectWhenApproved);
    connect(m_connectWhenApproved, &QCheckBox::toggled, m_session, &EngineerSession::setConnectWhenApproved);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_connectWhenApproved);
    buttons->addWidget(m_register);

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addLayout(buttons);
    layout->addStretch();

    connect(m_generate, &QPushButton::clicked, this, [this]() {
        clearError();
        m_session->generateKey();
    });
    connect(m_register, &QPushButton::clicked, this, &EngineerView::register_);
    connect(m_link, &QLineEdit::returnPressed, this, &EngineerView::register_);
    return page;
}

QWidget *EngineerView::buildRequestPage()
{
    auto *page = new QWidget(this);
    m_requestText = valueLabel(page, QStringLiteral("requestText"));
    m_requestText->setWordWrap(true);
    m_pollProblem = valueLabel(page, QStringLiteral("pollProblem"));
    m_pollProblem->setWordWrap(true);
    m_checkNow = new QPushButton(tr("Check now"), page);
    m_checkNow->setObjectName(QStringLiteral("checkNow"));
    m_cancelRequest = new QPushButton(tr("Cancel request"), page);
    m_cancelRequest->setObjectName(QStringLiteral("cancelRequest"));
    m_startOver = new QPushButton(tr("Start over"), page);
    m_startOver->setObjectName(QStringLiteral("startOver"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_checkNow);
    buttons->addWidget(m_cancelRequest);
    buttons->addWidget(m_startOver);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_requestText);
    layout->addWidget(m_pollProblem);
    layout->addLayout(buttons);
    layout->addStretch();

    connect(m_checkNow, &QPushButton::clicked, m_session, &EngineerSession::refresh);
    connect(m_cancelRequest, &QPushButton::clicked, this, [this]() {
        if (MessageBox::question(this, tr("Cancel request"), tr("Withdraw your request to join the VPN?"),
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes)
            m_session->cancelRegistration();
    });
    connect(m_startOver, &QPushButton::clicked, this, [this]() {
        clearError();
        m_session->startOver();
    });
    return page;
}

QWidget *EngineerView::buildTunnelPage()
{
    auto *page = new QWidget(this);
    m_connect = new QPushButton(page);
    m_connect->setObjectName(QStringLiteral("connect"));
    m_connect->setMinimumHeight(44);
    QFont big = m_connect->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_connect->setFont(big);
    m_address = valueLabel(page, QStringLiteral("address"));
    m_hub = valueLabel(page, QStringLiteral("hub"));
    m_endpoint = valueLabel(page, QStringLiteral("endpoint"));
    m_handshake = valueLabel(page, QStringLiteral("handshake"));
    m_transfer = valueLabel(page, QStringLiteral("transfer"));
    m_backend = new QComboBox(page);
    m_backend->setObjectName(QStringLiteral("backend"));
    m_backend->addItem(tr("Automatic"), int(BackendPreference::Automatic));
    m_backend->addItem(tr("wg-quick"), int(BackendPreference::WgQuick));
    m_backend->addItem(tr("NetworkManager"), int(BackendPreference::NetworkManager));
    m_backendNote = valueLabel(page, QStringLiteral("backendNote"));
    m_backendNote->setWordWrap(true);
    m_diagnosticsButton = new QPushButton(tr("Diagnostics…"), page);
    m_diagnosticsButton->setObjectName(QStringLiteral("diagnostics"));
    m_exportButton = new QPushButton(tr("Export for the WireGuard app…"), page);
    m_exportButton->setObjectName(QStringLiteral("export"));
    auto *forget = new QPushButton(tr("Start over"), page);
    forget->setObjectName(QStringLiteral("forget"));
    m_replacement = valueLabel(page, QStringLiteral("replacement"));
    m_replacement->setWordWrap(true);
    m_replaceKey = new QPushButton(tr("Replace my key…"), page);
    m_replaceKey->setObjectName(QStringLiteral("replaceKey"));
    m_cancelReplacement = new QPushButton(tr("Withdraw the new key"), page);
    m_cancelReplacement->setObjectName(QStringLiteral("cancelReplacement"));

    auto *form = new QFormLayout;
    form->addRow(tr("Your VPN address:"), m_address);
    form->addRow(tr("Hub:"), m_hub);
    form->addRow(tr("Hub seen at:"), m_endpoint);
    form->addRow(tr("Last handshake:"), m_handshake);
    form->addRow(tr("Transfer:"), m_transfer);
    auto *backendBox = new QVBoxLayout;
    backendBox->setSpacing(2);
    backendBox->addWidget(m_backend, 0, Qt::AlignLeft);
    backendBox->addWidget(m_backendNote);
    form->addRow(tr("Tunnel backend:"), backendBox);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_diagnosticsButton);
    buttons->addWidget(m_exportButton);
    buttons->addStretch();
    buttons->addWidget(m_replaceKey);
    buttons->addWidget(m_cancelReplacement);
    buttons->addWidget(forget);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_connect);
    layout->addLayout(form);
    layout->addWidget(m_replacement);
    layout->addLayout(buttons);
    layout->addStretch();

    connect(m_connect, &QPushButton::clicked, this, [this]() {
        clearError();
        m_session->tunnel()->toggle();
    });
    connect(m_backend, &QComboBox::activated, this, [this](int index) {
        m_session->setBackendPreference(BackendPreference(m_backend->itemData(index).toInt()));
        refresh();
    });
    connect(m_diagnosticsButton, &QPushButton::clicked, this, &EngineerView::showDiagnostics);
    connect(m_exportButton, &QPushButton::clicked, this, &EngineerView::showExport);
    connect(m_replaceKey, &QPushButton::clicked, this, &EngineerView::replaceKey);
    connect(m_cancelReplacement, &QPushButton::clicked, this, [this]() {
        if (MessageBox::question(this, tr("Withdraw the new key"),
                                 tr("Withdraw the request for your new key? Your current key stays in use."),
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes) {
            clearError();
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
    return page;
}

EngineerView::Page EngineerView::currentPage() const
{
    return Page(m_pages->currentIndex());
}

void EngineerView::register_()
{
    clearError();
    const Result<void> set = m_session->setEnrollment(m_link->text());
    if (!set)
        return showError(set.error().message);
    m_session->submitRegistration(m_name->text());
}

bool EngineerView::offerEnrollmentLink(const QString &text)
{
    const QString title = tr("Enrollment link");
    const QString trimmed = text.trimmed();
    const Result<HubLink> link = HubLink::parse(trimmed);
    if (!link) {
        MessageBox::warning(this, title, tr("The link was not used: %1").arg(link.error().message));
        return false;
    }
    const ClientProfile &profile = m_session->profile();
    if (currentPage() != Page::Enroll) {
        const bool pending = profile.lastStatus && profile.lastStatus->state == RegistrationState::Pending;
        MessageBox::warning(
            this, title,
            pending
                ? tr("The link was not used: this computer's request to %1 is waiting for approval. To use "
                     "the link instead, click Cancel request, then open the link again.")
                      .arg(profile.hubUrl.host())
                : tr("The link was not used: this computer already has a registration with %1. To use "
                     "the link instead, click Start over, then open the link again.")
                      .arg(profile.hubUrl.host()));
        return false;
    }
    // Registering stays the engineer's decision: they check the name and click Register.
    clearError();
    m_link->setText(trimmed);
    m_link->setFocus();
    return true;
}

void EngineerView::replaceKey()
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
    clearError();
    m_session->replaceKey();
}

void EngineerView::askAboutCertificate(const PresentedCertificate &certificate)
{
    const QString text
        = tr("The hub at %1 presented a certificate that this computer does not know.\n\n"
             "SHA-256 fingerprint:\n%2\n\n"
             "Trust it only if it is the fingerprint your administrator gave you.")
              .arg(m_session->profile().hubUrl.host(), CertificatePin::toDisplay(certificate.fingerprint));
    if (MessageBox::question(this, tr("Unknown certificate"), text, QMessageBox::Yes | QMessageBox::No,
                             QMessageBox::No)
        == QMessageBox::Yes)
        m_session->trustCertificate(certificate.fingerprint);
    else
        showError(tr("The hub's certificate was not trusted, so nothing was sent."));
}

void EngineerView::showError(const QString &message)
{
    m_lastError = message;
    m_error->setText(message);
    refresh();
}

void EngineerView::clearError()
{
    showError({});
}

void EngineerView::showDiagnostics()
{
    auto *dialog = new DiagnosticsDialog(m_diagnostics, this);
    dialog->setObjectName(QStringLiteral("diagnosticsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_diagnostics->run();
    dialog->show();
}

void EngineerView::showExport()
{
    auto *dialog = new ExportDialog(m_session, this);
    dialog->setObjectName(QStringLiteral("exportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void EngineerView::refresh()
{
    refreshHeader();
    const ClientProfile &profile = m_session->profile();
    Page page = Page::Enroll;
    if (profile.isApproved())
        page = Page::Tunnel;
    else if (profile.lastStatus)
        page = Page::Request;
    m_pages->setCurrentIndex(int(page));
    m_busy->setText(m_session->busyText());
    m_busy->setVisible(m_session->isBusy());
    refreshEnroll();
    refreshRequest();
    refreshTunnel();
}

void EngineerView::refreshHeader()
{
    const AppState state = m_session->state();
    m_stateIcon->setPixmap(StateIcons::icon(state).pixmap(48, 48));
    m_stateTitle->setText(appStateText(state));
    const ClientProfile &profile = m_session->profile();
    QString detail;
    switch (state) {
    case AppState::NotRegistered:
        detail = profile.lastStatus ? registrationStateText(profile.lastStatus->state)
                                    : tr("Paste the link your administrator sent you, generate your key and "
                                         "register.");
        break;
    case AppState::Pending:
        detail = registrationStateText(RegistrationState::Pending);
        break;
    case AppState::Disconnected:
        detail = tr("Approved. Click Connect to reach the factory's devices.");
        break;
    case AppState::Connecting:
    case AppState::Connected:
    case AppState::Stale:
    case AppState::Error:
        detail = m_session->tunnel()->status().detail;
        break;
    }
    m_stateDetail->setText(detail);
    // The header already says it (a failed connect): no second copy below it.
    m_error->setVisible(!m_lastError.isEmpty() && m_lastError != detail);
}

void EngineerView::refreshEnroll()
{
    const ClientProfile &profile = m_session->profile();
    const bool busy = m_session->isBusy();
    m_key->setText(
        profile.publicKey.isNull()
            ? tr("No key yet.")
            : tr("Public key %1 (the private key is in the keychain)").arg(profile.publicKey.toBase64()));
    m_generate->setText(profile.publicKey.isNull() ? tr("&Generate key") : tr("Ne&w key"));
    m_generate->setEnabled(!busy);
    m_register->setEnabled(!busy && !profile.publicKey.isNull());
    const QSignalBlocker quiet(m_connectWhenApproved);
    m_connectWhenApproved->setChecked(profile.connectWhenApproved);
    m_link->setEnabled(!busy);
    m_name->setEnabled(!busy);
}

void EngineerView::refreshRequest()
{
    const ClientProfile &profile = m_session->profile();
    if (!profile.lastStatus)
        return;
    const RegistrationStatus &status = *profile.lastStatus;
    // The heading above already says the state in words; for a pending request the body adds
    // what was sent where, instead of repeating it.
    QString text = status.state == RegistrationState::Pending
        ? tr("Your request (%1, key %2) is with the hub at %3; this page changes by itself when it is "
             "decided.")
              .arg(profile.displayName, profile.publicKey.fingerprint(), profile.hubUrl.host())
        : registrationStateText(status.state);
    if (!status.reason.isEmpty())
        text += u'\n' + tr("Reason given: \"%1\"").arg(status.reason);
    m_requestText->setText(text);
    m_pollProblem->setText(m_session->pollProblem());
    m_pollProblem->setVisible(!m_session->pollProblem().isEmpty());
    const bool pending = status.state == RegistrationState::Pending;
    m_checkNow->setVisible(pending);
    m_cancelRequest->setVisible(pending);
    m_startOver->setVisible(!pending);
    m_cancelRequest->setEnabled(!m_session->isBusy());
}

void EngineerView::refreshTunnel()
{
    const ClientProfile &profile = m_session->profile();
    if (!profile.isApproved())
        return;
    const TunnelParameters &tunnel = profile.lastStatus->tunnel;
    const TunnelController *controller = m_session->tunnel();
    const TunnelStatus &status = controller->status();
    const AppState state = m_session->state();
    const bool up = status.interfaceExists || state == AppState::Connecting;
    m_connect->setText(up ? tr("Disconnect") : tr("Connect"));
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
