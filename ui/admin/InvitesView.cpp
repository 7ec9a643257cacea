#include "InvitesView.h"

#include "AdminClient.h"
#include "AdminSession.h"
#include "AdminTableView.h"
#include "CopyLinkField.h"
#include "InvitesModel.h"
#include "MessageBar.h"
#include "MessageBox.h"
#include "NewInviteForm.h"
#include "TextFilterProxy.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace fvpn {

InvitesView::InvitesView(AdminSession *session, MessageBar *messages, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_messages(messages)
    , m_model(new InvitesModel(this))
    , m_proxy(new TextFilterProxy(this))
    , m_table(new AdminTableView(this))
    , m_filter(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_enrollment(new CopyLinkField(this))
    , m_fingerprint(new QLabel(this))
    , m_form(new NewInviteForm(this))
    , m_revoke(new QPushButton(tr("Revoke…"), this))
{
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->sortByColumn(InvitesModel::CreatedAtColumn, Qt::DescendingOrder);
    m_filter->setPlaceholderText(tr("Filter by note, state or creator"));
    m_filter->setClearButtonEnabled(true);
    m_enrollment->setObjectName(QStringLiteral("enrollmentLink"));
    m_fingerprint->setObjectName(QStringLiteral("enrollmentFingerprint"));
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->setWordWrap(true);
    m_revoke->setObjectName(QStringLiteral("revokeInviteButton"));

    auto *enrollmentBox = new QGroupBox(tr("Enrollment link"), this);
    auto *enrollmentLayout = new QVBoxLayout(enrollmentBox);
    auto *explanation = new QLabel(tr("Engineers paste this link into the app's first-run screen; their "
                                      "registration then waits for an admin's approval."),
                                   enrollmentBox);
    explanation->setWordWrap(true);
    enrollmentLayout->addWidget(explanation);
    enrollmentLayout->addWidget(m_enrollment);
    enrollmentLayout->addWidget(m_fingerprint);

    auto *listBox = new QGroupBox(tr("Invites"), this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_summary);
    auto *bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(m_revoke);
    auto *listLayout = new QVBoxLayout(listBox);
    listLayout->addLayout(top);
    listLayout->addWidget(m_table, 1);
    listLayout->addLayout(bottom);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_form);
    rightLayout->addStretch(1);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(listBox);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(enrollmentBox);
    layout->addWidget(splitter, 1);

    auto copied = [this] {
        m_messages->showMessage(MessageBar::Kind::Success, tr("The link is on the clipboard."));
    };
    connect(m_enrollment, &CopyLinkField::copied, this, copied);
    connect(m_form, &NewInviteForm::linkCopied, this, copied);
    connect(m_form, &NewInviteForm::createRequested, this, &InvitesView::createInvite);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &TextFilterProxy::setFilterText);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InvitesView::updateButtons);
    // The state of the selected row can change under the selection (a refresh).
    connect(m_model, &QAbstractItemModel::dataChanged, this, &InvitesView::updateButtons);
    connect(m_revoke, &QPushButton::clicked, this, &InvitesView::revokeSelected);
    // The admin view's Refresh (and the periodic one) refresh the session.
    connect(session, &AdminSession::refreshStarted, this, [this] {
        if (m_wanted)
            reload();
    });
    reset();
}

void InvitesView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_wanted) {
        m_wanted = true;
        reload();
    }
}

void InvitesView::reset()
{
    ++m_generation;
    // A page on screen fetches again with the refresh that connecting starts.
    m_wanted = isVisible();
    m_busy = false;
    m_model->setRows({});
    m_summary->clear();
    showEnrollment({});
    m_form->reset();
    updateButtons();
}

void InvitesView::reload()
{
    AdminClient *client = m_session->client();
    if (client->hubUrl().isEmpty())
        return;
    client->enrollment(this, [this, generation = m_generation](Result<EnrollmentInfo> info) {
        if (generation != m_generation)
            return;
        if (!info) {
            reportFetchError(info.error());
            return;
        }
        showEnrollment(*info);
    });
    client->invites(this, [this, generation = m_generation](Result<QList<InviteInfo>> invites) {
        if (generation != m_generation)
            return;
        if (!invites) {
            reportFetchError(invites.error());
            return;
        }
        const bool wasEmpty = m_model->rowCount() == 0;
        m_model->setRows(*invites);
        // Sized to what they show (translations differ a lot) once, so later
        // refreshes keep the admin's own widths; a long note does not take it all.
        if (wasEmpty && m_model->rowCount() > 0) {
            m_table->resizeColumnsToContents();
            m_table->setColumnWidth(InvitesModel::NoteColumn,
                                    qMin(m_table->columnWidth(InvitesModel::NoteColumn), MaxNoteWidth));
        }
        m_summary->setText(tr("%n invite(s)", nullptr, m_model->rowCount()));
        updateButtons();
        Q_EMIT invitesLoaded();
    });
}

void InvitesView::reportFetchError(const Error &error)
{
    if (error.code != ErrorCode::Unavailable)
        m_messages->showError(error);
}

void InvitesView::showEnrollment(const EnrollmentInfo &info)
{
    m_enrollment->setText(info.link);
    m_enrollment->setPlaceholderText(info.url.isEmpty() || !info.link.isEmpty()
                                         ? QString()
                                         : tr("The hub has no public URL, so it cannot make a link"));
    if (info.url.isEmpty())
        m_fingerprint->clear();
    else if (info.fingerprint.isEmpty())
        m_fingerprint->setText(tr("The hub serves plain HTTP: the link pins no certificate."));
    else
        m_fingerprint->setText(tr("The link pins the hub's certificate: %1").arg(info.fingerprint));
}

std::optional<InviteInfo> InvitesView::selectedInvite() const
{
    const QModelIndexList rows = m_table->selectedSourceRows();
    if (rows.size() != 1)
        return std::nullopt;
    return m_model->rowAt(rows.constFirst().row());
}

void InvitesView::updateButtons()
{
    const std::optional<InviteInfo> invite = selectedInvite();
    m_revoke->setEnabled(invite && invite->state == InviteState::Usable && !m_busy);
    m_form->setBusy(m_busy);
}

void InvitesView::createInvite()
{
    if (m_busy)
        return;
    const Result<NewInviteSpec> spec = m_form->spec();
    if (!spec) {
        m_messages->showError(spec.error());
        return;
    }
    m_busy = true;
    updateButtons();
    m_session->client()->createInvite(
        *spec, this, [this, generation = m_generation](Result<CreatedInvite> created) {
            if (generation != m_generation)
                return;
            m_busy = false;
            updateButtons();
            if (!created) {
                m_messages->showError(created.error());
                return;
            }
            m_form->showCreated(*created);
            m_messages->showMessage(MessageBar::Kind::Success, tr("Created the invite."));
            reload();
        });
}

void InvitesView::revokeSelected()
{
    const std::optional<InviteInfo> invite = selectedInvite();
    if (!invite || m_busy)
        return;
    const QString name = invite->note.isEmpty() ? tr("the invite %1").arg(invite->id)
                                                : tr("the invite “%1”").arg(invite->note);
    const QString question = tr("Revoke %1?\n\nIts link stops working at once. Engineers who already "
                                "registered with it keep their access.")
                                 .arg(name);
    if (!MessageBox::confirm(this, tr("Revoke invite"), question, tr("Revoke")))
        return;
    m_busy = true;
    updateButtons();
    m_session->client()->revokeInvite(
        invite->id, this, [this, name, generation = m_generation](Result<InviteInfo> revoked) {
            if (generation != m_generation)
                return;
            m_busy = false;
            updateButtons();
            if (!revoked)
                m_messages->showError(revoked.error());
            else
                m_messages->showMessage(MessageBar::Kind::Success, tr("Revoked %1.").arg(name));
            // Either way the list shows what the hub has now (someone else may have revoked it).
            reload();
        });
}

} // namespace fvpn
