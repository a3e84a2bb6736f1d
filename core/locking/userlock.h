#pragma once

#include "userlockstats.h"

#include <QtGlobal>

#include <chrono>
#include <mutex>

namespace javumbo {

// A fair (FIFO) lock for one user, with direct hand-off and statistics;
// internal to UserLockRegistry.
//
// SQLite's write lock is not a queue (PLATFORM-NOTES.md §14), so this one is:
// a releasing thread grants the lock to the front waiter itself, which means
// a newcomer can never barge past threads already queued.
class UserLock
{
public:
    struct Attempt
    {
        bool locked = false;
        double waitedMs = 0.0;
    };

    UserLock(qint64 userId, std::chrono::milliseconds holdWarningThreshold);
    ~UserLock();
    UserLock(const UserLock &) = delete;
    UserLock &operator=(const UserLock &) = delete;

    // Not recursive: a thread that holds the lock and asks again waits for
    // itself until the timeout.
    Attempt acquire(std::chrono::milliseconds timeout);
    void release();
    UserLockStats stats() const;

private:
    struct Waiter;

    void unlink(Waiter *waiter);

    const qint64 m_userId;
    const std::chrono::milliseconds m_holdWarningThreshold;

    mutable std::mutex m_mutex;
    // Intrusive list of nodes living on the waiting threads' stacks: queueing
    // and giving up never allocate.
    Waiter *m_head = nullptr;
    Waiter *m_tail = nullptr;
    int m_waiterCount = 0;
    bool m_held = false;
    std::chrono::steady_clock::time_point m_heldSince;

    quint64 m_acquisitions = 0;
    quint64 m_contended = 0;
    quint64 m_timeouts = 0;
    double m_maxWaitMs = 0.0;
    double m_maxHoldMs = 0.0;
};

} // namespace javumbo
