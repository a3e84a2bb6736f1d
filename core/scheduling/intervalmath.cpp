#include "intervalmath.h"

#include "fuzz.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace javumbo::scheduling {

namespace {
// 2^31 and 2^63 are exact floats; anything at or above them saturates.
constexpr float s_intLimit = 2147483648.0f;
constexpr float s_int64Limit = 9223372036854775808.0f;
} // namespace

int truncatedCount(float value)
{
    if (!(value > 0.0f))
        return 0;
    if (value >= s_intLimit)
        return std::numeric_limits<int>::max();
    return int(value);
}

int roundedCount(float value)
{
    return truncatedCount(std::round(value));
}

qint64 truncatedCount64(float value)
{
    if (!(value > 0.0f))
        return 0;
    if (value >= s_int64Limit)
        return std::numeric_limits<qint64>::max();
    return qint64(value);
}

int constrainedInterval(float x, qint64 lo, int hi, std::optional<float> u)
{
    hi = std::max(hi, 1);
    const int minimum = int(std::clamp<qint64>(lo, 1, hi));
    if (u)
        return fuzzedInterval(x, minimum, hi, *u);
    return std::clamp(roundedCount(x), minimum, hi);
}

} // namespace javumbo::scheduling
