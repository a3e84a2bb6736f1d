#pragma once

#include <QtGlobal>

namespace javumbo::scheduling {

// Where `now` falls in the collection's days (docs/scheduling.md §3).
struct DayTiming
{
    qint64 now = 0; // Unix seconds
    int today = 0; // days since the calendar day of col.crt
    qint64 nextDayAt = 0; // first instant after `now` at local rollover:00
    // `U` of the spec: a (re)learning step at least this long lands on a later day.
    qint64 secondsUntilNextDay() const;
};

// Offsets are minutes west of UTC (UTC+2 is -120); `creationOffset` is the
// offset in force at `crt`, `localOffset` the user's current one.
DayTiming dayTiming(qint64 nowSeconds, qint64 crt, int creationOffsetMinutesWest, int localOffsetMinutesWest,
    int rolloverHour = 4);

// col.crt for a collection created at `nowSeconds`: the most recent local
// rollover:00 at or before it.
qint64 collectionCreationTime(qint64 nowSeconds, int offsetMinutesWest, int rolloverHour = 4);

} // namespace javumbo::scheduling
