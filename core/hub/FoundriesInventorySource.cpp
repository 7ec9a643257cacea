#include "FoundriesInventorySource.h"

#include "FoundriesApi.h"
#include "HubLog.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fvpn {

FoundriesInventorySource::FoundriesInventorySource(FoundriesApi *api, int intervalSecs, QObject *parent)
    : InventorySource(parent)
    , m_api(api)
    , m_intervalSecs(intervalSecs)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &FoundriesInventorySource::refresh);
}

QString FoundriesInventorySource::description() const
{
    return u"api"_s;
}

void FoundriesInventorySource::start()
{
    refresh();
}

void FoundriesInventorySource::refresh()
{
    if (m_inFlight)
        return;
    m_inFlight = true;
    m_retry.stop();
    m_api->get(m_api->wireguardIpsPath(), this, [this](Result<QByteArray> answer) {
        m_inFlight = false;
        if (answer)
            onAnswer(*answer);
        else
            onFailure(answer.error().message);
    });
}

void FoundriesInventorySource::onAnswer(const QByteArray &json)
{
    if (m_backoffSecs != 0)
        qCInfo(lcHub) << "Foundries API reachable again";
    m_backoffSecs = 0;
    Q_EMIT inventoryFetched(json);
}

void FoundriesInventorySource::onFailure(const QString &error)
{
    m_backoffSecs = m_backoffSecs == 0 ? FirstRetrySecs : std::min(m_backoffSecs * 2, m_intervalSecs);
    m_backoffSecs = std::min(m_backoffSecs, m_intervalSecs);
    m_retry.start(m_backoffSecs * 1000);
    Q_EMIT fetchFailed(u"%1 (retrying in %2 s)"_s.arg(error).arg(m_backoffSecs));
}

} // namespace fvpn
