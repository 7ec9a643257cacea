#include "NewInviteForm.h"

#include "CopyLinkField.h"
#include "TextRules.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fvpn {

NewInviteForm::NewInviteForm(QWidget *parent)
    : QGroupBox(tr("New invite"), parent)
    , m_uses(new QSpinBox(this))
    , m_validFor(new QSpinBox(this))
    , m_preApproved(new QCheckBox(tr("Approve registrations at once"), this))
    , m_warning(new QLabel(this))
    , m_note(new QLineEdit(this))
    , m_create(new QPushButton(tr("Create invite"), this))
    , m_created(new QWidget(this))
    , m_createdLabel(new QLabel(m_created))
    , m_createdField(new CopyLinkField(m_created))
{
    m_uses->setObjectName(QStringLiteral("inviteUses"));
    m_uses->setRange(1, NewInviteSpec::MaxUses);
    m_uses->setToolTip(tr("How many engineers can register with this invite"));
    m_validFor->setObjectName(QStringLiteral("inviteValidFor"));
    m_validFor->setRange(0, NewInviteSpec::MaxValidForHours);
    m_validFor->setSuffix(tr(" hours"));
    m_validFor->setSpecialValueText(tr("never expires"));
    m_validFor->setToolTip(tr("0 hours: the invite never expires"));
    m_preApproved->setObjectName(QStringLiteral("invitePreApproved"));
    m_warning->setObjectName(QStringLiteral("preApprovedWarning"));
    m_warning->setText(tr("Anyone who has this link joins the VPN without an admin looking at the "
                          "request, until the invite is used up, expires or is revoked."));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #a41e16;"));
    m_note->setObjectName(QStringLiteral("inviteNote"));
    m_note->setMaxLength(MaxNoteLength);
    m_note->setPlaceholderText(tr("For whom or why, e.g. night shift (optional)"));
    m_create->setObjectName(QStringLiteral("createInviteButton"));
    m_createdLabel->setWordWrap(true);
    m_createdField->setObjectName(QStringLiteral("createdInviteLink"));

    auto *createdLayout = new QVBoxLayout(m_created);
    createdLayout->setContentsMargins(0, 0, 0, 0);
    createdLayout->addWidget(m_createdLabel);
    createdLayout->addWidget(m_createdField);
    auto *createRow = new QHBoxLayout;
    createRow->addStretch(1);
    createRow->addWidget(m_create);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Uses:"), m_uses);
    form->addRow(tr("Valid for:"), m_validFor);
    form->addRow(QString(), m_preApproved);
    form->addRow(QString(), m_warning);
    form->addRow(tr("Note:"), m_note);
    form->addRow(createRow);
    form->addRow(m_created);

    connect(m_preApproved, &QCheckBox::toggled, m_warning, &QLabel::setVisible);
    connect(m_create, &QPushButton::clicked, this, &NewInviteForm::createRequested);
    connect(m_note, &QLineEdit::returnPressed, this, &NewInviteForm::createRequested);
    connect(m_createdField, &CopyLinkField::copied, this, &NewInviteForm::linkCopied);
    reset();
}

Result<NewInviteSpec> NewInviteForm::spec() const
{
    Result<QString> note = TextRules::checkComment(m_note->text().trimmed(), MaxNoteLength);
    if (!note)
        return makeError(ErrorCode::InvalidInput, tr("Note: %1").arg(note.error().message));
    NewInviteSpec s;
    s.note = *note;
    s.maxUses = m_uses->value();
    s.validForHours = m_validFor->value();
    s.preApproved = m_preApproved->isChecked();
    return s;
}

void NewInviteForm::setBusy(bool busy)
{
    m_create->setEnabled(!busy);
}

void NewInviteForm::showCreated(const CreatedInvite &created)
{
    const bool link = !created.link.isEmpty();
    m_createdLabel->setText(link ? tr("The new invite's link. Copy it now: it will not be shown again.")
                                 : tr("The hub has no public URL for a link, so here is the invite code. "
                                      "Copy it now: it will not be shown again."));
    m_createdField->setText(link ? created.link : created.code);
    m_created->show();
    m_note->clear();
    // The next invite needs approval again unless the admin asks otherwise once more.
    m_preApproved->setChecked(false);
}

void NewInviteForm::reset()
{
    const NewInviteSpec defaults;
    m_uses->setValue(defaults.maxUses);
    m_validFor->setValue(defaults.validForHours);
    m_preApproved->setChecked(defaults.preApproved);
    m_warning->setVisible(defaults.preApproved);
    m_note->clear();
    m_createdField->setText({});
    m_created->hide();
    setBusy(false);
}

} // namespace fvpn
