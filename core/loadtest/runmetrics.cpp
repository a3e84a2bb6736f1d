#include "runmetrics.h"

#include <algorithm>

using namespace Qt::StringLiterals;
using javumbo::history::Operation;
using javumbo::history::Outcome;

namespace javumbo::loadtest {

namespace {

constexpr int SampleRequestIds = 5;

// The q-quantile of a bucket-count histogram, as HistogramSnapshot::quantile does.
double quantileOf(const metrics::HistogramSnapshot &snapshot, double q)
{
    return snapshot.quantile(q) * 1000.0;
}

} // namespace

void RunMetrics::record(const Operation &operation)
{
    const double latencyMs = double(operation.latencyUs()) / 1000.0;
    std::lock_guard lock(m_mutex);
    auto &endpoint = m_endpoints[operation.op];
    if (!endpoint)
        endpoint = std::make_unique<Endpoint>();
    endpoint->latency.observe(latencyMs / 1000.0);
    ++endpoint->count;
    endpoint->sumMs += latencyMs;
    endpoint->maxMs = std::max(endpoint->maxMs, latencyMs);
    endpoint->samples.append({operation.completeUs, latencyMs});
    ++m_operations;

    ScenarioFigures &scenario = m_scenarios[operation.scenario];
    switch (operation.outcome) {
    case Outcome::Ok:
        ++scenario.ok;
        if (operation.op == u"add_card"_s)
            ++m_cardsCreated;
        break;
    case Outcome::Fail:
        ++scenario.fail;
        break;
    case Outcome::Info:
        ++scenario.info;
        break;
    }
    if (!operation.isError())
        return;
    ++scenario.errors;
    ++endpoint->errors;
    ++m_errorCount;
    const QString code
        = operation.errorCode.isEmpty() ? u"http_%1"_s.arg(operation.status) : operation.errorCode;
    ErrorFigures &error = m_errors[code];
    error.code = code;
    error.status = operation.status;
    ++error.count;
    if (error.sampleRequestIds.size() < SampleRequestIds)
        error.sampleRequestIds.append(operation.requestId);
}

void RunMetrics::recordDropped(const QString &op)
{
    Q_UNUSED(op);
    std::lock_guard lock(m_mutex);
    ++m_dropped;
}

EndpointFigures RunMetrics::figures(const QString &op, const Endpoint &endpoint) const
{
    EndpointFigures figures;
    figures.op = op;
    figures.count = endpoint.count;
    figures.errors = endpoint.errors;
    figures.avgMs = endpoint.count ? endpoint.sumMs / double(endpoint.count) : 0;
    figures.maxMs = endpoint.maxMs;
    figures.histogram = endpoint.latency.snapshot();
    // Interpolating inside a wide bucket can overshoot what was observed.
    const auto quantile
        = [&figures](double q) { return std::min(quantileOf(figures.histogram, q), figures.maxMs); };
    figures.p50Ms = quantile(0.50);
    figures.p90Ms = quantile(0.90);
    figures.p95Ms = quantile(0.95);
    figures.p99Ms = quantile(0.99);
    return figures;
}

QList<EndpointFigures> RunMetrics::endpoints() const
{
    std::lock_guard lock(m_mutex);
    QList<EndpointFigures> all;
    for (const auto &[op, endpoint] : m_endpoints)
        all.append(figures(op, *endpoint));
    return all;
}

EndpointFigures RunMetrics::endpoint(const QString &op) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_endpoints.find(op);
    if (it == m_endpoints.end()) {
        EndpointFigures none;
        none.op = op;
        return none;
    }
    return figures(op, *it->second);
}

double RunMetrics::windowQuantileMs(
    const metrics::HistogramSnapshot &earlier, const metrics::HistogramSnapshot &now, double q)
{
    metrics::HistogramSnapshot window = now;
    if (earlier.cumulativeCounts.size() == now.cumulativeCounts.size()) {
        for (qsizetype i = 0; i < window.cumulativeCounts.size(); ++i)
            window.cumulativeCounts[i] -= earlier.cumulativeCounts[i];
        window.count -= earlier.count;
        window.sum -= earlier.sum;
    }
    return quantileOf(window, q);
}

QList<ErrorFigures> RunMetrics::errors() const
{
    std::lock_guard lock(m_mutex);
    QList<ErrorFigures> all;
    for (const auto &[code, figures] : m_errors)
        all.append(figures);
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) { return a.count > b.count; });
    return all;
}

QMap<QString, ScenarioFigures> RunMetrics::scenarios() const
{
    std::lock_guard lock(m_mutex);
    return m_scenarios;
}

quint64 RunMetrics::operations() const
{
    std::lock_guard lock(m_mutex);
    return m_operations;
}

quint64 RunMetrics::errorCount() const
{
    std::lock_guard lock(m_mutex);
    return m_errorCount;
}

quint64 RunMetrics::cardsCreated() const
{
    std::lock_guard lock(m_mutex);
    return m_cardsCreated;
}

quint64 RunMetrics::dropped() const
{
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

std::pair<double, double> RunMetrics::firstAndLastThirdAvgMs(const QString &op, qint64 runUs) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_endpoints.find(op);
    if (it == m_endpoints.end() || runUs <= 0)
        return {0, 0};
    double firstSum = 0, lastSum = 0;
    int firstCount = 0, lastCount = 0;
    for (const auto &[completeUs, latencyMs] : it->second->samples) {
        if (completeUs < runUs / 3) {
            firstSum += latencyMs;
            ++firstCount;
        } else if (completeUs >= runUs - runUs / 3) {
            lastSum += latencyMs;
            ++lastCount;
        }
    }
    return {firstCount ? firstSum / firstCount : 0, lastCount ? lastSum / lastCount : 0};
}

} // namespace javumbo::loadtest
