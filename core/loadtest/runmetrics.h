#pragma once

#include "history/operation.h"
#include "metrics/histogram.h"

#include <QJsonArray>
#include <QMap>
#include <QString>

#include <map>
#include <memory>
#include <mutex>

namespace javumbo::loadtest {

// Latency and error figures of one operation kind ("add_card").
struct EndpointFigures
{
    QString op;
    quint64 count = 0;
    quint64 errors = 0;
    double avgMs = 0;
    double p50Ms = 0;
    double p90Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    metrics::HistogramSnapshot histogram;
};

// Errors of one code, with a few request ids to look up in the server's log.
struct ErrorFigures
{
    QString code;
    int status = 0;
    quint64 count = 0;
    QStringList sampleRequestIds;
};

struct ScenarioFigures
{
    quint64 ok = 0;
    quint64 fail = 0;
    quint64 info = 0;
    quint64 errors = 0;
};

// Live performance figures of a run, fed with every completed operation
// (from any thread). Latency counts from the intended start, so a stalled
// server cannot hide in the percentiles (open model).
class RunMetrics
{
public:
    void record(const history::Operation &operation);
    void recordDropped(const QString &op);

    QList<EndpointFigures> endpoints() const;
    EndpointFigures endpoint(const QString &op) const;
    // The q-quantile of `op` over the operations completed since `earlier` was taken.
    static double windowQuantileMs(
        const metrics::HistogramSnapshot &earlier, const metrics::HistogramSnapshot &now, double q);
    QList<ErrorFigures> errors() const;
    QMap<QString, ScenarioFigures> scenarios() const;
    quint64 operations() const;
    quint64 errorCount() const;
    quint64 cardsCreated() const;
    quint64 dropped() const;
    // Average latency of `op` in the first and last third of the run (ms), for degradation.
    std::pair<double, double> firstAndLastThirdAvgMs(const QString &op, qint64 runUs) const;

private:
    struct Endpoint
    {
        metrics::Histogram latency;
        quint64 count = 0;
        quint64 errors = 0;
        double sumMs = 0;
        double maxMs = 0;
        // (complete time, latency) pairs for the degradation figure
        QList<std::pair<qint64, double>> samples;
    };
    EndpointFigures figures(const QString &op, const Endpoint &endpoint) const;

    mutable std::mutex m_mutex;
    // Guarded by m_mutex:
    std::map<QString, std::unique_ptr<Endpoint>> m_endpoints;
    std::map<QString, ErrorFigures> m_errors;
    QMap<QString, ScenarioFigures> m_scenarios;
    quint64 m_operations = 0;
    quint64 m_errorCount = 0;
    quint64 m_cardsCreated = 0;
    quint64 m_dropped = 0;
};

} // namespace javumbo::loadtest
