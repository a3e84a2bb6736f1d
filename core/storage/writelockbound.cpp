#include "writelockbound.h"

#include <algorithm>

namespace javumbo::storage {

namespace {

using Clock = std::chrono::steady_clock;

// time_point::min() means "not set".
thread_local Clock::time_point t_deadline = Clock::time_point::min();
thread_local int t_lockSkipped = 0;

} // namespace

WriteLockBound::WriteLockBound(Clock::time_point deadline) : m_previous(t_deadline)
{
    t_deadline = deadline;
}

WriteLockBound::~WriteLockBound()
{
    t_deadline = m_previous;
}

std::chrono::milliseconds WriteLockBound::remaining()
{
    if (t_deadline == Clock::time_point::min())
        return kDefault;
    return std::max(std::chrono::milliseconds(0),
        std::chrono::duration_cast<std::chrono::milliseconds>(t_deadline - Clock::now()));
}

bool WriteLockBound::lockSkipped()
{
    return t_lockSkipped > 0;
}

PlantedNoUserLock::PlantedNoUserLock()
{
    ++t_lockSkipped;
}

PlantedNoUserLock::~PlantedNoUserLock()
{
    --t_lockSkipped;
}

} // namespace javumbo::storage
