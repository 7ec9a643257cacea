#include "AuditView.h"

#include "AdminSession.h"
#include "AdminTableView.h"
#include "AuditFilterProxy.h"
#include "AuditModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace fvpn {

AuditView::AuditView(AdminSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new AuditModel(this))
    , m_proxy(new AuditFilterProxy(this))
    , m_table(new AdminTableView(this))
    , m_text(new QLineEdit(this))
    , m_actor(new QLineEdit(this))
    , m_action(new QComboBox(this))
    , m_period(new QComboBox(this))
    , m_older(new QPushButton(tr("Load older entries"), this))
    , m_count(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->sortByColumn(AuditModel::TimeColumn, Qt::DescendingOrder);
    const int widths[] = { 150, 140, 150, 220 };
    for (int column = 0; column < int(std::size(widths)); ++column)
        m_table->setColumnWidth(column, widths[column]);

    m_text->setPlaceholderText(tr("Search"));
    m_text->setClearButtonEnabled(true);
    m_actor->setPlaceholderText(tr("Who (e.g. token:ops)"));
    m_actor->setClearButtonEnabled(true);
    m_period->addItem(tr("Any time"), 0);
    m_period->addItem(tr("Last hour"), 3600);
    m_period->addItem(tr("Last 24 hours"), 86400);
    m_period->addItem(tr("Last 7 days"), 7 * 86400);
    m_period->addItem(tr("Last 30 days"), 30 * 86400);
    updateActions();

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_text, 2);
    filters->addWidget(m_actor, 1);
    filters->addWidget(m_action, 1);
    filters->addWidget(m_period);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count);
    bottom->addStretch(1);
    bottom->addWidget(m_older);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);

    auto count = [this] {
        m_count->setText(
            tr("%1 of %n loaded entries shown", nullptr, m_model->rowCount()).arg(m_proxy->rowCount()));
    };
    connect(m_text, &QLineEdit::textChanged, m_proxy, &TextFilterProxy::setFilterText);
    connect(m_actor, &QLineEdit::textChanged, m_proxy, &AuditFilterProxy::setActor);
    connect(m_action, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setAction(m_action->currentData().toString()); });
    connect(m_period, &QComboBox::currentIndexChanged, this, &AuditView::applyPeriod);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, count);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, count);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, count);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, count);
    connect(m_older, &QPushButton::clicked, session, &AdminSession::loadOlderAudit);
    connect(session, &AdminSession::auditChanged, this, [this, count](const QList<AuditRecord> &entries) {
        m_model->setRows(entries);
        m_older->setEnabled(m_session->snapshot().auditNextBefore.has_value());
        updateActions();
        count();
    });
    m_model->setRows(session->snapshot().audit);
    m_older->setEnabled(session->snapshot().auditNextBefore.has_value());
    count();
}

void AuditView::applyPeriod()
{
    const int seconds = m_period->currentData().toInt();
    m_proxy->setTimeRange(seconds > 0 ? QDateTime::currentDateTimeUtc().addSecs(-seconds) : QDateTime(), {});
}

void AuditView::updateActions()
{
    // The families first ("request.*"), then every action seen so far.
    QSet<QString> seen;
    for (const AuditRecord &e : m_model->rows())
        seen.insert(e.action);
    QStringList actions(seen.begin(), seen.end());
    std::sort(actions.begin(), actions.end());
    QStringList families;
    for (const QString &a : std::as_const(actions)) {
        const qsizetype dot = a.indexOf(u'.');
        if (dot > 0 && !families.contains(a.left(dot + 1)))
            families.append(a.left(dot + 1));
    }
    QStringList wanted { QString() };
    wanted.append(families);
    wanted.append(actions);
    QStringList current;
    for (int i = 0; i < m_action->count(); ++i)
        current.append(m_action->itemData(i).toString());
    if (current == wanted)
        return;
    const QString selected = m_action->currentData().toString();
    const QSignalBlocker block(m_action);
    m_action->clear();
    m_action->addItem(tr("Any action"), QString());
    for (const QString &f : std::as_const(families))
        m_action->addItem(tr("%1* (all)").arg(f), f);
    for (const QString &a : std::as_const(actions))
        m_action->addItem(a, a);
    const int index = m_action->findData(selected);
    m_action->setCurrentIndex(index < 0 ? 0 : index);
}

} // namespace fvpn
