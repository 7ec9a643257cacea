#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class QLabel;

namespace fvpn {

class AdminSession;
class AdminTableView;
class AuditFilterProxy;
class AuditModel;

// Who did what, when: filter by actor, action and period, load older pages.
class AuditView : public QWidget
{
    Q_OBJECT

public:
    explicit AuditView(AdminSession *session, QWidget *parent = nullptr);

    AuditModel *model() const { return m_model; }
    AuditFilterProxy *proxy() const { return m_proxy; }
    AdminTableView *table() const { return m_table; }
    QLineEdit *actorEdit() const { return m_actor; }
    QComboBox *actionBox() const { return m_action; }
    QComboBox *periodBox() const { return m_period; }
    QPushButton *olderButton() const { return m_older; }

private:
    void applyPeriod();
    void updateActions();

    AdminSession *m_session;
    AuditModel *m_model;
    AuditFilterProxy *m_proxy;
    AdminTableView *m_table;
    QLineEdit *m_text;
    QLineEdit *m_actor;
    QComboBox *m_action;
    QComboBox *m_period;
    QPushButton *m_older;
    QLabel *m_count;
};

} // namespace fvpn
