#pragma once

#include "Result.h"
#include "WgDump.h"
#include "WgQuickConfig.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace fvpn {

// One way of bringing the engineer's tunnel up and down on this computer
// (wg-quick through a privileged helper, NetworkManager over D-Bus), and of
// reading its live state for the TunnelMonitor.
class TunnelBackend : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~TunnelBackend() override = default;

    virtual QString name() const = 0; // "wg-quick", "NetworkManager"
    virtual QString interfaceName() const = 0;
    // How privileged operations are done, for the diagnostics report.
    virtual QString describe() const = 0;

    // `config` carries the private key; the backend hands it to the system and
    // keeps no copy. Callbacks run later and never after `context` is gone.
    virtual void up(const WgQuickConfig &config, QObject *context, std::function<void(Result<void>)> done)
        = 0;
    virtual void down(const WgQuickConfig &config, QObject *context, std::function<void(Result<void>)> done)
        = 0;
    // The interface's live state, or nullopt when the interface does not exist.
    virtual void readStatus(QObject *context, std::function<void(Result<std::optional<WgDump>>)> done) = 0;
};

} // namespace fvpn
