#include "learningsteps.h"

#include "intervalmath.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace javumbo::scheduling {

namespace {
constexpr qint64 s_secondsPerDay = 86400;
// Anki keeps step seconds in a u32.
constexpr qint64 s_maxStepSeconds = std::numeric_limits<quint32>::max();
} // namespace

LearningSteps::LearningSteps(const QList<float> &minutes)
    : m_minutes(minutes.constData(), size_t(minutes.size()))
{ }

bool LearningSteps::isEmpty() const
{
    return m_minutes.empty();
}

int LearningSteps::count() const
{
    return int(m_minutes.size());
}

int LearningSteps::indexFor(int left) const
{
    const int n = count();
    if (n == 0)
        return 0;
    return std::clamp(n - left % 1000, 0, n - 1);
}

int LearningSteps::normalizedLeft(int left) const
{
    return count() - indexFor(left);
}

qint64 LearningSteps::currentDelay(int left) const
{
    return isEmpty() ? 0 : secondsAt(indexFor(left));
}

qint64 LearningSteps::againDelay() const
{
    return isEmpty() ? 0 : secondsAt(0);
}

qint64 LearningSteps::hardDelay(int left) const
{
    if (isEmpty())
        return 0;
    const int index = indexFor(left);
    if (index > 0)
        return secondsAt(index);

    // On the first step Hard sits between Again and Good: the mean of the
    // first two steps, or 1.5 × a single step (at most a day more).
    const qint64 first = secondsAt(0);
    qint64 delay
        = count() >= 2 ? (first + secondsAt(1)) / 2 : std::min(first * 3 / 2, first + s_secondsPerDay);
    // Multi-day delays are shown and scheduled in whole days.
    if (delay > s_secondsPerDay)
        delay = qint64(roundedCount(float(delay) / float(s_secondsPerDay))) * s_secondsPerDay;
    return delay;
}

std::optional<qint64> LearningSteps::goodDelay(int left) const
{
    const int next = indexFor(left) + 1;
    if (next >= count())
        return std::nullopt;
    return secondsAt(next);
}

int LearningSteps::leftAfterGood(int left) const
{
    return std::max(0, count() - indexFor(left) - 1);
}

qint64 LearningSteps::stepSeconds(float minutes)
{
    return std::min(truncatedCount64(minutes * 60.0f), s_maxStepSeconds);
}

qint64 LearningSteps::secondsAt(int index) const
{
    return stepSeconds(m_minutes[size_t(index)]);
}

} // namespace javumbo::scheduling
