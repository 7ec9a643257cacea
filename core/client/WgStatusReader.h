#pragma once

#include "Result.h"
#include "ToolRunner.h"
#include "WgDump.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace fvpn {

// Reads a WireGuard interface's live state with `wg show <if> dump`, run the way
// the ToolRunner runs tools (the pkexec status helper for a normal user). Shared
// by the backends: whoever created the interface (wg-quick or NetworkManager),
// the kernel (or wireguard-go) holds the handshakes and counters, and `wg` is
// the one tool that reads them.
class WgStatusReader
{
public:
    WgStatusReader(ToolRunner runner, QString interfaceName);

    const ToolRunner &runner() const { return m_runner; }

    // nullopt when the interface does not exist.
    void read(QObject *context, std::function<void(Result<std::optional<WgDump>>)> done) const;

private:
    ToolRunner m_runner;
    QString m_interface;
};

} // namespace fvpn
