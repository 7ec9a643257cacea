#pragma once

#include "InventorySource.h"

#include <QTimer>

namespace fvpn {

class FoundriesApi;

// GET /ota/factories/{f}/wireguard-ips/. After a failure it retries sooner than the
// sync interval, backing off from 5 s (doubling) up to the interval.
class FoundriesInventorySource : public InventorySource
{
    Q_OBJECT

public:
    FoundriesInventorySource(FoundriesApi *api, int intervalSecs, QObject *parent = nullptr);

    QString description() const override;
    void start() override;
    void refresh() override;

    int nextRetrySecs() const { return m_backoffSecs; }

    static constexpr int FirstRetrySecs = 5;

private:
    void onAnswer(const QByteArray &json);
    void onFailure(const QString &error);

    FoundriesApi *m_api;
    int m_intervalSecs;
    int m_backoffSecs = 0; // 0 while the last fetch succeeded
    bool m_inFlight = false;
    QTimer m_retry;
};

} // namespace fvpn
