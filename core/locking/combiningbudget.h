#pragma once

#include <chrono>

namespace javumbo {

// How long a lock holder keeps running other threads' queued tasks before
// handing the lock on (UserLock::run). It bounds how much the holder's own
// caller waits for its answer; a hand-off costs a thread wake-up and a cold
// SQLite page cache, so a batch should cover several writes.
struct CombiningBudget
{
    int maxTasks = 32;
    std::chrono::microseconds maxTime {2000};
};

} // namespace javumbo
