#include "ApiRequestCounters.h"

#include "PrometheusText.h"

#include <QList>
#include <QStringList>

namespace fvpn {

namespace {

constexpr std::array<const char *, ApiRequestCounters::ListenerCount> ListenerNames { "public", "admin",
                                                                                      "metrics" };

} // namespace

const QList<QByteArray> &ApiRequestCounters::routeClasses()
{
    static const QList<QByteArray> all {
        "health", "register", "request_status", "status",       "devices",   "clients", "revoke",
        "pool",   "requests", "approve_reject", "clients_file", "settings",  "invites", "enrollment",
        "audit",  "tokens",   "metrics",        "other",        "unmatched", "refused",
    };
    Q_ASSERT(all.size() <= MaxClasses);
    return all;
}

int ApiRequestCounters::unmatchedClass()
{
    return int(routeClasses().indexOf("unmatched"));
}

int ApiRequestCounters::refusedClass()
{
    return int(routeClasses().indexOf("refused"));
}

int ApiRequestCounters::classOf(QByteArrayView method, const QString &pattern)
{
    const QStringList segments = pattern.mid(1).split(u'/');
    const auto named = [](const char *name) {
        return int(routeClasses().indexOf(name));
    };
    if (segments.value(0) == u"metrics" && segments.size() == 1)
        return named("metrics");
    if (segments.value(0) != u"api" || segments.value(1) != u"v1" || segments.size() < 3)
        return named("other");
    const QString &area = segments[2];
    if (area == u"registrations")
        return named(segments.size() == 3 && method.compare("POST") == 0 ? "register" : "request_status");
    if (area == u"requests" && segments.size() == 5)
        return named("approve_reject");
    if (area == u"clients" && method.compare("DELETE") == 0)
        return named("revoke");
    const int index = int(routeClasses().indexOf(area.toLatin1().replace('-', '_')));
    return index >= 0 && index < unmatchedClass() ? index : named("other");
}

void ApiRequestCounters::declare(Listener listener, int routeClass)
{
    if (routeClass >= 0 && routeClass < MaxClasses && listener >= 0 && listener < ListenerCount)
        m_declared[size_t(listener * MaxClasses + routeClass)].store(true, std::memory_order_relaxed);
}

void ApiRequestCounters::count(Listener listener, int routeClass, int status)
{
    if (routeClass < 0 || routeClass >= MaxClasses || listener < 0 || listener >= ListenerCount)
        return;
    const int statusClass = qBound(0, status / 100 - 1, StatusClasses - 1);
    m_counts[size_t((listener * MaxClasses + routeClass) * StatusClasses + statusClass)].fetch_add(
        1, std::memory_order_relaxed);
}

quint64 ApiRequestCounters::value(Listener listener, int routeClass, int statusClass) const
{
    return m_counts[size_t((listener * MaxClasses + routeClass) * StatusClasses + statusClass)].load(
        std::memory_order_relaxed);
}

void ApiRequestCounters::write(PrometheusText &out) const
{
    out.family("factory_vpn_api_requests_total", "counter",
               "Answered API requests by listener, route class and status class.");
    const QList<QByteArray> &classes = routeClasses();
    for (int l = 0; l < ListenerCount; ++l) {
        for (int c = 0; c < int(classes.size()); ++c) {
            const bool always = c == unmatchedClass() || c == refusedClass();
            if (!always && !m_declared[size_t(l * MaxClasses + c)].load(std::memory_order_relaxed))
                continue;
            for (int s = 1; s < StatusClasses; ++s)
                out.sample("factory_vpn_api_requests_total",
                           { { "listener", ListenerNames[size_t(l)] },
                             { "route", classes[c] },
                             { "status_class", QByteArray(QByteArray::number(s + 1) + "xx") } },
                           value(Listener(l), c, s));
        }
    }
}

} // namespace fvpn
