#pragma once

#include <QtGlobal>

#include <optional>

namespace javumbo::scheduling {

struct DeckConfig;

// The three passing intervals of a review card (docs/scheduling.md §4.4).
struct ReviewIntervals
{
    int hard = 0;
    int good = 0;
    int easy = 0;
};

// `M` of the spec: the maximum interval, never below one day.
int maximumInterval(const DeckConfig &config);

// All three from the old ease, each minimum from the already fuzzed previous
// one, so Hard < Good < Easy unless maxIvl squeezes them.
ReviewIntervals reviewIntervals(
    int ivl, int factor, qint64 daysLate, const DeckConfig &config, std::optional<float> u);

// The interval a lapse leaves the card with (§4.5; again in §4.6). Not
// scaled by the interval modifier.
int lapseInterval(int ivl, const DeckConfig &config, std::optional<float> u);

// The graduating interval from (re)learning (§4.3 `grad`). Not scaled by the
// interval modifier either.
int graduatingInterval(int days, const DeckConfig &config, std::optional<float> u);

} // namespace javumbo::scheduling
