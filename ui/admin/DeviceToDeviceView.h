#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;

namespace fvpn {

class AdminSession;
class MessageBar;

// The device-to-device switch: what it does, a confirmation, and the state as
// the hub reports it (never the state the admin merely asked for).
class DeviceToDeviceView : public QWidget
{
    Q_OBJECT

public:
    DeviceToDeviceView(AdminSession *session, MessageBar *messages, QWidget *parent = nullptr);

    QCheckBox *toggle() const { return m_toggle; }
    QLabel *stateLabel() const { return m_state; }

private:
    void onToggled(bool wanted);
    void showState();

    AdminSession *m_session;
    MessageBar *m_messages;
    QCheckBox *m_toggle;
    QLabel *m_state;
    bool m_busy = false;
};

} // namespace fvpn
