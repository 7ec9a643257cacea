#include "JourneySteps.h"

#include "EngineerSession.h"

#include <QGridLayout>
#include <QLabel>

namespace fvpn {

JourneySteps::JourneySteps(EngineerSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("journeySteps"));
    const QString texts[StepCount] = {
        tr("Paste the link (or the hub's address) your administrator sent you."),
        tr("Generate your key. The private half stays in this computer's keychain; your desktop may ask "
           "you for a keyring password to protect it."),
        tr("Register. The hub receives your name, this computer's name and OS, and your public key."),
        tr("Wait for an administrator to approve you. You can close this window: Factory VPN stays in the "
           "tray and tells you when you are approved."),
        tr("Connect, and reach the factory's devices by their addresses."),
    };
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(6);
    grid->setColumnStretch(1, 1);
    for (int step = 0; step < StepCount; ++step) {
        m_markers[step] = new QLabel(this);
        m_markers[step]->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        m_markers[step]->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("✓ 5")) + 8);
        m_texts[step] = new QLabel(texts[step], this);
        m_texts[step]->setWordWrap(true);
        m_texts[step]->setObjectName(QStringLiteral("step%1").arg(step + 1));
        grid->addWidget(m_markers[step], step, 0);
        grid->addWidget(m_texts[step], step, 1);
    }
    refresh();
}

void JourneySteps::refresh()
{
    const ClientProfile &profile = m_session->profile();
    const bool done[StepCount] = {
        profile.hubUrl.isValid(),
        !profile.publicKey.isNull(),
        profile.lastStatus.has_value()
            && (profile.lastStatus->state == RegistrationState::Pending
                || profile.lastStatus->state == RegistrationState::Approved),
        profile.isApproved(),
        m_session->state() == AppState::Connected || m_session->state() == AppState::Stale,
    };
    m_current = StepCount;
    for (int step = 0; step < StepCount; ++step) {
        if (!done[step]) {
            m_current = Step(step);
            break;
        }
    }
    for (int step = 0; step < StepCount; ++step) {
        const bool isDone = step < m_current;
        const bool isCurrent = step == m_current;
        m_markers[step]->setText(isDone ? QStringLiteral("✓") : QString::number(step + 1));
        // Green check for done, bold for the step the person is on, grey for later ones.
        const QString colour
            = isDone ? QStringLiteral("#1b6632") : (isCurrent ? QString() : QStringLiteral("#7a7a7a"));
        const QString weight = isCurrent ? QStringLiteral("font-weight: bold;") : QString();
        const QString style = colour.isEmpty() ? weight : QStringLiteral("color: %1; %2").arg(colour, weight);
        m_markers[step]->setStyleSheet(style);
        m_texts[step]->setStyleSheet(style);
    }
}

} // namespace fvpn
