#include "DirectoryView.h"

#include "DeviceDirectory.h"
#include "DirectoryModel.h"
#include "TextFilterProxy.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace fvpn {

DirectoryView::DirectoryView(DeviceDirectory *directory, QWidget *parent)
    : QWidget(parent)
    , m_directory(directory)
    , m_model(new DirectoryModel(this))
    , m_proxy(new TextFilterProxy(this))
    , m_status(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_table(new QTableView(this))
    , m_copyAddress(new QPushButton(tr("Copy address"), this))
    , m_copySsh(new QPushButton(tr("Copy ssh command"), this))
{
    setObjectName(QStringLiteral("directoryView"));
    m_status->setObjectName(QStringLiteral("directoryStatus"));
    m_status->setWordWrap(true);
    m_filter->setObjectName(QStringLiteral("directoryFilter"));
    m_filter->setPlaceholderText(tr("Filter by name, address or state"));
    m_filter->setClearButtonEnabled(true);
    m_refresh->setObjectName(QStringLiteral("directoryRefresh"));
    m_copyAddress->setObjectName(QStringLiteral("copyDeviceAddress"));
    m_copySsh->setObjectName(QStringLiteral("copySshCommand"));

    m_proxy->setSourceModel(m_model);
    m_table->setObjectName(QStringLiteral("directoryTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DirectoryModel::NameColumn, Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setColumnWidth(DirectoryModel::NameColumn, 200);
    m_table->setColumnWidth(DirectoryModel::AddressColumn, 130);
    m_table->setColumnWidth(DirectoryModel::StateColumn, 100);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copyAddress = new QAction(tr("Copy address"), m_table);
    auto *copySsh = new QAction(tr("Copy ssh command"), m_table);
    m_table->addAction(copyAddress);
    m_table->addAction(copySsh);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_refresh);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_copyAddress);
    buttons->addWidget(m_copySsh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    auto copy = [](const QString &text) {
        if (!text.isEmpty())
            QApplication::clipboard()->setText(text);
    };
    connect(m_copyAddress, &QPushButton::clicked, this, [this, copy]() { copy(selectedAddress()); });
    connect(copyAddress, &QAction::triggered, this, [this, copy]() { copy(selectedAddress()); });
    connect(m_copySsh, &QPushButton::clicked, this, [this, copy]() { copy(selectedSshCommand()); });
    connect(copySsh, &QAction::triggered, this, [this, copy]() { copy(selectedSshCommand()); });
    // A double click is the quick way to the thing an engineer does next.
    connect(m_table, &QTableView::doubleClicked, this, [this, copy]() { copy(selectedSshCommand()); });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &TextFilterProxy::setFilterText);
    connect(m_refresh, &QPushButton::clicked, m_directory, &DeviceDirectory::refresh);
    connect(m_directory, &DeviceDirectory::changed, this, &DirectoryView::update);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DirectoryView::updateButtons);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DirectoryView::updateButtons);
    update();
}

int DirectoryView::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() != 1)
        return -1;
    return m_proxy->mapToSource(rows.constFirst()).row();
}

QString DirectoryView::selectedAddress() const
{
    const int row = selectedRow();
    return row < 0 ? QString() : m_model->rowAt(row).address.toString();
}

QString DirectoryView::selectedSshCommand() const
{
    const int row = selectedRow();
    return row < 0 ? QString() : DeviceDirectory::sshCommand(m_directory->listing(), m_model->rowAt(row));
}

void DirectoryView::update()
{
    m_model->setRows(m_directory->listing().devices);
    const int total = int(m_directory->listing().devices.size());
    int online = 0;
    for (const DirectoryDevice &device : m_directory->listing().devices)
        online += device.state == DirectoryDevice::State::Online ? 1 : 0;
    const QString counts = tr("%n device(s)", nullptr, total) + tr(", %n online", nullptr, online);
    const QString updated = m_directory->lastUpdate().isValid()
        ? tr("updated %1").arg(m_directory->lastUpdate().toLocalTime().toString(QStringLiteral("HH:mm:ss")))
        : QString();
    QString text;
    switch (m_directory->status()) {
    case DeviceDirectory::Status::NotOffered:
        text = tr("Your hub does not list its devices for engineers yet. Ask your administrator for the "
                  "addresses you need.");
        break;
    case DeviceDirectory::Status::Waiting:
        text = m_directory->lastUpdate().isValid()
            ? tr("Not connected: the list is as it was when %1. Connect to see it now.").arg(updated)
            : tr("Connect to see the factory's devices you can reach.");
        break;
    case DeviceDirectory::Status::Loading:
        text = tr("Asking the hub for its devices…");
        break;
    case DeviceDirectory::Status::Ready:
        text = counts + QStringLiteral(" · ") + updated;
        break;
    case DeviceDirectory::Status::Failed:
        text = m_directory->problem();
        if (m_directory->lastUpdate().isValid())
            text += u' ' + tr("(showing the list as it was when %1)").arg(updated);
        break;
    }
    m_status->setText(text);
    const bool failed = m_directory->status() == DeviceDirectory::Status::Failed;
    m_status->setStyleSheet(failed ? QStringLiteral("color: #a41e16;") : QString());
    const bool offered = m_directory->status() != DeviceDirectory::Status::NotOffered;
    m_filter->setEnabled(offered && total > 0);
    m_refresh->setEnabled(offered && m_directory->status() != DeviceDirectory::Status::Waiting);
    m_table->setEnabled(offered);
    updateButtons();
}

void DirectoryView::updateButtons()
{
    const bool one = selectedRow() >= 0;
    m_copyAddress->setEnabled(one);
    m_copySsh->setEnabled(one);
    for (QAction *action : m_table->actions())
        action->setEnabled(one);
}

} // namespace fvpn
