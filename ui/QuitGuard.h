#pragma once

#include <QObject>

class QWidget;

namespace fvpn {

class EngineerSession;

// Quitting: nothing to ask while no tunnel is up. With a tunnel up, the user
// chooses: disconnect and quit, quit and leave the tunnel up (wg-quick keeps
// it), or stay.
class QuitGuard : public QObject
{
    Q_OBJECT

public:
    QuitGuard(EngineerSession *session, QWidget *dialogParent, QObject *parent = nullptr);

    void requestQuit();

Q_SIGNALS:
    void quitNow();

private:
    EngineerSession *m_session;
    QWidget *m_dialogParent;
};

} // namespace fvpn
