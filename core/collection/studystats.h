#pragma once

#include "common/clock.h"
#include "common/result.h"

#include <QList>
#include <QString>

#include <optional>

namespace javumbo::collection {

// Counts per study day, index 0 first. For history the last index is today;
// for forecasts index 0 is today (overdue cards included).
using DayCounts = QList<qint64>;

// Read-only statistics of one collection for the desktop app's charts and the
// "nothing due" screen. Days follow the collection's rollover (SCHEDULING.md §3).
class StudyStats
{
public:
    StudyStats(QString path, const Clock &clock);

    // Revlog rows per day over the last `days` days, oldest first, today last.
    Result<DayCounts> reviewsPerDay(int days);
    // Cards falling due per day from today on: reviews by their due day,
    // learning cards by the day of their due time.
    Result<DayCounts> dueForecast(int days);
    // When the next card of the deck (and its children) becomes due, Unix
    // seconds; "now" if one is due already, nothing when no card is scheduled.
    // New cards count as due at the next day, when the daily limit refills.
    Result<std::optional<qint64>> nextDueAt(qint64 deckId);

private:
    QString m_path;
    const Clock &m_clock;
};

} // namespace javumbo::collection
