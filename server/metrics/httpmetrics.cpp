#include "httpmetrics.h"

#include "prometheustext.h"

#include <algorithm>
#include <array>
#include <mutex>
#include <set>
#include <tuple>

#include <QLoggingCategory>
#include <QStringView>

using namespace Qt::StringLiterals;

namespace javumbo::server {

namespace {

Q_LOGGING_CATEGORY(lcMetrics, "javumbo.server.metrics")

const QString RequestsFamily = u"javumbo_http_requests_total"_s;
const QString DurationFamily = u"javumbo_http_request_duration_seconds"_s;
const QString LockWaitFamily = u"javumbo_user_lock_wait_seconds"_s;

// A closed set keeps the method label bounded whatever a client puts on its request line.
constexpr std::array<QStringView, 7> KnownMethods
    = {u"DELETE", u"GET", u"HEAD", u"OPTIONS", u"PATCH", u"POST", u"PUT"};
constexpr quint32 OtherMethod = quint32(KnownMethods.size());

quint32 methodIndex(const QString &method)
{
    for (size_t i = 0; i < KnownMethods.size(); ++i) {
        if (QStringView(method).compare(KnownMethods[i], Qt::CaseInsensitive) == 0)
            return quint32(i);
    }
    return OtherMethod;
}

QString methodName(quint32 index)
{
    return index < OtherMethod ? KnownMethods[index].toString() : u"OTHER"_s;
}

quint32 seriesKey(const QString &method, int status)
{
    const quint32 statusCode = status >= 0 && status <= 999 ? quint32(status) : 0;
    return methodIndex(method) << 16 | statusCode;
}

int statusOf(quint32 key)
{
    return int(key & 0xffff);
}

struct SeriesRow
{
    QString route;
    QString method;
    int status;
    quint64 count;
};

struct RouteRow
{
    QString route;
    HistogramSnapshot latency;
    quint64 clientErrors = 0;
    quint64 errors = 0;
};

void writeHistogram(prometheus::TextWriter &writer, const QString &family,
    const QList<prometheus::Label> &labels, const HistogramSnapshot &snapshot)
{
    const QString bucketName = family + u"_bucket"_s;
    QList<prometheus::Label> bucketLabels = labels;
    bucketLabels.append({u"le"_s, QString()});
    for (qsizetype i = 0; i < snapshot.cumulativeCounts.size(); ++i) {
        bucketLabels.last().second = i < snapshot.upperBounds.size()
            ? prometheus::formatValue(snapshot.upperBounds.at(i))
            : u"+Inf"_s;
        writer.addSample(bucketName, bucketLabels, prometheus::formatValue(snapshot.cumulativeCounts.at(i)));
    }
    writer.addSample(family + u"_sum"_s, labels, prometheus::formatValue(snapshot.sum));
    writer.addSample(family + u"_count"_s, labels, prometheus::formatValue(snapshot.count));
}

// Gauges share the exposition with our families; a clash would make the scrape invalid.
bool isReservedName(const QString &name)
{
    for (const QString &family : {RequestsFamily, DurationFamily, LockWaitFamily}) {
        if (name == family || name == family + u"_bucket"_s || name == family + u"_sum"_s
            || name == family + u"_count"_s)
            return true;
    }
    return false;
}

} // namespace

struct HttpMetrics::RouteEntry
{
    explicit RouteEntry(const QList<double> &bounds) : latency(bounds) { }

    Histogram latency;
    // Keyed by seriesKey(). Grows only under the exclusive lock, and never shrinks, so
    // a counter found under the shared lock can be incremented in place.
    std::unordered_map<quint32, std::atomic<quint64>> requests;
};

QString HttpMetrics::unmatchedRoute()
{
    return u"unmatched"_s;
}

HttpMetrics::HttpMetrics(const QList<double> &latencyBounds, int maxRoutes)
    : m_latencyBounds(latencyBounds), m_maxRoutes(std::max(maxRoutes, 0)), m_lockWait(latencyBounds)
{ }

HttpMetrics::~HttpMetrics() = default;

HttpMetrics::RouteEntry *HttpMetrics::findRoute(const QString &route) const
{
    const auto it = m_routes.find(route.isEmpty() ? unmatchedRoute() : route);
    if (it != m_routes.end())
        return it->second.get();
    // Past the cap an unknown route is recorded as unmatched; finding that here keeps
    // such requests on the shared-lock path instead of serialising them all.
    if (qsizetype(m_routes.size()) > m_maxRoutes) {
        const auto unmatched = m_routes.find(unmatchedRoute());
        if (unmatched != m_routes.end())
            return unmatched->second.get();
    }
    return nullptr;
}

HttpMetrics::RouteEntry &HttpMetrics::createRoute(const QString &route)
{
    QString name = route.isEmpty() ? unmatchedRoute() : route;
    if (const auto it = m_routes.find(name); it != m_routes.end())
        return *it->second;
    const qsizetype templates = qsizetype(m_routes.size() - m_routes.count(unmatchedRoute()));
    if (name != unmatchedRoute() && templates >= m_maxRoutes) {
        if (!m_warnedAboutRouteCap) {
            // Almost always a caller passing raw paths instead of templates.
            qCWarning(lcMetrics).noquote() << "more than" << m_maxRoutes << "route templates; recording"
                                           << route << "and later new routes as" << unmatchedRoute();
            m_warnedAboutRouteCap = true;
        }
        name = unmatchedRoute();
        if (const auto it = m_routes.find(name); it != m_routes.end())
            return *it->second;
    }
    return *m_routes.try_emplace(name, std::make_unique<RouteEntry>(m_latencyBounds)).first->second;
}

void HttpMetrics::recordRequest(const QString &route, const QString &method, int status, double seconds)
{
    const quint32 key = seriesKey(method, status);
    {
        std::shared_lock lock(m_mutex);
        if (RouteEntry *entry = findRoute(route)) {
            const auto series = entry->requests.find(key);
            if (series != entry->requests.end()) {
                series->second.fetch_add(1, std::memory_order_relaxed);
                entry->latency.observe(seconds);
                return;
            }
        }
    }
    // First request of its series: re-check under the exclusive lock, since another
    // thread may have created it between the two locks.
    std::unique_lock lock(m_mutex);
    RouteEntry &entry = createRoute(route);
    entry.requests.try_emplace(key, 0).first->second.fetch_add(1, std::memory_order_relaxed);
    entry.latency.observe(seconds);
}

void HttpMetrics::recordLockWait(double seconds)
{
    m_lockWait.observe(seconds);
}

quint64 HttpMetrics::requestCount(const QString &route, const QString &method, int status) const
{
    std::shared_lock lock(m_mutex);
    const auto it = m_routes.find(route.isEmpty() ? unmatchedRoute() : route);
    if (it == m_routes.end())
        return 0;
    const auto series = it->second->requests.find(seriesKey(method, status));
    return series == it->second->requests.end() ? 0 : series->second.load(std::memory_order_relaxed);
}

HistogramSnapshot HttpMetrics::latency(const QString &route) const
{
    std::shared_lock lock(m_mutex);
    const auto it = m_routes.find(route.isEmpty() ? unmatchedRoute() : route);
    return it == m_routes.end() ? Histogram(m_latencyBounds).snapshot() : it->second->latency.snapshot();
}

HistogramSnapshot HttpMetrics::lockWait() const
{
    return m_lockWait.snapshot();
}

QList<RouteSummary> HttpMetrics::summaries() const
{
    QList<RouteSummary> result;
    {
        std::shared_lock lock(m_mutex);
        result.reserve(qsizetype(m_routes.size()));
        for (const auto &[route, entry] : m_routes) {
            const HistogramSnapshot latency = entry->latency.snapshot();
            RouteSummary summary;
            summary.route = route;
            summary.count = latency.count;
            summary.p50 = latency.quantile(0.50);
            summary.p95 = latency.quantile(0.95);
            summary.p99 = latency.quantile(0.99);
            for (const auto &[key, counter] : entry->requests) {
                const int status = statusOf(key);
                const quint64 count = counter.load(std::memory_order_relaxed);
                if (status >= 500)
                    summary.errors += count;
                else if (status >= 400)
                    summary.clientErrors += count;
            }
            result.append(summary);
        }
    }
    std::sort(result.begin(), result.end(),
        [](const RouteSummary &a, const RouteSummary &b) { return a.route < b.route; });
    return result;
}

QString HttpMetrics::renderPrometheus(const QList<Gauge> &gauges, const QString &instanceId) const
{
    QList<SeriesRow> series;
    QList<RouteRow> routes;
    {
        // Copy out under the lock, format without it: recorders only ever wait for the copy.
        std::shared_lock lock(m_mutex);
        routes.reserve(qsizetype(m_routes.size()));
        for (const auto &[route, entry] : m_routes) {
            routes.append({route, entry->latency.snapshot()});
            for (const auto &[key, counter] : entry->requests)
                series.append(
                    {route, methodName(key >> 16), statusOf(key), counter.load(std::memory_order_relaxed)});
        }
    }
    std::sort(series.begin(), series.end(), [](const SeriesRow &a, const SeriesRow &b) {
        return std::tie(a.route, a.method, a.status) < std::tie(b.route, b.method, b.status);
    });
    std::sort(
        routes.begin(), routes.end(), [](const RouteRow &a, const RouteRow &b) { return a.route < b.route; });

    prometheus::TextWriter writer;
    if (!instanceId.isEmpty())
        writer.setConstantLabels({{u"instance_id"_s, instanceId}});
    writer.beginFamily(
        RequestsFamily, u"HTTP requests answered, by route template, method and status."_s, u"counter"_s);
    for (const SeriesRow &row : std::as_const(series)) {
        writer.addSample(RequestsFamily,
            {{u"route"_s, row.route}, {u"method"_s, row.method}, {u"status"_s, QString::number(row.status)}},
            prometheus::formatValue(row.count));
    }

    writer.beginFamily(
        DurationFamily, u"Time from request to response in seconds, by route template."_s, u"histogram"_s);
    for (const RouteRow &row : std::as_const(routes))
        writeHistogram(writer, DurationFamily, {{u"route"_s, row.route}}, row.latency);

    writer.beginFamily(
        LockWaitFamily, u"Time spent waiting for a user's collection lock in seconds."_s, u"histogram"_s);
    writeHistogram(writer, LockWaitFamily, {}, m_lockWait.snapshot());

    QList<Gauge> sortedGauges = gauges;
    std::stable_sort(sortedGauges.begin(), sortedGauges.end(),
        [](const Gauge &a, const Gauge &b) { return a.name < b.name; });
    std::set<QString> written;
    for (const Gauge &gauge : std::as_const(sortedGauges)) {
        if (!prometheus::isValidMetricName(gauge.name) || isReservedName(gauge.name)
            || !written.insert(gauge.name).second) {
            qCWarning(lcMetrics) << "skipping gauge with an invalid or duplicate name:" << gauge.name;
            continue;
        }
        writer.beginFamily(gauge.name, gauge.help, u"gauge"_s);
        writer.addSample(gauge.name, {}, prometheus::formatValue(gauge.value));
    }
    return writer.text();
}

} // namespace javumbo::server
