#include "daytiming.h"

#include <algorithm>

namespace javumbo::scheduling {

namespace {

constexpr qint64 s_secondsPerDay = 86400;

// Days must floor, not truncate, so times before 1970 or negative offsets
// still land on the right side of midnight.
qint64 floorDiv(qint64 numerator, qint64 denominator)
{
    const qint64 quotient = numerator / denominator;
    return (numerator % denominator != 0 && (numerator < 0) != (denominator < 0)) ? quotient - 1 : quotient;
}

qint64 localSeconds(qint64 utcSeconds, int offsetMinutesWest)
{
    return utcSeconds - 60 * qint64(offsetMinutesWest);
}

// The local day (counted from 1970-01-01) that contains `utcSeconds`, where
// each day starts at rollover:00.
qint64 rolloverDay(qint64 utcSeconds, int offsetMinutesWest, int rolloverHour)
{
    return floorDiv(
        localSeconds(utcSeconds, offsetMinutesWest) - 3600 * qint64(rolloverHour), s_secondsPerDay);
}

// The UTC instant at which local rollover day `day` begins.
qint64 rolloverDayStart(qint64 day, int offsetMinutesWest, int rolloverHour)
{
    return day * s_secondsPerDay + 3600 * qint64(rolloverHour) + 60 * qint64(offsetMinutesWest);
}

} // namespace

qint64 DayTiming::secondsUntilNextDay() const
{
    return nextDayAt - now;
}

DayTiming dayTiming(qint64 nowSeconds, qint64 crt, int creationOffsetMinutesWest, int localOffsetMinutesWest,
    int rolloverHour)
{
    const qint64 currentDay = rolloverDay(nowSeconds, localOffsetMinutesWest, rolloverHour);
    const qint64 creationDay = floorDiv(localSeconds(crt, creationOffsetMinutesWest), s_secondsPerDay);
    DayTiming timing;
    timing.now = nowSeconds;
    timing.today = int(std::max<qint64>(0, currentDay - creationDay));
    timing.nextDayAt = rolloverDayStart(currentDay + 1, localOffsetMinutesWest, rolloverHour);
    return timing;
}

qint64 collectionCreationTime(qint64 nowSeconds, int offsetMinutesWest, int rolloverHour)
{
    return rolloverDayStart(
        rolloverDay(nowSeconds, offsetMinutesWest, rolloverHour), offsetMinutesWest, rolloverHour);
}

} // namespace javumbo::scheduling
