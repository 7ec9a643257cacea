#pragma once

#include <QWidget>

class QLabel;

namespace fvpn {

class EngineerSession;

// "What happens next": the engineer's five steps from the link to the devices,
// each marked done, current or still to come, so a first-time user knows where
// they are and what the app will ask of them before it does.
class JourneySteps : public QWidget
{
    Q_OBJECT

public:
    enum Step
    {
        PasteLink,
        GenerateKey,
        Register,
        Approval,
        Connect,
        StepCount
    };

    explicit JourneySteps(EngineerSession *session, QWidget *parent = nullptr);

    // The first step not done yet (StepCount when all are).
    Step current() const { return m_current; }
    void refresh();

private:
    EngineerSession *m_session;
    QLabel *m_markers[StepCount];
    QLabel *m_texts[StepCount];
    Step m_current = PasteLink;
};

} // namespace fvpn
