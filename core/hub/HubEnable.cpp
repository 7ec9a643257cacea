#include "HubEnable.h"

#include "FactoryConfig.h"
#include "FoundriesApi.h"
#include "HubKeyFile.h"
#include "HubLog.h"

using namespace Qt::StringLiterals;

namespace fvpn {

HubEnable::HubEnable(HubOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_api(new FoundriesApi(m_options.apiUrl, m_options.factory,
                             { m_options.apiToken, m_options.oauthCredsFile }, this))
{ }

void HubEnable::run()
{
    bool created = false;
    const Result<PrivateKey> key = HubKeyFile::loadOrCreate(m_options.privateKeyFile, &created);
    if (!key) {
        Q_EMIT finished(false, key.error().message);
        return;
    }
    if (created)
        qCInfo(lcHub).noquote() << "generated a new private key in" << m_options.privateKeyFile;

    WireguardServerConfig config;
    config.endpoint = m_options.endpoint;
    config.serverAddress = m_options.vpnAddress.address();
    config.publicKey = key->publicKey();
    qCInfo(lcHub).noquote() << u"publishing to factory %1: endpoint %2, address %3, public key %4"_s.arg(
        m_options.factory, m_options.endpoint->toString(), config.serverAddress->toString(),
        config.publicKey->toBase64());
    m_api->patch(
        m_api->configPath(), FactoryConfig::enableBody(config), this, [this](Result<QByteArray> answer) {
            if (!answer) {
                Q_EMIT finished(false, u"unable to configure the factory: %1"_s.arg(answer.error().message));
                return;
            }
            Q_EMIT finished(true, u"factory %1 now points its devices at this hub"_s.arg(m_options.factory));
        });
}

} // namespace fvpn
