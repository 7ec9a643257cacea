#pragma once

#include "TestKeys.h"
#include "TunnelBackend.h"

#include <QDateTime>

// A stand-in for wg-quick in widget tests: `up` records the configuration's key
// and makes the interface "exist" with a fresh handshake with the hub. The real
// backend is tested over real tunnels in tests/client/tst_engineerlab.
namespace fvpn::test {

class FakeTunnelBackend : public TunnelBackend
{
public:
    using TunnelBackend::TunnelBackend;

    QString name() const override { return QStringLiteral("fake"); }
    QString interfaceName() const override { return QStringLiteral("fake0"); }
    QString describe() const override { return QStringLiteral("a fake backend for widget tests"); }

    void up(const WgQuickConfig &config, QObject *context, std::function<void(Result<void>)> done) override
    {
        ++ups;
        upKey = config.privateKey.isNull() ? PublicKey() : config.privateKey.publicKey();
        hubKey = config.peers.value(0).publicKey;
        isUp = !failUp;
        QMetaObject::invokeMethod(
            context,
            [done, fail = failUp]() {
                if (fail)
                    done(makeError(ErrorCode::IoError,
                                   QStringLiteral("wg-quick up fake0 failed: told to fail")));
                else
                    done({});
            },
            Qt::QueuedConnection);
    }

    void down(const WgQuickConfig &config, QObject *context, std::function<void(Result<void>)> done) override
    {
        ++downs;
        downHadKey = !config.privateKey.isNull();
        isUp = false;
        QMetaObject::invokeMethod(
            context, [done]() { done({}); }, Qt::QueuedConnection);
    }

    void readStatus(QObject *context, std::function<void(Result<std::optional<WgDump>>)> done) override
    {
        std::optional<WgDump> dump;
        if (isUp) {
            WgDump live;
            live.publicKey = upKey;
            WgDumpPeer hub;
            hub.publicKey = hubKey;
            hub.endpoint = Endpoint::parse(u"192.0.2.1:5555").value();
            hub.latestHandshake = QDateTime::currentSecsSinceEpoch() - handshakeAge;
            hub.rxBytes = 2048;
            hub.txBytes = 1024;
            live.peers.append(hub);
            dump = live;
        }
        QMetaObject::invokeMethod(
            context, [done, dump]() { done(dump); }, Qt::QueuedConnection);
    }

    int ups = 0;
    int downs = 0;
    bool isUp = false;
    bool failUp = false;
    bool downHadKey = false;
    qint64 handshakeAge = 3;
    PublicKey upKey;
    PublicKey hubKey;
};

} // namespace fvpn::test
