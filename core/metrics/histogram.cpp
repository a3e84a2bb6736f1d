#include "histogram.h"

#include <algorithm>
#include <cmath>

namespace javumbo::metrics {

namespace {

// 2^63 ns is 292 years; clamping one absurd observation keeps the sum from wrapping.
constexpr double maxObservationSeconds = 1.0e9;

} // namespace

double HistogramSnapshot::quantile(double q) const
{
    if (count == 0 || cumulativeCounts.size() != upperBounds.size() + 1)
        return 0;
    q = std::clamp(q, 0.0, 1.0);
    const double rank = q * double(count);
    quint64 below = 0;
    for (qsizetype i = 0; i < upperBounds.size(); ++i) {
        const quint64 inBucket = cumulativeCounts.at(i) - below;
        // Skipping empty buckets makes q = 0 land on the first observed bucket
        // instead of dividing by an empty one.
        if (inBucket > 0 && double(cumulativeCounts.at(i)) >= rank) {
            const double upper = upperBounds.at(i);
            const double lower = i == 0 ? std::min(0.0, upper) : upperBounds.at(i - 1);
            const double fraction = (rank - double(below)) / double(inBucket);
            return lower + (upper - lower) * std::clamp(fraction, 0.0, 1.0);
        }
        below = cumulativeCounts.at(i);
    }
    // The rank lies beyond every finite bound: nothing is known above the last one.
    return upperBounds.isEmpty() ? 0 : upperBounds.constLast();
}

QList<double> Histogram::defaultBounds()
{
    return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

Histogram::Histogram(const QList<double> &upperBounds)
{
    for (const double bound : upperBounds) {
        if (std::isfinite(bound))
            m_bounds.append(bound);
    }
    std::sort(m_bounds.begin(), m_bounds.end());
    m_bounds.erase(std::unique(m_bounds.begin(), m_bounds.end()), m_bounds.end());
    m_buckets = std::make_unique<std::atomic<quint64>[]>(size_t(m_bounds.size()) + 1);
}

Histogram::~Histogram() = default;

void Histogram::observe(double seconds)
{
    if (std::isnan(seconds))
        return;
    seconds = std::clamp(seconds, 0.0, maxObservationSeconds);
    // "le" buckets: the first bound >= the value.
    const auto bound = std::lower_bound(m_bounds.cbegin(), m_bounds.cend(), seconds);
    const auto index = size_t(bound - m_bounds.cbegin());
    // Relaxed: each counter only has to be exact on its own; nothing is published through them.
    m_buckets[index].fetch_add(1, std::memory_order_relaxed);
    m_sumNanoseconds.fetch_add(quint64(std::llround(seconds * 1.0e9)), std::memory_order_relaxed);
}

HistogramSnapshot Histogram::snapshot() const
{
    HistogramSnapshot result;
    result.upperBounds = m_bounds;
    result.cumulativeCounts.reserve(m_bounds.size() + 1);
    quint64 running = 0;
    for (qsizetype i = 0; i <= m_bounds.size(); ++i) {
        running += m_buckets[size_t(i)].load(std::memory_order_relaxed);
        result.cumulativeCounts.append(running);
    }
    result.count = running;
    result.sum = double(m_sumNanoseconds.load(std::memory_order_relaxed)) / 1.0e9;
    return result;
}

double Histogram::quantile(double q) const
{
    return snapshot().quantile(q);
}

} // namespace javumbo::metrics
