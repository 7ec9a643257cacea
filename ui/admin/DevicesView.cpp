#include "DevicesView.h"

#include "AdminSession.h"
#include "AdminTableView.h"
#include "DevicesModel.h"
#include "TextFilterProxy.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fvpn {

DevicesView::DevicesView(AdminSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new DevicesModel(this))
    , m_proxy(new TextFilterProxy(this))
    , m_table(new AdminTableView(this))
    , m_filter(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_copyAddress(new QPushButton(tr("Copy address"), this))
    , m_copyKey(new QPushButton(tr("Copy key"), this))
{
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->sortByColumn(DevicesModel::NameColumn, Qt::AscendingOrder);
    const int widths[] = { 180, 120, 110, 110, 120, 180 };
    for (int column = 0; column < int(std::size(widths)); ++column)
        m_table->setColumnWidth(column, widths[column]);
    m_table->fitKeyColumn(DevicesModel::KeyColumn);

    m_filter->setPlaceholderText(tr("Filter by name, address, key or endpoint"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("devicesFilter"));
    m_copyAddress->setEnabled(false);
    m_copyKey->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_summary);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_copyAddress);
    buttons->addWidget(m_copyKey);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterText(text);
        updateSummary();
    });
    connect(session, &AdminSession::devicesChanged, this, [this](const QList<DeviceInfo> &devices) {
        m_model->setRows(devices);
        updateSummary();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const bool any = m_table->selectionModel()->hasSelection();
        m_copyAddress->setEnabled(any);
        m_copyKey->setEnabled(any);
    });
    connect(m_copyAddress, &QPushButton::clicked, this,
            [this] { m_table->copySelection(DevicesModel::AddressColumn); });
    connect(m_copyKey, &QPushButton::clicked, this,
            [this] { m_table->copySelection(DevicesModel::KeyColumn); });
    // Ages and online states move with the clock, not only with refreshes.
    m_ages.setInterval(30000);
    connect(&m_ages, &QTimer::timeout, this, [this] {
        m_model->refreshAges();
        updateSummary();
    });
    m_ages.start();
    m_model->setRows(session->snapshot().devices);
    updateSummary();
}

void DevicesView::updateSummary()
{
    int online = 0;
    int stale = 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const DeviceInfo &d : m_model->rows()) {
        const LinkState state = linkStateFor(d.live.lastHandshake, now);
        online += state == LinkState::Online ? 1 : 0;
        stale += state == LinkState::Stale ? 1 : 0;
    }
    const int total = m_model->rowCount();
    QString text = tr("%n device(s): %1 online, %2 stale", nullptr, total).arg(online).arg(stale);
    if (m_proxy->rowCount() != total)
        text = tr("%1 shown of %2").arg(m_proxy->rowCount()).arg(text);
    m_summary->setText(text);
}

} // namespace fvpn
