#include "ConnectionBudget.h"

namespace fvpn {

void ConnectionBudget::Class::add(const QString &source)
{
    ++total;
    ++perSource[source];
}

void ConnectionBudget::Class::remove(const QString &source)
{
    --total;
    auto it = perSource.find(source);
    if (it != perSource.end() && --it.value() <= 0)
        perSource.erase(decltype(perSource)::const_iterator(it));
}

ConnectionBudget::ConnectionBudget(const ListenerLimits &limits)
    : m_maxQuick(limits.maxConnections)
    , m_maxQuickPerSource(limits.maxConnectionsPerSource)
    , m_maxWaiting(limits.maxWaiting)
    , m_maxWaitingPerSource(limits.maxWaitingPerSource)
{ }

QString ConnectionBudget::admitQuick(const QString &source)
{
    QMutexLocker lock(&m_mutex);
    if (m_quick.total >= m_maxQuick)
        return QStringLiteral("too many connections");
    if (m_quick.perSource.value(source) >= m_maxQuickPerSource)
        return QStringLiteral("too many connections from this address");
    m_quick.add(source);
    return {};
}

void ConnectionBudget::releaseQuick(const QString &source)
{
    QMutexLocker lock(&m_mutex);
    m_quick.remove(source);
}

bool ConnectionBudget::enterWaiting(const QString &source)
{
    QMutexLocker lock(&m_mutex);
    if (m_waiting.total >= m_maxWaiting || m_waiting.perSource.value(source) >= m_maxWaitingPerSource)
        return false;
    m_quick.remove(source);
    m_waiting.add(source);
    return true;
}

bool ConnectionBudget::returnToQuick(const QString &source)
{
    QMutexLocker lock(&m_mutex);
    if (m_quick.total >= m_maxQuick || m_quick.perSource.value(source) >= m_maxQuickPerSource)
        return false;
    m_waiting.remove(source);
    m_quick.add(source);
    return true;
}

void ConnectionBudget::releaseWaiting(const QString &source)
{
    QMutexLocker lock(&m_mutex);
    m_waiting.remove(source);
}

int ConnectionBudget::quick() const
{
    QMutexLocker lock(&m_mutex);
    return m_quick.total;
}

int ConnectionBudget::waiting() const
{
    QMutexLocker lock(&m_mutex);
    return m_waiting.total;
}

int ConnectionBudget::quickFrom(const QString &source) const
{
    QMutexLocker lock(&m_mutex);
    return m_quick.perSource.value(source);
}

int ConnectionBudget::waitingFrom(const QString &source) const
{
    QMutexLocker lock(&m_mutex);
    return m_waiting.perSource.value(source);
}

} // namespace fvpn
