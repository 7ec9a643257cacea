#pragma once

#include "ToolRunner.h"
#include "TunnelBackend.h"

namespace fvpn {

// The tunnel through wg-quick(8), run by the privileged helper (ToolRunner).
//
// wg-quick reads its configuration, private key included, from a file. That file
// lives only for the `up` call: it is written 0600 into a 0700 folder of the
// user's runtime directory ($XDG_RUNTIME_DIR, a tmpfs that never reaches a disk)
// and deleted as soon as wg-quick returns, whatever the outcome. `down` needs no
// key and gets a configuration without one.
class WgQuickBackend : public TunnelBackend
{
    Q_OBJECT

public:
    static constexpr auto DefaultInterface = "factoryvpn";

    // An empty runtimeDir means $XDG_RUNTIME_DIR/factory-vpn (or /run/factory-vpn as root).
    explicit WgQuickBackend(ToolRunner runner, QString interfaceName = QString::fromLatin1(DefaultInterface),
                            QString runtimeDir = {}, QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("wg-quick"); }
    QString interfaceName() const override { return m_interface; }
    QString describe() const override;

    void up(const WgQuickConfig &config, QObject *context, std::function<void(Result<void>)> done) override;
    void down(const WgQuickConfig &config, QObject *context, std::function<void(Result<void>)> done) override;
    void readStatus(QObject *context, std::function<void(Result<std::optional<WgDump>>)> done) override;

    // The folder for the short-lived configuration file, created 0700 if needed;
    // refuses one that others can read or that is not ours.
    Result<QString> prepareRuntimeDir() const;
    QString configPath() const; // inside the runtime folder, named after the interface

private:
    void runWgQuick(const QString &verb, const WgQuickConfig &config, bool withKey, QObject *context,
                    std::function<void(Result<void>)> done);

    ToolRunner m_runner;
    QString m_interface;
    QString m_runtimeDir;
};

} // namespace fvpn
