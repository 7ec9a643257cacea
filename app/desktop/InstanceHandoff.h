#pragma once

#include "SingleInstance.h"

#include <QObject>
#include <QStringList>

#include <optional>

namespace fvpn {

class EngineerView;
class MainWindow;

// One Factory VPN per user. A second start (the menu again, or a click on an
// enrollment link: the desktop entry runs `factory-vpn %u`) hands its request to
// the running app and ends; the running app brings its window forward and offers
// the link to the engineer's page.
class InstanceHandoff : public QObject
{
    Q_OBJECT

public:
    static constexpr auto Channel = "factory-vpn";

    // "open-link" when the only positional argument is a factory-vpn: link, else "activate".
    static SingleInstance::Request requestFor(const QStringList &arguments);
    // Claims the channel for this start of the app, handing `request` over if another runs. The
    // exit code when this process should end here (another instance took over, or
    // does not answer); nullopt when this one is the app.
    static std::optional<int> claim(SingleInstance *instance, const SingleInstance::Request &request);

    InstanceHandoff(SingleInstance *instance, MainWindow *window, EngineerView *engineer,
                    QObject *parent = nullptr);

    // This process's own request, once the event loop runs (a link from the command line).
    void handleLater(const SingleInstance::Request &request);

    void activate();
    void openLink(const QString &link);

private:
    MainWindow *m_window;
    EngineerView *m_engineer;
};

} // namespace fvpn
