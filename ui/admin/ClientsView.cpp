#include "ClientsView.h"

#include "AdminSession.h"
#include "AdminTableView.h"
#include "ClientsModel.h"
#include "MessageBar.h"
#include "MessageBox.h"
#include "TextFilterProxy.h"
#include "TextRules.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fvpn {

ClientsView::ClientsView(AdminSession *session, MessageBar *messages, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_messages(messages)
    , m_model(new ClientsModel(this))
    , m_proxy(new TextFilterProxy(this))
    , m_table(new AdminTableView(this))
    , m_filter(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_reason(new QLineEdit(this))
    , m_copyAddress(new QPushButton(tr("Copy address"), this))
    , m_revoke(new QPushButton(tr("Revoke…"), this))
{
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->sortByColumn(ClientsModel::NameColumn, Qt::AscendingOrder);
    const int widths[] = { 160, 120, 110, 110, 120 };
    for (int column = 0; column < int(std::size(widths)); ++column)
        m_table->setColumnWidth(column, widths[column]);
    m_table->fitKeyColumn(ClientsModel::KeyColumn);

    m_filter->setPlaceholderText(tr("Filter by name, comment, address or key"));
    m_filter->setClearButtonEnabled(true);
    m_reason->setPlaceholderText(tr("Reason for revoking (optional, kept in the audit log)"));
    m_revoke->setObjectName(QStringLiteral("revokeButton"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_summary);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_copyAddress);
    bottom->addStretch(1);
    bottom->addWidget(m_reason, 2);
    bottom->addWidget(m_revoke);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &TextFilterProxy::setFilterText);
    connect(session, &AdminSession::clientsChanged, this, [this](const QList<ClientInfo> &clients) {
        m_model->setRows(clients);
        m_summary->setText(tr("%n client peer(s)", nullptr, m_model->rowCount()));
        updateButtons();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ClientsView::updateButtons);
    connect(m_copyAddress, &QPushButton::clicked, this,
            [this] { m_table->copySelection(ClientsModel::AddressColumn); });
    connect(m_revoke, &QPushButton::clicked, this, &ClientsView::revokeSelected);
    m_ages.setInterval(30000);
    connect(&m_ages, &QTimer::timeout, m_model, &ClientsModel::refreshAges);
    m_ages.start();
    m_model->setRows(session->snapshot().clients);
    updateButtons();
}

void ClientsView::updateButtons()
{
    const bool one = m_table->selectionModel()->selectedRows().size() == 1;
    m_revoke->setEnabled(one && !m_busy);
    m_copyAddress->setEnabled(m_table->selectionModel()->hasSelection());
}

void ClientsView::revokeSelected()
{
    const QModelIndexList rows = m_table->selectedSourceRows();
    if (rows.size() != 1)
        return;
    const ClientInfo client = m_model->rowAt(rows.constFirst().row());
    const QString reason = m_reason->text().trimmed();
    if (Result<QString> ok = TextRules::checkComment(reason, 500); !ok) {
        m_messages->showMessage(MessageBar::Kind::Error, tr("Reason: %1").arg(ok.error().message));
        return;
    }
    const QString question
        = tr("Revoke %1 (%2, key %3…)?\n\nTheir tunnel stops at once and the line is removed "
             "from factory-clients.conf. They can ask for access again.")
              .arg(client.name, client.address.toString(), client.publicKey.fingerprint());
    if (!MessageBox::confirm(this, tr("Revoke client peer"), question, tr("Revoke")))
        return;
    m_busy = true;
    updateButtons();
    m_session->revoke(client.publicKey, reason, this, [this, name = client.name](Result<void> revoked) {
        m_busy = false;
        updateButtons();
        if (!revoked) {
            m_messages->showError(revoked.error());
            return;
        }
        m_reason->clear();
        m_messages->showMessage(MessageBar::Kind::Success, tr("Revoked %1.").arg(name));
    });
}

} // namespace fvpn
