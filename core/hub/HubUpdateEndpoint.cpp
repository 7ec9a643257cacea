#include "HubUpdateEndpoint.h"

#include "FactoryConfig.h"
#include "FoundriesApi.h"
#include "HubKeyFile.h"
#include "HubLog.h"

using namespace Qt::StringLiterals;

namespace fvpn {

HubUpdateEndpoint::HubUpdateEndpoint(HubOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_api(new FoundriesApi(m_options.apiUrl, m_options.factory,
                             { m_options.apiToken, m_options.oauthCredsFile }, this))
{ }

void HubUpdateEndpoint::run()
{
    // Never created here: a new key would not match the one the factory publishes.
    const Result<PrivateKey> key = HubKeyFile::load(m_options.privateKeyFile);
    if (!key) {
        Q_EMIT finished(false, key.error().message);
        return;
    }
    m_api->get(m_api->configPath(), this, [this, hubKey = key->publicKey()](Result<QByteArray> answer) {
        if (!answer) {
            Q_EMIT finished(false, u"unable to read the factory config: %1"_s.arg(answer.error().message));
            return;
        }
        publish(hubKey, *answer);
    });
}

void HubUpdateEndpoint::publish(const PublicKey &hubKey, const QByteArray &configAnswer)
{
    const Result<QString> file = FactoryConfig::serverFileFromJson(configAnswer);
    if (!file) {
        Q_EMIT finished(false,
                        file.error().code == ErrorCode::NotFound
                            ? u"the factory has no wireguard-server config yet: run 'enable' first"_s
                            : file.error().message);
        return;
    }
    const Result<WireguardServerConfig> current = FactoryConfig::parseServerFile(*file);
    if (!current) {
        Q_EMIT finished(false, current.error().message);
        return;
    }
    if (!current->publicKey) {
        Q_EMIT finished(false,
                        u"the factory's wireguard-server config publishes no pubkey: run 'enable' to publish "
                        u"this hub's key and endpoint"_s);
        return;
    }
    if (*current->publicKey != hubKey) {
        Q_EMIT finished(false,
                        u"the factory publishes the hub public key %1, but the key in %2 has the public key "
                        u"%3: devices would be pointed at a hub they cannot talk to. Run this on the hub "
                        u"whose key is published, or run 'enable' to publish this hub's key"_s.arg(
                            current->publicKey->toBase64(), m_options.privateKeyFile, hubKey.toBase64()));
        return;
    }

    Endpoint wanted = *m_options.endpoint;
    if (!m_options.endpointPortGiven && !m_options.portGiven) {
        const quint16 port = current->endpoint ? current->endpoint->port() : DefaultPort;
        wanted = Endpoint::make(wanted.host(), port).value();
    }
    const QString before = current->endpoint ? current->endpoint->toString() : u"(none)"_s;
    if (current->endpoint == wanted) {
        Q_EMIT finished(
            true,
            u"factory %1 already publishes endpoint %2: nothing to change"_s.arg(m_options.factory, before));
        return;
    }
    const QString change = u"endpoint %1 -> %2"_s.arg(before, wanted.toString());
    qCInfo(lcHub).noquote() << u"publishing to factory %1: %2"_s.arg(m_options.factory, change);
    m_api->patch(m_api->configPath(),
                 FactoryConfig::updateEndpointBody(FactoryConfig::withEndpoint(*file, wanted)), this,
                 [this, change](Result<QByteArray> answer) {
                     if (!answer) {
                         Q_EMIT finished(
                             false, u"unable to update the factory config: %1"_s.arg(answer.error().message));
                         return;
                     }
                     Q_EMIT finished(true, u"factory %1: %2"_s.arg(m_options.factory, change));
                 });
}

} // namespace fvpn
