#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <array>
#include <atomic>

namespace fvpn {

class PrometheusText;

// Answered API requests by listener, route class and status class, counted by
// the router (ApiHttpServer) in one place: every answer a handler gives, every
// 404/405, every request the HTTP server refuses. Route classes, not paths, so an
// id never becomes a label and the number of series is fixed. Thread-safe and
// lock-free (workers and the main thread count at once).
class ApiRequestCounters
{
public:
    enum Listener
    {
        Public,
        Admin,
        Metrics,
        ListenerCount
    };

    // The route classes, in the order written. "unmatched": no route has the
    // path (404) or the method (405); "refused": the HTTP server refused the
    // request before any route (bad framing, too large, too slow).
    static const QList<QByteArray> &routeClasses();
    // The class of a route pattern ("/api/v1/requests/{}/approve" → "approve_reject").
    static int classOf(QByteArrayView method, const QString &pattern);
    static int unmatchedClass();
    static int refusedClass();

    // A listener serves routes of this class (called as routes are added): only
    // those are written, so each listener has its own fixed set of series.
    void declare(Listener listener, int routeClass);
    void count(Listener listener, int routeClass, int status);
    quint64 value(Listener listener, int routeClass, int statusClass) const;

    // factory_vpn_api_requests_total: for each listener every declared class
    // with every status class 2xx-5xx, zeros too (a series that appears only on
    // its first request makes rate() miss that request).
    void write(PrometheusText &out) const;

private:
    static constexpr int MaxClasses = 24;
    static constexpr int StatusClasses = 5; // 1xx … 5xx
    std::array<std::atomic<quint64>, ListenerCount * MaxClasses * StatusClasses> m_counts {};
    std::array<std::atomic<bool>, ListenerCount * MaxClasses> m_declared {};
};

} // namespace fvpn
