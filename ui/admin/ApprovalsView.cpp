#include "ApprovalsView.h"

#include "AddressPool.h"
#include "AdminFormat.h"
#include "AdminSession.h"
#include "AdminTableView.h"
#include "MessageBar.h"
#include "RequestsModel.h"
#include "TextFilterProxy.h"
#include "TextRules.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace fvpn {

ApprovalsView::ApprovalsView(AdminSession *session, MessageBar *messages, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_messages(messages)
    , m_model(new RequestsModel(this))
    , m_proxy(new TextFilterProxy(this))
    , m_table(new AdminTableView(this))
    , m_filter(new QLineEdit(this))
    , m_details(new QWidget(this))
    , m_evidence(new QLabel(this))
    , m_address(new QLineEdit(this))
    , m_addressProblem(new QLabel(this))
    , m_reason(new QLineEdit(this))
    , m_approve(new QPushButton(tr("&Approve"), this))
    , m_reject(new QPushButton(tr("Reject"), this))
    , m_empty(new QLabel(tr("No registration is waiting for approval."), this))
{
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->sortByColumn(RequestsModel::CreatedColumn, Qt::AscendingOrder);
    const int widths[] = { 120, 130, 140, 90, 110 };
    for (int column = 0; column < int(std::size(widths)); ++column)
        m_table->setColumnWidth(column, widths[column]);
    m_table->fitKeyColumn(RequestsModel::KeyColumn);
    m_filter->setPlaceholderText(tr("Filter by name, host, OS, key or source address"));
    m_filter->setClearButtonEnabled(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);

    m_evidence->setTextFormat(Qt::PlainText);
    m_evidence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_evidence->setWordWrap(true);
    m_evidence->setObjectName(QStringLiteral("evidence"));
    m_address->setObjectName(QStringLiteral("approveAddress"));
    m_address->setPlaceholderText(tr("e.g. 10.42.42.20"));
    m_addressProblem->setObjectName(QStringLiteral("addressProblem"));
    m_addressProblem->setStyleSheet(QStringLiteral("color: #a41e16;"));
    m_addressProblem->setWordWrap(true);
    m_reason->setObjectName(QStringLiteral("rejectReason"));
    m_reason->setPlaceholderText(tr("Why? The engineer sees this reason"));
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    m_approve->setDefault(true);

    auto *evidenceBox = new QGroupBox(tr("Evidence"), m_details);
    auto *evidenceLayout = new QVBoxLayout(evidenceBox);
    evidenceLayout->addWidget(m_evidence);
    auto *approveBox = new QGroupBox(tr("Approve"), m_details);
    auto *approveForm = new QFormLayout(approveBox);
    approveForm->addRow(tr("VPN address:"), m_address);
    approveForm->addRow(QString(), m_addressProblem);
    auto *approveRow = new QHBoxLayout;
    approveRow->addStretch(1);
    approveRow->addWidget(m_approve);
    approveForm->addRow(approveRow);
    auto *rejectBox = new QGroupBox(tr("Reject"), m_details);
    auto *rejectForm = new QFormLayout(rejectBox);
    rejectForm->addRow(tr("Reason:"), m_reason);
    auto *rejectRow = new QHBoxLayout;
    rejectRow->addStretch(1);
    rejectRow->addWidget(m_reject);
    rejectForm->addRow(rejectRow);
    auto *detailsLayout = new QVBoxLayout(m_details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(evidenceBox);
    detailsLayout->addWidget(approveBox);
    detailsLayout->addWidget(rejectBox);
    detailsLayout->addStretch(1);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_table, 1);
    leftLayout->addWidget(m_empty);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &TextFilterProxy::setFilterText);
    connect(session, &AdminSession::requestsChanged, this, [this](const QList<RequestInfo> &requests) {
        m_model->setRequests(requests);
        // Keep the admin's row selected; pick the oldest when nothing is.
        if (!m_table->selectionModel()->hasSelection() && m_proxy->rowCount() > 0)
            m_table->selectRow(0);
        showSelected();
        Q_EMIT pendingCountChanged(m_model->rowCount());
    });
    // The pool may come after the requests (the hub's events bring the requests at
    // once, the pool with the follow-up refresh): the suggestion follows it.
    connect(session, &AdminSession::poolChanged, this, &ApprovalsView::showSelected);
    connect(session, &AdminSession::devicesChanged, this, &ApprovalsView::updateButtons);
    connect(session, &AdminSession::clientsChanged, this, &ApprovalsView::updateButtons);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ApprovalsView::showSelected);
    connect(m_address, &QLineEdit::textEdited, this, [this] {
        m_addressEdited = true;
        updateButtons();
    });
    connect(m_reason, &QLineEdit::textChanged, this, &ApprovalsView::updateButtons);
    connect(m_approve, &QPushButton::clicked, this, &ApprovalsView::approveSelected);
    connect(m_address, &QLineEdit::returnPressed, this, &ApprovalsView::approveSelected);
    connect(m_reject, &QPushButton::clicked, this, &ApprovalsView::rejectSelected);
    m_model->setRequests(session->snapshot().requests);
    showSelected();
}

std::optional<RequestInfo> ApprovalsView::selectedRequest() const
{
    const QModelIndexList rows = m_table->selectedSourceRows();
    if (rows.size() != 1)
        return std::nullopt;
    return m_model->rowAt(rows.constFirst().row());
}

void ApprovalsView::showSelected()
{
    const std::optional<RequestInfo> r = selectedRequest();
    const bool any = m_model->rowCount() > 0;
    m_table->setVisible(any);
    m_empty->setVisible(!any);
    m_details->setEnabled(r.has_value());
    if (!r) {
        m_shownId.clear();
        m_evidence->setText(any ? tr("Select a request to see what the engineer's app sent.") : QString());
        m_address->clear();
        updateButtons();
        return;
    }
    if (r->id != m_shownId) {
        m_shownId = r->id;
        m_addressEdited = false;
        m_reason->clear();
    }
    const QString evidence
        = tr("Name: %1\nHost name: %2\nOperating system: %3\nPublic key: %4\nSent from: %5\n"
             "Requested: %6 (%7)")
              .arg(r->name, r->hostname, r->os, r->publicKey.toBase64(), r->sourceAddress,
                   AdminFormat::time(r->createdAt),
                   AdminFormat::age(r->createdAt, QDateTime::currentDateTimeUtc()));
    m_evidence->setText(r->replaces.isEmpty() ? evidence
                                              : evidence + u'\n'
                                + tr("Replaces the key of approved request %1: on approval the old key "
                                     "leaves the VPN and the new one keeps its address.")
                                      .arg(r->replaces.left(8)));
    // The suggestion follows the hub's pool until the admin types their own; a
    // replacement keeps the old key's address unless the admin enters another.
    m_address->setPlaceholderText(r->replaces.isEmpty() ? tr("e.g. 10.42.42.20")
                                                        : tr("empty: keep the current address"));
    if (!m_addressEdited) {
        const IpAddress suggested = m_session->snapshot().suggestedAddress;
        m_address->setText(suggested.isNull() || !r->replaces.isEmpty() ? QString() : suggested.toString());
    }
    updateButtons();
}

Result<IpAddress> ApprovalsView::checkAddress(const QString &text) const
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        const std::optional<RequestInfo> r = selectedRequest();
        if (r && !r->replaces.isEmpty())
            return IpAddress(); // the hub keeps the replaced key's address
        return makeError(ErrorCode::InvalidInput, tr("Enter the VPN address this engineer gets."));
    }
    Result<IpAddress> address = IpAddress::parse(trimmed);
    if (!address)
        return address.error();
    const HubSnapshot &s = m_session->snapshot();
    if (s.pool.subnet.isNull())
        return *address; // not loaded yet: the hub checks it anyway
    AddressPool pool(s.pool.subnet, s.pool.hubAddress);
    for (const DeviceInfo &d : s.devices)
        (void)pool.reserve(d.address, tr("device %1").arg(d.name));
    for (const ClientInfo &c : s.clients)
        (void)pool.reserve(c.address, tr("client peer %1").arg(c.name));
    if (Result<void> free = pool.check(*address); !free)
        return free.error();
    return *address;
}

void ApprovalsView::updateButtons()
{
    const bool selected = selectedRequest().has_value();
    const Result<IpAddress> address = checkAddress(m_address->text());
    m_addressProblem->setText(selected && !address ? address.error().message : QString());
    m_addressProblem->setVisible(selected && !address);
    m_approve->setEnabled(selected && address.ok() && !m_busy);
    m_reject->setEnabled(selected && !m_reason->text().trimmed().isEmpty() && !m_busy);
}

void ApprovalsView::approveSelected()
{
    const std::optional<RequestInfo> r = selectedRequest();
    const Result<IpAddress> address = checkAddress(m_address->text());
    if (!r || !address || m_busy)
        return;
    m_busy = true;
    updateButtons();
    const std::optional<IpAddress> chosen = address->isNull() ? std::nullopt : std::optional(*address);
    m_session->approve(r->id, chosen, this, [this, name = r->name](Result<RequestInfo> approved) {
        m_busy = false;
        if (!approved) {
            updateButtons();
            m_messages->showError(approved.error());
            return;
        }
        m_addressEdited = false;
        updateButtons();
        m_messages->showMessage(MessageBar::Kind::Success,
                                tr("Approved %1 with address %2. Their app picks this up on its next poll.")
                                    .arg(name, approved->address.toString()));
    });
}

void ApprovalsView::rejectSelected()
{
    const std::optional<RequestInfo> r = selectedRequest();
    if (!r || m_busy)
        return;
    Result<QString> reason = TextRules::checkDisplayName(m_reason->text().trimmed(), 500);
    if (!reason) {
        m_messages->showMessage(MessageBar::Kind::Error, tr("Reason: %1").arg(reason.error().message));
        return;
    }
    m_busy = true;
    updateButtons();
    m_session->reject(r->id, *reason, this, [this, name = r->name](Result<RequestInfo> rejected) {
        m_busy = false;
        updateButtons();
        if (!rejected) {
            m_messages->showError(rejected.error());
            return;
        }
        m_reason->clear();
        m_messages->showMessage(MessageBar::Kind::Success, tr("Rejected %1's request.").arg(name));
    });
}

} // namespace fvpn
