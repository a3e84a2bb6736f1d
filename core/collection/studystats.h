#pragma once

#include "common/result.h"
#include "decktree.h"
#include "readview.h"
#include "records.h"

#include <QList>

#include <optional>

namespace javumbo::collection {

// Counts per study day, index 0 first. For history the last index is today;
// for forecasts index 0 is today (overdue cards included).
using DayCounts = QList<qint64>;

// Read-only statistics of one collection, the same for the server
// (GET /stats/reviews, /stats/forecast, <deck>.next_due_at) and the desktop
// app's charts and "nothing due" screen. Days follow the collection's
// rollover (docs/scheduling.md §3); `deckId` limits a series to that deck and
// its children.
namespace studystats {

inline constexpr int kMaxDays = 3650;

// Answers (revlog rows) per day over the last `days` days, oldest first, today last.
Result<DayCounts> reviewsPerDay(const ReadView &view, int days, std::optional<qint64> deckId);
// Scheduled cards (learning, review, relearning; not new, suspended or
// buried) per day from today on, by the day they fall due; index 0 also
// holds the overdue ones.
Result<DayCounts> dueForecast(const ReadView &view, int days, std::optional<qint64> deckId);
// When the earliest card of the deck (and its children) that is not due now
// becomes due, Unix seconds: a learning card at its due time, a review card
// at the start of its day, and cards due already but held back by today's
// limits (`offered`: the deck's counts) when the next day starts. Nothing
// when no card waits.
Result<std::optional<qint64>> nextDueAt(
    const ReadView &view, const DeckTree &tree, qint64 deckId, const ReviewCounts &offered);

} // namespace studystats
} // namespace javumbo::collection
