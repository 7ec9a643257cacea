#include "DeviceToDeviceView.h"

#include "AdminFormat.h"
#include "AdminSession.h"
#include "MessageBar.h"
#include "MessageBox.h"

#include <QCheckBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace fvpn {

DeviceToDeviceView::DeviceToDeviceView(AdminSession *session, MessageBar *messages, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_messages(messages)
    , m_toggle(new QCheckBox(tr("Let devices reach each other through the hub"), this))
    , m_state(new QLabel(this))
{
    auto *title = new QLabel(tr("Device-to-device mode"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title->setFont(big);
    auto *explanation = new QLabel(this);
    explanation->setWordWrap(true);
    explanation->setTextFormat(Qt::RichText);
    explanation->setText(tr(
        "<p>When this is on, the hub forwards traffic <b>between devices</b>: a device can open connections "
        "to "
        "another device's VPN address. When it is off, the hub drops such traffic and devices only talk to "
        "the "
        "hub and to engineers.</p>"
        "<p><b>Devices must route the VPN subnet</b> through their tunnel for this to work. A stock device "
        "only "
        "routes the hub's own address (allowed-ips is the hub), so it drops replies from other devices; "
        "turning this on does not change that on the devices.</p>"
        "<p><b>Engineer access is not affected</b> either way: engineers always reach devices, because the "
        "hub "
        "forwards their traffic and answers for them.</p>"
        "<p>The hub applies the change to its firewall at once and atomically; no tunnel is restarted.</p>"));
    m_toggle->setObjectName(QStringLiteral("deviceToDeviceToggle"));
    m_state->setObjectName(QStringLiteral("deviceToDeviceState"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(explanation);
    layout->addSpacing(8);
    layout->addWidget(m_toggle);
    layout->addWidget(m_state);
    layout->addStretch(1);

    // clicked, not toggled: only the admin's own click asks the hub; the state
    // read back from the hub is shown without asking anything.
    connect(m_toggle, &QCheckBox::clicked, this, &DeviceToDeviceView::onToggled);
    connect(session, &AdminSession::settingsChanged, this, &DeviceToDeviceView::showState);
    connect(session, &AdminSession::refreshFinished, this, &DeviceToDeviceView::showState);
    showState();
}

void DeviceToDeviceView::showState()
{
    const bool loaded = m_session->hasLoaded();
    const bool on = m_session->snapshot().settings.deviceToDevice;
    {
        const QSignalBlocker block(m_toggle);
        m_toggle->setChecked(on);
    }
    m_toggle->setEnabled(loaded && !m_busy);
    if (!loaded) {
        m_state->setText(tr("State unknown: not connected to a hub."));
        return;
    }
    m_state->setText(on ? tr("The hub reports: ON — devices can reach each other (as of %1).")
                              .arg(AdminFormat::time(m_session->lastRefresh()))
                        : tr("The hub reports: OFF — devices cannot reach each other (as of %1).")
                              .arg(AdminFormat::time(m_session->lastRefresh())));
}

void DeviceToDeviceView::onToggled(bool wanted)
{
    const QString question = wanted
        ? tr("Turn device-to-device mode ON?\n\nEvery device will be able to open connections to every other "
             "device on the VPN. Only devices that route the VPN subnet will actually get the replies.")
        : tr("Turn device-to-device mode OFF?\n\nConnections between devices will be dropped by the hub. "
             "Engineer access stays as it is.");
    if (!MessageBox::confirm(this, tr("Device-to-device mode"), question,
                             wanted ? tr("Turn on") : tr("Turn off"))) {
        showState();
        return;
    }
    m_busy = true;
    m_toggle->setEnabled(false);
    m_state->setText(tr("Asking the hub…"));
    m_session->setDeviceToDevice(wanted, this, [this, wanted](Result<HubSettings> settings) {
        m_busy = false;
        if (!settings) {
            m_messages->showError(settings.error());
        } else if (settings->deviceToDevice != wanted) {
            m_messages->showMessage(MessageBar::Kind::Warning,
                                    tr("The hub kept device-to-device mode %1.")
                                        .arg(settings->deviceToDevice ? tr("on") : tr("off")));
        } else {
            m_messages->showMessage(MessageBar::Kind::Success,
                                    wanted ? tr("Device-to-device mode is on.")
                                           : tr("Device-to-device mode is off."));
        }
        showState();
    });
}

} // namespace fvpn
