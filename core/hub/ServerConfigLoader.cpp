#include "ServerConfigLoader.h"

#include "AtomicFile.h"
#include "FactoryConfig.h"
#include "FoundriesApi.h"
#include "HubLog.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fvpn {

ServerConfigLoader::ServerConfigLoader(FoundriesApi *api, QString cachePath, int maxRetrySecs,
                                       QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_cachePath(std::move(cachePath))
    , m_maxRetrySecs(maxRetrySecs)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ServerConfigLoader::fetch);
}

void ServerConfigLoader::start()
{
    fetch();
}

QString ServerConfigLoader::checkUsable(const WireguardServerConfig &config)
{
    if (!config.enabled)
        return u"the factory's wireguard-server config is disabled (enabled=0)"_s;
    if (!config.serverAddress || !config.serverAddress->isIPv4())
        return u"the factory's wireguard-server config has no IPv4 server_address"_s;
    if (!config.endpoint)
        return u"the factory's wireguard-server config has no endpoint (and so no port)"_s;
    return {};
}

void ServerConfigLoader::fetch()
{
    m_api->get(m_api->configPath(), this, [this](Result<QByteArray> answer) {
        if (answer)
            onAnswer(*answer);
        else
            onUnavailable(answer.error().message);
    });
}

void ServerConfigLoader::onAnswer(const QByteArray &json)
{
    const Result<WireguardServerConfig> config = FactoryConfig::serverConfigFromJson(json);
    if (!config) {
        Q_EMIT failed(config.error().message);
        return;
    }
    if (const QString problem = checkUsable(*config); !problem.isEmpty()) {
        Q_EMIT failed(problem);
        return;
    }
    const Result<void> cached = AtomicFile::write(m_cachePath, config->toText().toUtf8(),
                                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                      | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    if (!cached)
        qCWarning(lcHub).noquote() << "cannot cache the factory config:" << cached.error().message;
    Q_EMIT loaded(*config, false);
}

void ServerConfigLoader::onUnavailable(const QString &error)
{
    const Result<QByteArray> cache = AtomicFile::read(m_cachePath, 64 * 1024);
    if (cache) {
        const Result<WireguardServerConfig> config = WireguardServerConfig::parse(QString::fromUtf8(*cache));
        if (config && checkUsable(*config).isEmpty()) {
            qCWarning(lcHub).noquote()
                << u"cannot read the factory config (%1); using the cached copy %2"_s.arg(error, m_cachePath);
            Q_EMIT loaded(*config, true);
            return;
        }
        qCWarning(lcHub).noquote() << "ignoring the unusable cached factory config" << m_cachePath;
    }
    m_retrySecs = m_retrySecs == 0 ? 5 : std::min(m_retrySecs * 2, m_maxRetrySecs);
    m_retrySecs = std::min(m_retrySecs, m_maxRetrySecs);
    m_retry.start(m_retrySecs * 1000);
    Q_EMIT waiting(u"cannot read the factory config: %1 (retrying in %2 s)"_s.arg(error).arg(m_retrySecs));
}

} // namespace fvpn
