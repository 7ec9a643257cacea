#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace fvpn {

// Runs the system tools the hub drives (wg, ip, nft, wireguard-go) and turns their
// failures into readable errors. Synchronous with a timeout: each call is short and
// the hub has nothing better to do meanwhile than wait for its own change to land.
class CommandRunner
{
public:
    enum class Tool
    {
        Wg,
        Ip,
        Nft,
        WireguardGo
    };

    // The program to run: FVPN_WG, FVPN_IP, FVPN_NFT or FVPN_WIREGUARD_GO when set
    // (tests substitute fakes), else the tool's name looked up in PATH.
    static QString program(Tool tool);

    // stdout on exit code 0. `input` goes to stdin and is never part of an error or
    // log message (it may hold the private key). Errors quote the command (first few
    // arguments only) and the tool's stderr.
    static Result<QByteArray> run(Tool tool, const QStringList &arguments, QByteArrayView input = {},
                                  int timeoutMs = DefaultTimeoutMs);
    static Result<QByteArray> run(const QString &program, const QStringList &arguments,
                                  QByteArrayView input = {}, int timeoutMs = DefaultTimeoutMs);

    static constexpr int DefaultTimeoutMs = 20000;
};

} // namespace fvpn
