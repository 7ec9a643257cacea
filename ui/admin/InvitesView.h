#pragma once

#include "HubAccess.h"
#include "Result.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace fvpn {

class AdminSession;
class AdminTableView;
class CopyLinkField;
class InvitesModel;
class MessageBar;
class NewInviteForm;
class TextFilterProxy;

// Onboarding engineers without a shell on the hub: the hub's plain enrollment
// link, new invites (their link shown once), and the invites made so far, which
// the admin can revoke. Fetched when first shown, then with every refresh.
class InvitesView : public QWidget
{
    Q_OBJECT

public:
    static constexpr int MaxNoteWidth = 260;

    InvitesView(AdminSession *session, MessageBar *messages, QWidget *parent = nullptr);

    InvitesModel *model() const { return m_model; }
    TextFilterProxy *proxy() const { return m_proxy; }
    AdminTableView *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    CopyLinkField *enrollmentField() const { return m_enrollment; }
    QLabel *fingerprintLabel() const { return m_fingerprint; }
    NewInviteForm *form() const { return m_form; }
    QPushButton *revokeButton() const { return m_revoke; }

    // Fetches the enrollment link and the invites now.
    void reload();
    // Forgets everything shown (another hub); fetches again with the next refresh
    // when on screen, else when next shown.
    void reset();

Q_SIGNALS:
    void invitesLoaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showEnrollment(const EnrollmentInfo &info);
    void createInvite();
    void revokeSelected();
    void updateButtons();
    std::optional<InviteInfo> selectedInvite() const;
    // A failed fetch is worth a message unless the hub is simply unreachable:
    // the session already says so once per refresh.
    void reportFetchError(const Error &error);

    AdminSession *m_session;
    MessageBar *m_messages;
    InvitesModel *m_model;
    TextFilterProxy *m_proxy;
    AdminTableView *m_table;
    QLineEdit *m_filter;
    QLabel *m_summary;
    CopyLinkField *m_enrollment;
    QLabel *m_fingerprint;
    NewInviteForm *m_form;
    QPushButton *m_revoke;
    quint64 m_generation = 0; // bumped by reset(): answers about the previous hub are dropped
    bool m_wanted = false; // shown at least once since the last reset
    bool m_busy = false;
};

} // namespace fvpn
