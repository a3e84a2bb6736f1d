#pragma once

#include "metrics/histogram.h"

#include <QList>
#include <QString>

#include <memory>
#include <shared_mutex>
#include <unordered_map>

namespace javumbo::server {

using metrics::Histogram;
using metrics::HistogramSnapshot;

// A point-in-time value the server supplies at scrape time (sessions, users, connections).
struct Gauge
{
    QString name; // a valid metric name, e.g. javumbo_active_sessions
    QString help;
    double value = 0;
};

// Per-route figures for the GUI's server panel; latencies in seconds.
struct RouteSummary
{
    QString route;
    quint64 count = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    quint64 clientErrors = 0; // status 400..499
    quint64 errors = 0; // status >= 500
};

// Request counters and latency histograms per route template, plus user-lock waits,
// rendered as Prometheus text. Every member function is safe to call from any thread.
class HttpMetrics
{
public:
    // The route label for requests that matched no route template.
    static QString unmatchedRoute();
    // Distinct route templates kept before new ones fold into unmatchedRoute().
    static constexpr int DefaultMaxRoutes = 256;

    explicit HttpMetrics(
        const QList<double> &latencyBounds = Histogram::defaultBounds(), int maxRoutes = DefaultMaxRoutes);
    ~HttpMetrics();
    HttpMetrics(const HttpMetrics &) = delete;
    HttpMetrics &operator=(const HttpMetrics &) = delete;

    // `route` must be a template such as /api/v1/cards/{id}, never a raw path, or the
    // series multiply; an empty route means unmatched. Methods outside the standard set
    // are recorded as OTHER, statuses outside 0..999 as 0.
    void recordRequest(const QString &route, const QString &method, int status, double seconds);
    void recordLockWait(double seconds);

    // The whole /metrics body. Gauges with an invalid or repeated name are skipped with a warning.
    // `instanceId`, when given, labels every sample instance_id (serve --instance-id).
    QString renderPrometheus(const QList<Gauge> &gauges = {}, const QString &instanceId = {}) const;
    // One entry per route, sorted by route.
    QList<RouteSummary> summaries() const;

    // The counter of one (route, method, status) series as it would be rendered; 0 if absent.
    quint64 requestCount(const QString &route, const QString &method, int status) const;
    HistogramSnapshot latency(const QString &route) const;
    HistogramSnapshot lockWait() const;

private:
    struct RouteEntry;

    // Both expect m_mutex held: shared for findRoute(), exclusive for createRoute().
    RouteEntry *findRoute(const QString &route) const;
    RouteEntry &createRoute(const QString &route);

    const QList<double> m_latencyBounds;
    const int m_maxRoutes;
    // Shared for the hot path (existing series), exclusive only to create a route or series.
    mutable std::shared_mutex m_mutex;
    // Guarded by m_mutex (maps grow under the exclusive lock; counters are atomics, bumped under the
    // shared one):
    std::unordered_map<QString, std::unique_ptr<RouteEntry>> m_routes;
    bool m_warnedAboutRouteCap = false; // written under the exclusive lock
    Histogram m_lockWait; // thread-safe itself: needs no lock
};

} // namespace javumbo::server
