#pragma once

#include "HubAccess.h"
#include "Result.h"

#include <QGroupBox>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace fvpn {

class CopyLinkField;

// What a new invite allows (uses, lifetime, approval, a note) and, once the
// hub made it, its link: shown this once, since the hub keeps only a hash.
class NewInviteForm : public QGroupBox
{
    Q_OBJECT

public:
    static constexpr int MaxNoteLength = 300;

    explicit NewInviteForm(QWidget *parent = nullptr);

    // What the fields say, or why the note cannot be sent.
    Result<NewInviteSpec> spec() const;
    void setBusy(bool busy);
    // Shows the new invite's link (its code when the hub has no public URL).
    void showCreated(const CreatedInvite &created);
    // Back to the defaults, no link shown (another hub).
    void reset();

    QSpinBox *usesBox() const { return m_uses; }
    QSpinBox *validForBox() const { return m_validFor; }
    QCheckBox *preApprovedBox() const { return m_preApproved; }
    QLabel *preApprovedWarning() const { return m_warning; }
    QLineEdit *noteEdit() const { return m_note; }
    QPushButton *createButton() const { return m_create; }
    CopyLinkField *createdField() const { return m_createdField; }
    QWidget *createdPanel() const { return m_created; }

Q_SIGNALS:
    void createRequested(); // check spec() before sending
    void linkCopied();

private:
    QSpinBox *m_uses;
    QSpinBox *m_validFor;
    QCheckBox *m_preApproved;
    QLabel *m_warning;
    QLineEdit *m_note;
    QPushButton *m_create;
    QWidget *m_created;
    QLabel *m_createdLabel;
    CopyLinkField *m_createdField;
};

} // namespace fvpn
