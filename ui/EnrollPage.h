#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace fvpn {

class EngineerSession;
class JourneySteps;

// The first page: the hub address or enrollment link, the name, the computer as
// it will be described to the admin, Generate key (saying first what the
// keychain is going to ask and why) and Register, with the steps ahead below.
// While the app checks the hub the fields stay readable (read-only, not greyed
// out) and nothing moves.
class EnrollPage : public QWidget
{
    Q_OBJECT

public:
    explicit EnrollPage(EngineerSession *session, QWidget *parent = nullptr);

    QString linkText() const;
    QString nameText() const;
    // An enrollment link handed over from outside.
    void takeLink(const QString &link);
    void refresh();

Q_SIGNALS:
    void generateRequested();
    void registerRequested();

private:
    EngineerSession *m_session;
    QLineEdit *m_link;
    QLineEdit *m_name;
    QLabel *m_computer;
    QLabel *m_key;
    QLabel *m_keyHint;
    QPushButton *m_generate;
    QPushButton *m_register;
    QCheckBox *m_connectWhenApproved;
    JourneySteps *m_steps;
};

} // namespace fvpn
