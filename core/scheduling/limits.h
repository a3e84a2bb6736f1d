#pragma once

namespace javumbo::scheduling {

struct DeckConfig;

// What is left of today's allowance for one deck (docs/scheduling.md §7).
struct DailyLimits
{
    int reviewsLeft = 0;
    int newLeft = 0;
    bool operator==(const DailyLimits &) const = default;
};

// Anki's default: new cards also use up the review limit.
DailyLimits dailyLimits(const DeckConfig &config, int newToday, int reviewsToday);

} // namespace javumbo::scheduling
