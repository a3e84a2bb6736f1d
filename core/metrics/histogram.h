#pragma once

#include <QList>
#include <QtGlobal>

#include <atomic>
#include <memory>

namespace javumbo::metrics {

// A consistent copy of a Histogram: finite upper bounds and cumulative counts.
struct HistogramSnapshot
{
    QList<double> upperBounds; // ascending, finite; the +Inf bucket is implicit
    // One more entry than upperBounds: cumulativeCounts[i] counts observations <= upperBounds[i],
    // the last one (+Inf) equals count.
    QList<quint64> cumulativeCounts;
    quint64 count = 0;
    double sum = 0; // seconds

    // Estimated q-quantile (0..1) by linear interpolation inside the bucket that holds the
    // rank, as Prometheus' histogram_quantile does; 0 when empty, the highest finite bound
    // when the rank falls in the +Inf bucket.
    double quantile(double q) const;
};

// Lock-free latency histogram with fixed bucket bounds in seconds; observe() may be
// called from any number of threads at once.
class Histogram
{
public:
    // 0.5 ms to 10 s, as in docs/api.md's /metrics: covers a cached read up to a lock timeout.
    static QList<double> defaultBounds();

    // Bounds are sorted, deduplicated, and non-finite ones dropped (+Inf is always present).
    explicit Histogram(const QList<double> &upperBounds = defaultBounds());
    ~Histogram();
    Histogram(const Histogram &) = delete;
    Histogram &operator=(const Histogram &) = delete;

    // NaN is ignored; negative durations (a clock stepping back) count as 0.
    void observe(double seconds);
    HistogramSnapshot snapshot() const;
    double quantile(double q) const;
    QList<double> upperBounds() const { return m_bounds; }

private:
    QList<double> m_bounds;
    // Per-bucket (not cumulative) counts, m_bounds.size() + 1 of them; the total is their
    // sum, so a snapshot's +Inf bucket always equals its count even mid-update.
    std::unique_ptr<std::atomic<quint64>[]> m_buckets;
    // Integer nanoseconds: atomic adds are exact and order-independent, unlike a double.
    std::atomic<quint64> m_sumNanoseconds {0};
};

} // namespace javumbo::metrics
