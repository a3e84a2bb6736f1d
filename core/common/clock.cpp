#include "clock.h"

#include <QDateTime>

namespace javumbo {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

int SystemClock::utcOffsetMinutesWest(qint64 epochSeconds) const
{
    return -QDateTime::fromSecsSinceEpoch(epochSeconds).offsetFromUtc() / 60;
}

} // namespace javumbo
