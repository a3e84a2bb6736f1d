#include "limits.h"

#include "deckconfig.h"

#include <algorithm>

namespace javumbo::scheduling {

DailyLimits dailyLimits(const DeckConfig &config, int newToday, int reviewsToday)
{
    DailyLimits limits;
    limits.reviewsLeft = std::max(0, config.reviewsPerDay - reviewsToday - newToday);
    limits.newLeft = std::max(0, std::min(config.newPerDay - newToday, limits.reviewsLeft));
    return limits;
}

} // namespace javumbo::scheduling
