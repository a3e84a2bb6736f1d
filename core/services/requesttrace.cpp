#include "requesttrace.h"

namespace javumbo {

namespace {
thread_local double t_lockWaitMs = 0.0;
}

void RequestTrace::reset()
{
    t_lockWaitMs = 0.0;
}

void RequestTrace::addLockWait(double milliseconds)
{
    t_lockWaitMs += milliseconds;
}

double RequestTrace::lockWaitMs()
{
    return t_lockWaitMs;
}

} // namespace javumbo
