#pragma once

#include <QHash>
#include <QString>

namespace fvpn {

// A token bucket per key (the client's address): `burst` requests at once, then
// one every `refillMs`. Memory stays bounded: full buckets are forgotten when the
// table grows past maxKeys, and if every bucket is busy the oldest are dropped.
class RateLimiter
{
public:
    RateLimiter(int burst, qint64 refillMs, int maxKeys = 10000);

    // 0 when the request may go ahead (and a token was taken); otherwise the
    // seconds to wait (for Retry-After), at least 1.
    int take(const QString &key, qint64 nowMs);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };

    void refill(Bucket &bucket, qint64 nowMs) const;
    void prune(qint64 nowMs);

    int m_burst;
    qint64 m_refillMs;
    int m_maxKeys;
    QHash<QString, Bucket> m_buckets;
};

} // namespace fvpn
