#pragma once

#include "readview.h"
#include "studystats.h"

#include <array>
#include <optional>

namespace javumbo::collection {

// Answers per button (1 Again … 4 Easy), split as Anki's "Answer Buttons"
// graph splits them: learning and relearning steps, young reviews (the
// interval before the answer under 21 days) and mature ones.
struct AnswerButtonCounts
{
    std::array<qint64, 4> learning {};
    std::array<qint64, 4> young {};
    std::array<qint64, 4> mature {};
};

// Anki's "True Retention": of the review answers, how many passed (any button
// but Again), for young (interval before < 21 days) and mature cards.
struct RetentionCounts
{
    qint64 youngPassed = 0;
    qint64 youngTotal = 0;
    qint64 maturePassed = 0;
    qint64 matureTotal = 0;
};

// What the Statistics page shows for one deck (its children included) or the
// whole collection, over the last `days` days; days follow the collection's
// rollover (docs/scheduling.md §3).
struct DeckStatsReport
{
    qint64 cards = 0;
    qint64 newCards = 0;
    qint64 learningCards = 0;
    qint64 reviewCards = 0;
    qint64 suspendedCards = 0;
    qint64 reviewsToday = 0;
    qint64 secondsToday = 0;
    DayCounts reviews; // answers per day, oldest first, today last
    DayCounts studySeconds; // time spent answering per day, same days
    DayCounts forecast; // cards falling due per day from today on (overdue count as today)
    AnswerButtonCounts buttons; // over the period
    RetentionCounts retention; // over the period
};

// Young and mature are split at this interval, in days (Anki's 21).
inline constexpr int kMatureIntervalDays = 21;

Result<DeckStatsReport> deckStats(const ReadView &view, std::optional<qint64> deckId, int days);

} // namespace javumbo::collection
