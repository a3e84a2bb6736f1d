#include "exchangedata.h"

namespace javumbo::interop {

qint64 ExchangeData::normalizedSeconds(qint64 mod)
{
    // 10^11 seconds is the year 5138; 10^11 milliseconds is 1973.
    constexpr qint64 kMillisecondsThreshold = 100'000'000'000;
    return mod > kMillisecondsThreshold ? mod / 1000 : mod;
}

} // namespace javumbo::interop
