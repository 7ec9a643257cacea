#include "EngineerView.h"

#include "CertificatePin.h"
#include "Diagnostics.h"
#include "DiagnosticsDialog.h"
#include "EngineerSession.h"
#include "EnrollPage.h"
#include "ExportDialog.h"
#include "HubLink.h"
#include "JourneySteps.h"
#include "MessageBox.h"
#include "StateIcons.h"
#include "TunnelPage.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace fvpn {

EngineerView::EngineerView(EngineerSession *session, ToolRunner tools, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_tools(std::move(tools))
    , m_diagnostics(new Diagnostics(session, m_tools, this))
    , m_stateIcon(new QLabel(this))
    , m_stateTitle(new QLabel(this))
    , m_stateDetail(new QLabel(this))
    , m_busyRow(new QWidget(this))
    , m_busy(new QLabel(this))
    , m_cancelBusy(new QPushButton(tr("Cancel"), this))
    , m_errorRow(new QWidget(this))
    , m_error(new QLabel(this))
    , m_tryAgain(new QPushButton(tr("Try again"), this))
    , m_pages(new QStackedWidget(this))
    , m_enrollPage(new EnrollPage(session, this))
    , m_tunnelPage(new TunnelPage(session, this))
{
    m_stateTitle->setObjectName(QStringLiteral("stateTitle"));
    QFont titleFont = m_stateTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_stateTitle->setFont(titleFont);
    m_stateDetail->setObjectName(QStringLiteral("stateDetail"));
    m_stateDetail->setWordWrap(true);
    // Two lines are always kept for the detail, so a longer one moves nothing.
    m_stateDetail->setMinimumHeight(2 * m_stateDetail->fontMetrics().lineSpacing());
    m_stateDetail->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    // What the app is busy with, on a line of its own that is always there.
    m_busy->setObjectName(QStringLiteral("busy"));
    m_busy->setWordWrap(true);
    m_busy->setStyleSheet(QStringLiteral("color: #1d4f91;"));
    m_cancelBusy->setObjectName(QStringLiteral("cancelBusy"));
    auto *busyLayout = new QHBoxLayout(m_busyRow);
    busyLayout->setContentsMargins(0, 0, 0, 0);
    busyLayout->addWidget(m_busy, 1);
    busyLayout->addWidget(m_cancelBusy);
    m_busyRow->setMinimumHeight(m_cancelBusy->sizeHint().height());
    QSizePolicy keep = m_cancelBusy->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_cancelBusy->setSizePolicy(keep);

    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tryAgain->setObjectName(QStringLiteral("tryAgain"));
    m_errorRow->setObjectName(QStringLiteral("errorRow"));
    m_errorRow->setAttribute(Qt::WA_StyledBackground);
    m_errorRow->setStyleSheet(
        QStringLiteral("#errorRow { background: #fbe3e3; border: 1px solid #e0a0a0; border-radius: 4px; }"
                       "#errorRow QLabel { color: #7a1010; }"));
    auto *errorLayout = new QHBoxLayout(m_errorRow);
    errorLayout->setContentsMargins(8, 6, 8, 6);
    errorLayout->addWidget(m_error, 1);
    errorLayout->addWidget(m_tryAgain, 0, Qt::AlignVCenter);
    m_errorRow->hide();

    auto *header = new QHBoxLayout;
    header->addWidget(m_stateIcon, 0, Qt::AlignTop);
    auto *headerText = new QVBoxLayout;
    headerText->setSpacing(2);
    headerText->addWidget(m_stateTitle);
    headerText->addWidget(m_stateDetail);
    header->addLayout(headerText, 1);

    m_pages->addWidget(m_enrollPage);
    m_pages->addWidget(buildRequestPage());
    m_pages->addWidget(m_tunnelPage);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_busyRow);
    layout->addWidget(m_errorRow);
    layout->addWidget(m_pages, 1);

    connect(m_enrollPage, &EnrollPage::generateRequested, this, [this]() {
        clearError();
        m_session->generateKey();
    });
    connect(m_enrollPage, &EnrollPage::registerRequested, this, &EngineerView::register_);
    connect(m_tunnelPage, &TunnelPage::actionStarted, this, &EngineerView::clearError);
    connect(m_tunnelPage, &TunnelPage::diagnosticsRequested, this, &EngineerView::showDiagnostics);
    connect(m_tunnelPage, &TunnelPage::exportRequested, this, &EngineerView::showExport);
    connect(m_cancelBusy, &QPushButton::clicked, m_session, &EngineerSession::cancelBusy);
    connect(m_tryAgain, &QPushButton::clicked, m_session, &EngineerSession::tryAgain);

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

QWidget *EngineerView::buildRequestPage()
{
    auto *page = new QWidget(this);
    m_requestText = new QLabel(page);
    m_requestText->setObjectName(QStringLiteral("requestText"));
    m_requestText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_requestText->setWordWrap(true);
    m_pollProblem = new QLabel(page);
    m_pollProblem->setObjectName(QStringLiteral("pollProblem"));
    m_pollProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pollProblem->setWordWrap(true);
    m_checkNow = new QPushButton(tr("Check now"), page);
    m_checkNow->setObjectName(QStringLiteral("checkNow"));
    m_cancelRequest = new QPushButton(tr("Cancel request"), page);
    m_cancelRequest->setObjectName(QStringLiteral("cancelRequest"));
    m_startOver = new QPushButton(tr("Start over"), page);
    m_startOver->setObjectName(QStringLiteral("startOver"));
    m_requestSteps = new JourneySteps(m_session, page);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_checkNow);
    buttons->addWidget(m_cancelRequest);
    buttons->addWidget(m_startOver);
    buttons->addStretch();
    auto *stepsBox = new QGroupBox(tr("How you get on the VPN"), page);
    auto *stepsLayout = new QVBoxLayout(stepsBox);
    stepsLayout->addWidget(m_requestSteps);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_requestText);
    layout->addWidget(m_pollProblem);
    layout->addLayout(buttons);
    layout->addSpacing(8);
    layout->addWidget(stepsBox);
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

EngineerView::Page EngineerView::currentPage() const
{
    return Page(m_pages->currentIndex());
}

void EngineerView::register_()
{
    clearError();
    const Result<void> set = m_session->setEnrollment(m_enrollPage->linkText());
    if (!set)
        return showError(set.error().message);
    m_session->submitRegistration(m_enrollPage->nameText());
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
    m_enrollPage->takeLink(trimmed);
    return true;
}

void EngineerView::askAboutCertificate(const PresentedCertificate &certificate)
{
    // The fingerprint exactly as `factory-vpn-ctl enrollment` and the enrollment
    // link write it, so the two can be read to each other character by character.
    const QString text
        = tr("The hub at %1 presented a certificate that this computer does not know yet.\n\n"
             "Its fingerprint:\n%2\n\n"
             "Trust it only if it is exactly the fingerprint your administrator gave you (they see it with "
             "\"factory-vpn-ctl enrollment\", and it is part of an enrollment link).")
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
    m_cancelBusy->setVisible(m_session->canCancelBusy());
    m_enrollPage->refresh();
    refreshRequest();
    m_tunnelPage->refresh();
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
    m_errorRow->setVisible(!m_lastError.isEmpty() && m_lastError != detail);
    m_tryAgain->setVisible(m_session->canTryAgain());
}

void EngineerView::refreshRequest()
{
    const ClientProfile &profile = m_session->profile();
    m_requestSteps->refresh();
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

} // namespace fvpn
