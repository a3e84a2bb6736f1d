#pragma once

#include "combiningbudget.h"
#include "userlockstats.h"

#include <QtGlobal>

#include <chrono>
#include <mutex>

namespace javumbo {

// A fair (FIFO) lock for one user, with direct hand-off and statistics;
// internal to UserLockRegistry.
//
// SQLite's write lock is not a queue (docs/platform-notes.md §14), so this one is:
// a releasing thread grants the lock to the front waiter itself, which means
// a newcomer can never barge past threads already queued.
//
// run() adds flat combining: the holder runs the queued tasks of the threads
// waiting behind it itself, in queue order, before letting go. One user's
// writes then follow each other on one thread and one warm SQLite connection,
// instead of paying a thread wake-up and a page cache that another
// connection's commit invalidated, for every write. Eight clients adding
// cards for one user went from 2,800 to 3,900 requests/s with this alone
// (tests/bench/serverbench.sh, scenario d). The holder's task then ends the
// batch once (Task::finishBatch) before any combined caller is released.
class UserLock
{
public:
    struct Attempt
    {
        bool locked = false;
        double waitedMs = 0.0;
    };

    // Work that may run on whichever thread holds the lock. run() must not
    // throw: UserLockRegistry::run wraps callables and carries exceptions back.
    class Task
    {
    public:
        virtual void run() noexcept = 0;
        // Called on the holder's own task after its run() and the run() of
        // every queued task combined with it, before any of their threads
        // learns that its task is done: ends what those runs began together
        // (group commit: CollectionAccess commits their writes as one
        // transaction here, so no caller returns before the commit holding its
        // write has synced).
        virtual void finishBatch() noexcept { }

    protected:
        ~Task() = default;
    };

    UserLock(qint64 userId, std::chrono::milliseconds holdWarningThreshold, CombiningBudget budget = {});
    ~UserLock();
    UserLock(const UserLock &) = delete;
    UserLock &operator=(const UserLock &) = delete;

    // Not recursive: a thread that holds the lock and asks again waits for
    // itself until the timeout.
    Attempt acquire(std::chrono::milliseconds timeout);
    void release();
    // Runs `task` exactly once holding the lock, on this thread or on the
    // holder's, and returns after it finished; or not at all when the lock is
    // not reached within `timeout` (a task already started is waited for).
    Attempt run(std::chrono::milliseconds timeout, Task &task);
    UserLockStats stats() const;

private:
    struct Waiter;

    void unlink(Waiter *waiter);
    // Under m_mutex: takes the lock if it is free (nobody can be queued then).
    bool takeIfFreeLocked();
    // Enqueues `self` and waits until it is granted the lock, its task is done
    // by a holder, or (not yet taken) the timeout passes.
    Attempt wait(std::unique_lock<std::mutex> &guard, Waiter &self, std::chrono::milliseconds timeout);
    // Holding the lock: runs `task`, then queued tasks within the budget, then releases.
    void runAsHolder(Task &task);
    // Under m_mutex: grants the lock to the front waiter, or frees it. Returns the hold time.
    double handOffLocked(std::chrono::steady_clock::time_point now);
    void warnIfHeldLong(double heldMs) const;

    const qint64 m_userId;
    const std::chrono::milliseconds m_holdWarningThreshold;
    const CombiningBudget m_budget;

    mutable std::mutex m_mutex;
    // Guarded by m_mutex: everything below, and the Waiter nodes queued here.
    // Intrusive list of nodes living on the waiting threads' stacks: queueing
    // and giving up never allocate.
    Waiter *m_head = nullptr;
    Waiter *m_tail = nullptr;
    int m_waiterCount = 0;
    bool m_held = false;
    std::chrono::steady_clock::time_point m_heldSince;

    quint64 m_acquisitions = 0;
    quint64 m_contended = 0;
    quint64 m_combined = 0;
    quint64 m_timeouts = 0;
    double m_maxWaitMs = 0.0;
    double m_maxHoldMs = 0.0;
};

} // namespace javumbo
