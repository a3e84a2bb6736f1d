#include "thresholds.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace javumbo::loadtest {

namespace {

const QStringList LatencyStats {u"avg"_s, u"p50"_s, u"p90"_s, u"p95"_s, u"p99"_s, u"max"_s};

bool compare(double observed, const QString &comparison, double value)
{
    if (comparison == u"<"_s)
        return observed < value;
    if (comparison == u"<="_s)
        return observed <= value;
    if (comparison == u">"_s)
        return observed > value;
    return observed >= value;
}

QString formatNumber(double value)
{
    return QString::number(value, 'g', 4);
}

} // namespace

Result<Threshold> Threshold::parse(const QString &expression)
{
    static const QRegularExpression grammar(
        u"^\\s*([a-z_]+)\\.([a-z0-9]+)\\s*(<=|>=|<|>)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|%)?\\s*$"_s);
    const QRegularExpressionMatch match = grammar.match(expression);
    const auto invalid = [&expression](const QString &why) {
        return makeError(ErrorCode::BadRequest, u"threshold \"%1\": %2"_s.arg(expression, why));
    };
    if (!match.hasMatch())
        return invalid(u"expected <metric>.<stat><comparison><value>[ms|s|%], e.g. add_card.p95<500ms"_s);
    Threshold threshold;
    threshold.expression = expression.trimmed();
    threshold.metric = match.captured(1);
    threshold.stat = match.captured(2);
    threshold.comparison = match.captured(3);
    threshold.value = match.captured(4).toDouble();
    const QString unit = match.captured(5);

    const bool isCounter = threshold.metric == u"errors"_s || threshold.metric == u"dropped"_s;
    if (isCounter) {
        if (threshold.stat != u"rate"_s && threshold.stat != u"count"_s)
            return invalid(u"errors and dropped have the stats rate and count"_s);
        if (unit == u"%"_s && threshold.stat == u"rate"_s)
            threshold.value /= 100.0;
        else if (!unit.isEmpty())
            return invalid(u"a %1 takes no unit other than %"_s.arg(threshold.stat));
        return threshold;
    }
    if (LatencyStats.contains(threshold.stat)) {
        if (unit == u"s"_s)
            threshold.value *= 1000.0;
        else if (unit != u"ms"_s && !unit.isEmpty())
            return invalid(u"a latency takes ms or s"_s);
        return threshold;
    }
    if (threshold.stat == u"count"_s || threshold.stat == u"degradation"_s) {
        if (!unit.isEmpty())
            return invalid(u"%1 takes no unit"_s.arg(threshold.stat));
        return threshold;
    }
    return invalid(
        u"unknown stat \"%1\" (avg, p50, p90, p95, p99, max, count, degradation)"_s.arg(threshold.stat));
}

QList<Threshold> Threshold::defaults()
{
    QList<Threshold> defaults;
    for (const QString &expression : {u"add_card.avg<500ms"_s, u"review_next.avg<300ms"_s,
             u"review_answer.avg<300ms"_s, u"errors.rate<0.01"_s, u"review_next.degradation<3"_s})
        defaults.append(*parse(expression));
    return defaults;
}

ThresholdResult evaluate(const Threshold &threshold, const RunMetrics &metrics, qint64 runUs)
{
    ThresholdResult result;
    result.expression = threshold.expression;
    double observed = 0;
    if (threshold.metric == u"errors"_s || threshold.metric == u"dropped"_s) {
        const double count
            = double(threshold.metric == u"errors"_s ? metrics.errorCount() : metrics.dropped());
        const double total = double(metrics.operations() + metrics.dropped());
        observed = threshold.stat == u"count"_s ? count : (total > 0 ? count / total : 0);
        result.observed = threshold.stat == u"count"_s ? formatNumber(observed)
                                                       : u"%1 %"_s.arg(formatNumber(observed * 100));
    } else if (threshold.stat == u"degradation"_s) {
        const auto [first, last] = metrics.firstAndLastThirdAvgMs(threshold.metric, runUs);
        if (first <= 0 || last <= 0) {
            result.observed = u"n/a (too few %1 in the first or last third)"_s.arg(threshold.metric);
            result.passed = true;
            return result;
        }
        observed = last / first;
        result.observed
            = u"%1× (%2 ms → %3 ms)"_s.arg(formatNumber(observed), formatNumber(first), formatNumber(last));
    } else {
        const EndpointFigures figures = metrics.endpoint(threshold.metric);
        if (threshold.stat == u"count"_s) {
            observed = double(figures.count);
            result.observed = formatNumber(observed);
        } else if (figures.count == 0) {
            result.observed = u"n/a (no %1 ran)"_s.arg(threshold.metric);
            result.passed = true;
            return result;
        } else {
            const QMap<QString, double> stats {{u"avg"_s, figures.avgMs}, {u"p50"_s, figures.p50Ms},
                {u"p90"_s, figures.p90Ms}, {u"p95"_s, figures.p95Ms}, {u"p99"_s, figures.p99Ms},
                {u"max"_s, figures.maxMs}};
            observed = stats.value(threshold.stat);
            result.observed = u"%1 ms"_s.arg(formatNumber(observed));
        }
    }
    result.passed = compare(observed, threshold.comparison, threshold.value);
    return result;
}

} // namespace javumbo::loadtest
