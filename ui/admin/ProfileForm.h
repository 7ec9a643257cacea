#pragma once

#include "AdminProfile.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace fvpn {

// Adds or edits a hub: name, admin URL, token (goes to the keychain), optional
// certificate pin. Checks what was typed before anything is stored.
class ProfileForm : public QWidget
{
    Q_OBJECT

public:
    explicit ProfileForm(QWidget *parent = nullptr);

    // Fills the form for editing `profile` (the token field stays empty: an
    // empty token keeps the stored one).
    void edit(const AdminProfile &profile);
    void clear();
    void setCancelVisible(bool visible);
    void showProblem(const QString &text);

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLineEdit *pinEdit() const { return m_pin; }
    QPushButton *saveButton() const { return m_save; }

Q_SIGNALS:
    // `token` is empty when editing and the admin left it as it was.
    void accepted(const fvpn::AdminProfile &profile, const QString &token);
    void cancelled();

private:
    void submit();

    QString m_id;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QLineEdit *m_pin;
    QLabel *m_problem;
    QPushButton *m_save;
    QPushButton *m_cancel;
};

} // namespace fvpn
