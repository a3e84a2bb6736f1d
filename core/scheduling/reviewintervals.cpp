#include "reviewintervals.h"

#include "deckconfig.h"
#include "intervalmath.h"

#include <algorithm>

namespace javumbo::scheduling {

namespace {

// `constrain(x, lo)` of §4.4: the interval modifier applies to review
// answers only, after the button's own multiplication.
int constrainPassing(float x, qint64 lo, const DeckConfig &config, std::optional<float> u)
{
    const float scaled = x * config.intervalModifier;
    return constrainedInterval(scaled, lo, maximumInterval(config), u);
}

} // namespace

int maximumInterval(const DeckConfig &config)
{
    return std::max(config.maximumInterval, 1);
}

ReviewIntervals reviewIntervals(
    int ivl, int factor, qint64 daysLate, const DeckConfig &config, std::optional<float> u)
{
    // Every operand is a float and every step rounds to float, in Anki's
    // order; double arithmetic moves about one answer in a hundred by a day.
    const float c = float(std::max(ivl, 1));
    const float d = float(std::max<qint64>(daysLate, 0));
    const float ease = float(factor) / 1000.0f;
    const bool hardIsLonger = config.hardFactor > 1.0f;

    ReviewIntervals result;
    // A hard factor of at most 1 may legitimately shrink the interval.
    result.hard = constrainPassing(c * config.hardFactor, hardIsLonger ? qint64(ivl) + 1 : 0, config, u);
    result.good = constrainPassing(
        (c + d / 2.0f) * ease, hardIsLonger ? qint64(result.hard) + 1 : qint64(ivl) + 1, config, u);
    result.easy = constrainPassing(((c + d) * ease) * config.easyBonus, qint64(result.good) + 1, config, u);
    return result;
}

int lapseInterval(int ivl, const DeckConfig &config, std::optional<float> u)
{
    const float c = float(std::max(ivl, 1));
    const int days
        = constrainedInterval(c * config.lapseMultiplier, config.minimumInterval, maximumInterval(config), u);
    return std::max(1, days);
}

int graduatingInterval(int days, const DeckConfig &config, std::optional<float> u)
{
    return constrainedInterval(float(days), 1, maximumInterval(config), u);
}

} // namespace javumbo::scheduling
