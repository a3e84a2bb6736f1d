#pragma once

#include "common/result.h"

#include <QtGlobal>

#include <array>

namespace javumbo::scheduling {

struct CardState;
struct DeckConfig;
struct DayTiming;
class FuzzSource;

// What each button (Again, Hard, Good, Easy; index = ease − 1) would schedule,
// in seconds (docs/scheduling.md §7): a same-day delay unfuzzed, anything on a later
// day as days × 86400 with the card's own fuzz. Runs answerCard itself, so it
// can never disagree with what an answer applies.
Result<std::array<qint64, 4>> previewIntervals(
    const CardState &card, const DeckConfig &config, const DayTiming &timing, const FuzzSource &fuzz);

} // namespace javumbo::scheduling
