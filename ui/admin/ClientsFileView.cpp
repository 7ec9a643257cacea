#include "ClientsFileView.h"

#include "AdminSession.h"
#include "AdminTableView.h"
#include "ClientsFileDraft.h"
#include "ClientsFileTableModel.h"
#include "ConflictPanel.h"
#include "LineNumberEditor.h"
#include "MessageBar.h"
#include "MessageBox.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace fvpn {

ClientsFileView::ClientsFileView(AdminSession *session, MessageBar *messages, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_messages(messages)
    , m_draft(new ClientsFileDraft(session->client(), this))
    , m_model(new ClientsFileTableModel(this))
    , m_pages(new QStackedWidget(this))
    , m_modes(new QTabWidget(this))
    , m_table(new AdminTableView(this))
    , m_text(new LineNumberEditor(this))
    , m_problems(new QListWidget(this))
    , m_summary(new QLabel(this))
    , m_status(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_conflict(new ConflictPanel(this))
    , m_reload(new QPushButton(tr("Reload"), this))
    , m_add(new QPushButton(tr("Add peer"), this))
    , m_remove(new QPushButton(tr("Remove lines"), this))
    , m_revert(new QPushButton(tr("Revert"), this))
    , m_save(new QPushButton(tr("Save to hub"), this))
{
    m_table->setModel(m_model);
    m_table->setSortingEnabled(false); // rows are lines: their order is the file's
    m_table->verticalHeader()->show();
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setColumnWidth(ClientsFileTableModel::KeyColumn, 400);
    m_table->setColumnWidth(ClientsFileTableModel::AddressColumn, 120);
    m_table->setColumnWidth(ClientsFileTableModel::CommentColumn, 220);
    m_text->setObjectName(QStringLiteral("rawClientsFile"));
    m_save->setObjectName(QStringLiteral("saveClientsFile"));
    m_problems->setObjectName(QStringLiteral("clientsFileProblems"));
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_notice->hide();
    m_summary->setObjectName(QStringLiteral("problemSummary"));

    m_modes->addTab(m_table, tr("Table"));
    m_modes->addTab(m_text, tr("Text"));
    m_modes->setDocumentMode(true);

    auto *problemsBox = new QWidget(this);
    auto *problemsLayout = new QVBoxLayout(problemsBox);
    problemsLayout->setContentsMargins(0, 0, 0, 0);
    problemsLayout->addWidget(m_summary);
    problemsLayout->addWidget(m_problems);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_modes);
    splitter->addWidget(problemsBox);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    auto *editPage = new QWidget(this);
    auto *editLayout = new QVBoxLayout(editPage);
    editLayout->setContentsMargins(0, 0, 0, 0);
    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_add);
    toolbar->addWidget(m_remove);
    toolbar->addStretch(1);
    toolbar->addWidget(m_status);
    toolbar->addWidget(m_reload);
    toolbar->addWidget(m_revert);
    toolbar->addWidget(m_save);
    editLayout->addLayout(toolbar);
    editLayout->addWidget(m_notice);
    editLayout->addWidget(splitter, 1);
    m_pages->addWidget(editPage);
    m_pages->addWidget(m_conflict);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    // Comment lines span the key, address and comment columns; recomputed once
    // after a burst of changes rather than per signal.
    m_spans.setSingleShot(true);
    m_spans.setInterval(0);
    connect(&m_spans, &QTimer::timeout, this, &ClientsFileView::updateSpans);
    connect(m_model, &QAbstractItemModel::rowsInserted, &m_spans, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::rowsRemoved, &m_spans, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::dataChanged, &m_spans, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::modelReset, &m_spans, qOverload<>(&QTimer::start));
    m_validate.setSingleShot(true);
    m_validate.setInterval(ValidateDelayMs);
    connect(&m_validate, &QTimer::timeout, this, &ClientsFileView::validateNow);
    connect(m_text, &QPlainTextEdit::textChanged, this, &ClientsFileView::onRawTextChanged);
    connect(m_model, &ClientsFileTableModel::textEdited, this, &ClientsFileView::onTableEdited);
    connect(m_draft, &ClientsFileDraft::textReplaced, this, &ClientsFileView::onTextReplaced);
    connect(m_draft, &ClientsFileDraft::stateChanged, this, &ClientsFileView::updateState);
    connect(m_draft, &ClientsFileDraft::modifiedChanged, this, &ClientsFileView::updateState);
    connect(m_draft, &ClientsFileDraft::saved, this, [this] {
        m_notice->hide();
        m_messages->showMessage(
            MessageBar::Kind::Success,
            tr("factory-clients.conf saved; the hub applied it without dropping tunnels."));
        m_session->refresh();
    });
    connect(m_draft, &ClientsFileDraft::failed, this,
            [this](const Error &error) { m_messages->showError(error); });
    connect(m_draft, &ClientsFileDraft::conflictDetected, this, [this] {
        m_conflict->setVersions(m_draft->text(), m_draft->theirs().content);
        m_pages->setCurrentWidget(m_conflict);
        m_messages->showMessage(MessageBar::Kind::Warning,
                                tr("Not saved: someone else changed factory-clients.conf meanwhile."));
    });
    connect(m_conflict, &ConflictPanel::reapplyRequested, this, [this] {
        Result<void> merged = m_draft->reapplyOnTheirs();
        if (!merged) {
            m_messages->showError(merged.error());
            return;
        }
        m_messages->showMessage(MessageBar::Kind::Info,
                                tr("Your edit is re-applied on the newer version. Check it, then save."));
    });
    connect(m_conflict, &ConflictPanel::takeTheirsRequested, m_draft, &ClientsFileDraft::takeTheirs);
    connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int line = item->data(Qt::UserRole).toInt();
        if (m_modes->currentWidget() == m_text) {
            m_text->goToLine(line);
        } else {
            m_table->setCurrentIndex(m_model->index(line - 1, ClientsFileTableModel::KeyColumn));
            m_table->setFocus();
        }
    });
    connect(m_reload, &QPushButton::clicked, this, &ClientsFileView::reload);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        if (!MessageBox::confirm(this, tr("Revert"), tr("Drop your changes to factory-clients.conf?"),
                                 tr("Revert")))
            return;
        m_draft->revert();
        onTextReplaced(m_draft->text());
    });
    connect(m_save, &QPushButton::clicked, this, &ClientsFileView::save);
    connect(m_add, &QPushButton::clicked, this, &ClientsFileView::addPeer);
    connect(m_remove, &QPushButton::clicked, this, &ClientsFileView::removeSelectedLines);

    connect(session, &AdminSession::poolChanged, this, [this](const PoolInfo &pool) {
        m_check.setPool(pool);
        m_validate.start();
    });
    connect(session, &AdminSession::devicesChanged, this, [this](const QList<DeviceInfo> &devices) {
        m_check.setDevices(devices);
        m_validate.start();
    });
    connect(session, &AdminSession::clientsEtagChanged, this, &ClientsFileView::onHubEtag);
    connect(session, &AdminSession::refreshFinished, this, &ClientsFileView::loadIfNeeded);
    m_check.setPool(session->snapshot().pool);
    m_check.setDevices(session->snapshot().devices);
    loadIfNeeded();
    updateState();
}

void ClientsFileView::reset()
{
    m_draft->clear();
    m_notice->hide();
    m_pages->setCurrentIndex(0);
}

void ClientsFileView::loadIfNeeded()
{
    if (m_session->hasLoaded() && m_draft->state() == ClientsFileDraft::State::Empty)
        m_draft->load();
}

void ClientsFileView::reload()
{
    if (m_draft->isModified()
        && !MessageBox::confirm(this, tr("Reload"),
                                tr("Reload factory-clients.conf from the hub and drop your changes?"),
                                tr("Reload"))) {
        return;
    }
    m_notice->hide();
    m_draft->load();
}

void ClientsFileView::onHubEtag(const QString &etag)
{
    if (etag.isEmpty() || etag == m_draft->etag() || m_draft->state() != ClientsFileDraft::State::Ready)
        return;
    // Nothing of the admin's to lose: follow the hub. Otherwise say so now rather
    // than at save time.
    if (!m_draft->isModified()) {
        m_draft->load();
        return;
    }
    m_notice->setText(tr("factory-clients.conf changed on the hub since you opened it. Saving will show both "
                         "versions so you can re-apply your edit or take theirs."));
    m_notice->show();
}

void ClientsFileView::onTextReplaced(const QString &text)
{
    m_syncing = true;
    if (m_text->toPlainText() != text)
        m_text->setPlainText(text);
    m_model->setText(text);
    m_syncing = false;
    m_pages->setCurrentIndex(0);
    validateNow();
}

void ClientsFileView::onRawTextChanged()
{
    if (m_syncing)
        return;
    const QString text = m_text->toPlainText();
    m_model->setText(text);
    m_draft->setText(text);
    m_validate.start();
}

void ClientsFileView::onTableEdited(const QString &text)
{
    m_syncing = true;
    m_text->replaceText(text);
    m_syncing = false;
    m_draft->setText(text);
    m_validate.start();
}

void ClientsFileView::updateSpans()
{
    m_table->clearSpans();
    const QStringList &lines = m_model->lines();
    for (int row = 0; row < lines.size(); ++row) {
        if (ClientsFileTableModel::split(lines[row]).kind == ClientsFileTableModel::LineKind::Comment)
            m_table->setSpan(row, ClientsFileTableModel::KeyColumn, 1,
                             ClientsFileTableModel::CommentColumn + 1);
    }
}

void ClientsFileView::validateNow()
{
    m_validate.stop();
    const QString text = m_model->text();
    const Result<ClientsFile> checked = m_check.check(text);
    m_lineProblems = checked ? QList<LineError>() : checked.error().lineErrors;
    m_fileProblem = !checked && m_lineProblems.isEmpty() ? checked.error().message : QString();

    m_model->setProblems(m_lineProblems);
    QSet<int> lines;
    m_problems->clear();
    for (const LineError &problem : std::as_const(m_lineProblems)) {
        lines.insert(problem.line);
        auto *item = new QListWidgetItem(problem.toString(), m_problems);
        item->setData(Qt::UserRole, problem.line);
    }
    m_text->setMarkedLines(lines);
    if (!m_fileProblem.isEmpty())
        m_summary->setText(m_fileProblem);
    else if (m_lineProblems.isEmpty())
        m_summary->setText(
            tr("No problems: %n client peer(s).", nullptr, checked ? int(checked->peers().size()) : 0));
    else
        m_summary->setText(tr("%n problem(s) — fix them to save:", nullptr, int(m_lineProblems.size())));
    m_problems->setVisible(!m_lineProblems.isEmpty());
    updateState();
}

void ClientsFileView::updateState()
{
    using State = ClientsFileDraft::State;
    const State state = m_draft->state();
    const bool ready = state == State::Ready;
    const bool clean = m_lineProblems.isEmpty() && m_fileProblem.isEmpty();
    m_save->setEnabled(ready && m_draft->isModified() && clean);
    m_revert->setEnabled(ready && m_draft->isModified());
    m_reload->setEnabled(state == State::Ready || state == State::Empty);
    m_add->setEnabled(ready);
    m_remove->setEnabled(ready);
    m_table->setEnabled(ready);
    m_text->setReadOnly(!ready);
    switch (state) {
    case State::Empty:
        m_status->setText(tr("Not loaded"));
        break;
    case State::Loading:
        m_status->setText(tr("Loading…"));
        break;
    case State::Saving:
        m_status->setText(tr("Saving…"));
        break;
    case State::Conflict:
        m_status->setText(tr("Changed by someone else"));
        break;
    case State::Ready:
        m_status->setText(m_draft->isModified() ? tr("Unsaved changes") : tr("As on the hub"));
        break;
    }
    if (state != State::Conflict && m_pages->currentWidget() == m_conflict)
        m_pages->setCurrentIndex(0);
}

void ClientsFileView::save()
{
    validateNow();
    if (!m_save->isEnabled())
        return;
    m_draft->save();
}

void ClientsFileView::addPeer()
{
    m_modes->setCurrentWidget(m_table);
    const int row = m_model->rowCount();
    m_model->insertRows(row, 1);
    const QModelIndex cell = m_model->index(row, ClientsFileTableModel::KeyColumn);
    m_table->setCurrentIndex(cell);
    m_table->edit(cell);
}

void ClientsFileView::removeSelectedLines()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedIndexes()) {
        if (!rows.contains(index.row()))
            rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int row : std::as_const(rows))
        m_model->removeRows(row, 1);
}

} // namespace fvpn
