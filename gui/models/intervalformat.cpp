#include "intervalformat.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace javumbo::gui {

namespace {

// One decimal only where it carries information ("1.5mo", but "2mo").
QString oneDecimal(double value)
{
    const double rounded = std::round(value * 10.0) / 10.0;
    return rounded == std::floor(rounded) ? QString::number(qint64(rounded))
                                          : QString::number(rounded, 'f', 1);
}

} // namespace

QString formatInterval(qint64 seconds)
{
    constexpr double kMinute = 60, kHour = 3600, kDay = 86400, kMonth = 30 * kDay, kYear = 365 * kDay;
    const double s = double(seconds);
    if (s < kMinute)
        return u"<1m"_s;
    if (s < kHour)
        return QString::number(qint64(std::round(s / kMinute))) + u"m"_s;
    if (s < kDay)
        return QString::number(qint64(std::round(s / kHour))) + u"h"_s;
    if (s < kMonth)
        return QString::number(qint64(std::round(s / kDay))) + u"d"_s;
    if (s < kYear)
        return oneDecimal(s / kMonth) + u"mo"_s;
    return oneDecimal(s / kYear) + u"y"_s;
}

} // namespace javumbo::gui
