#include "RateLimiter.h"

#include <algorithm>
#include <cmath>

namespace fvpn {

RateLimiter::RateLimiter(int burst, qint64 refillMs, int maxKeys)
    : m_burst(std::max(1, burst))
    , m_refillMs(std::max<qint64>(1, refillMs))
    , m_maxKeys(std::max(1, maxKeys))
{ }

void RateLimiter::refill(Bucket &bucket, qint64 nowMs) const
{
    if (nowMs > bucket.updatedMs) {
        bucket.tokens = std::min<double>(
            m_burst, bucket.tokens + double(nowMs - bucket.updatedMs) / double(m_refillMs));
        bucket.updatedMs = nowMs;
    }
}

void RateLimiter::prune(qint64 nowMs)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        refill(it.value(), nowMs);
        if (it->tokens >= m_burst)
            it = m_buckets.erase(decltype(m_buckets)::const_iterator(it));
        else
            ++it;
    }
    // Still full: everyone is busy (a flood from many addresses). Forget the
    // buckets touched longest ago rather than grow without bound.
    while (m_buckets.size() >= m_maxKeys) {
        const auto oldest
            = std::min_element(m_buckets.cbegin(), m_buckets.cend(),
                               [](const Bucket &a, const Bucket &b) { return a.updatedMs < b.updatedMs; });
        m_buckets.erase(oldest);
    }
}

int RateLimiter::take(const QString &key, qint64 nowMs)
{
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_maxKeys)
            prune(nowMs);
        it = m_buckets.insert(key, Bucket { double(m_burst), nowMs });
    }
    refill(it.value(), nowMs);
    if (it->tokens >= 1.0) {
        it->tokens -= 1.0;
        return 0;
    }
    const double waitMs = (1.0 - it->tokens) * double(m_refillMs);
    return std::max(1, int(std::ceil(waitMs / 1000.0)));
}

} // namespace fvpn
