#pragma once

#include <QtGlobal>

#include <optional>

namespace javumbo::scheduling {

// Float-to-count conversions the way Anki's `as u32` does them: negative and
// NaN become 0, too large saturates, so odd options can never overflow.
int truncatedCount(float value);
int roundedCount(float value); // halves away from zero, like std::round
qint64 truncatedCount64(float value);

// A day interval for `x`: review fuzz with `u`, or without a `u`
// clamp(round(x), lo, hi) (docs/scheduling.md §4.3-4.5, §5). `lo` is first pulled
// into [1, hi].
int constrainedInterval(float x, qint64 lo, int hi, std::optional<float> u);

} // namespace javumbo::scheduling
