#pragma once

#include "common/result.h"
#include "runmetrics.h"

#include <QList>
#include <QString>

namespace javumbo::loadtest {

// A k6-style pass/fail criterion: "<metric>.<stat><comparison><value>[unit]",
// such as add_card.p95<500ms, review_next.avg<300ms, errors.rate<0.01.
//   metric: an operation (add_card, review_next, review_answer, login, ...),
//           "errors" (stats rate, count) or "dropped" (rate, count; open model)
//   stat:   avg, p50, p90, p95, p99, max, count, rate, and degradation (the
//           average latency of the run's last third over its first third)
//   unit:   ms or s for latencies; none for counts and ratios; % for rates
struct Threshold
{
    QString expression;
    QString metric;
    QString stat;
    QString comparison; // <, <=, >, >=
    double value = 0; // latencies in ms, rates as fractions

    static Result<Threshold> parse(const QString &expression);
    // The plan's success criteria: add card average under 500 ms, review under
    // 300 ms, error rate under 1 %, no degradation as the users ramp up (reviews
    // run from the first stage to the last, so they are what can degrade).
    static QList<Threshold> defaults();
};

struct ThresholdResult
{
    QString expression;
    QString observed; // with its unit, "n/a" when nothing was measured
    bool passed = false;
};

// Evaluates `threshold` against a finished run lasting `runUs`. A latency of
// an operation that never ran passes (nothing was slow), and says so.
ThresholdResult evaluate(const Threshold &threshold, const RunMetrics &metrics, qint64 runUs);

} // namespace javumbo::loadtest
