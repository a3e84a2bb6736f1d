#include "userlock.h"

#include <algorithm>
#include <condition_variable>

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

Q_LOGGING_CATEGORY(lcLocking, "javumbo.locking")

using Clock = std::chrono::steady_clock;

double toMs(Clock::duration duration)
{
    return std::chrono::duration<double, std::milli>(duration).count();
}

} // namespace

struct UserLock::Waiter
{
    // One condition variable per waiter, so a release wakes exactly the
    // thread it grants the lock to instead of the whole queue.
    std::condition_variable wakeUp;
    // Guarded by the lock's m_mutex: every field below, which the holder
    // writes on the waiter's behalf.
    Clock::time_point queuedAt;
    Waiter *previous = nullptr;
    Waiter *next = nullptr;
    Task *task = nullptr; // null for acquire(): such a waiter must be handed the lock
    bool granted = false; // handed the lock: the waiter now holds it
    bool taken = false; // a holder is running this waiter's task: it can no longer give up
    bool done = false; // ... and has finished it
    double waitedMs = 0.0;
};

UserLock::UserLock(qint64 userId, std::chrono::milliseconds holdWarningThreshold, CombiningBudget budget)
    : m_userId(userId), m_holdWarningThreshold(holdWarningThreshold), m_budget(budget)
{ }

UserLock::~UserLock()
{
    Q_ASSERT_X(!m_held && m_head == nullptr, "UserLock", "destroyed while held or awaited");
}

bool UserLock::takeIfFreeLocked()
{
    // Free and nobody queued: the queue check is what keeps a newcomer from
    // overtaking a waiter that was granted the lock but has not woken yet.
    if (m_held)
        return false;
    Q_ASSERT(m_head == nullptr);
    m_held = true;
    m_heldSince = Clock::now();
    ++m_acquisitions;
    return true;
}

UserLock::Attempt UserLock::acquire(std::chrono::milliseconds timeout)
{
    std::unique_lock guard(m_mutex);
    if (takeIfFreeLocked())
        return {true, 0.0};
    Waiter self;
    return wait(guard, self, timeout);
}

UserLock::Attempt UserLock::run(std::chrono::milliseconds timeout, Task &task)
{
    std::unique_lock guard(m_mutex);
    Attempt attempt {true, 0.0};
    if (!takeIfFreeLocked()) {
        Waiter self;
        self.task = &task;
        attempt = wait(guard, self, timeout);
        if (!self.granted)
            return attempt; // done by a holder, or timed out
    }
    guard.unlock();
    runAsHolder(task);
    return attempt;
}

UserLock::Attempt UserLock::wait(
    std::unique_lock<std::mutex> &guard, Waiter &self, std::chrono::milliseconds timeout)
{
    const Clock::time_point start = Clock::now();
    if (timeout <= std::chrono::milliseconds::zero()) {
        ++m_timeouts;
        return {false, 0.0};
    }
    self.queuedAt = start;
    self.previous = m_tail;
    if (m_tail)
        m_tail->next = &self;
    else
        m_head = &self;
    m_tail = &self;
    ++m_waiterCount;

    // A huge timeout (milliseconds::max() for "forever") would overflow the
    // clock's time_point; treat anything past its range as unbounded.
    const bool bounded
        = timeout < std::chrono::duration_cast<std::chrono::milliseconds>(Clock::time_point::max() - start);
    const Clock::time_point deadline = bounded ? start + timeout : Clock::time_point::max();

    const auto finished = [&self] { return self.granted || self.done; };
    while (!finished()) {
        // A task a holder has started must be waited for whatever the deadline:
        // it runs on memory this thread owns.
        if (!bounded || self.taken) {
            self.wakeUp.wait(guard);
            continue;
        }
        if (self.wakeUp.wait_until(guard, deadline) == std::cv_status::timeout && !finished()
            && !self.taken) {
            // Decided under the mutex: a grant or a take that raced with the
            // deadline has already been seen, so neither is ever lost.
            unlink(&self);
            ++m_timeouts;
            return {false, toMs(Clock::now() - start)};
        }
    }
    // The holder already unlinked us, counted the acquisition and, for a
    // grant, started the hold clock at the moment of the hand-off.
    return {true, self.waitedMs};
}

void UserLock::runAsHolder(Task &task)
{
    task.run();
    const Clock::time_point combiningSince = Clock::now();
    int combined = 0;
    // The waiters whose tasks ran in this batch, released together after
    // finishBatch(): linked through their `next`, which unlink() cleared.
    Waiter *ranFirst = nullptr;
    Waiter *ranLast = nullptr;
    std::unique_lock guard(m_mutex);
    // Only a task waiter can be served here; one that called acquire() needs
    // the lock itself, so the queue order decides when combining stops.
    while (m_head && m_head->task && combined < m_budget.maxTasks
        && Clock::now() - combiningSince < m_budget.maxTime) {
        Waiter *next = m_head;
        unlink(next);
        next->taken = true;
        next->waitedMs = toMs(Clock::now() - next->queuedAt);
        ++m_acquisitions;
        ++m_contended;
        ++m_combined;
        m_maxWaitMs = std::max(m_maxWaitMs, next->waitedMs);
        guard.unlock();
        next->task->run();
        ++combined;
        guard.lock();
        (ranLast ? ranLast->next : ranFirst) = next;
        ranLast = next;
    }
    guard.unlock();
    task.finishBatch();
    guard.lock();
    for (Waiter *done = ranFirst; done;) {
        Waiter *following = done->next;
        done->next = nullptr;
        done->done = true;
        // Notified under the mutex: the node lives on the waiter's stack, and
        // the waiter cannot return and destroy it before we unlock.
        done->wakeUp.notify_one();
        done = following;
    }
    const double heldMs = handOffLocked(Clock::now());
    guard.unlock();
    warnIfHeldLong(heldMs);
}

void UserLock::release()
{
    double heldMs = 0.0;
    {
        std::lock_guard guard(m_mutex);
        heldMs = handOffLocked(Clock::now());
    }
    warnIfHeldLong(heldMs);
}

double UserLock::handOffLocked(Clock::time_point now)
{
    Q_ASSERT_X(m_held, "UserLock::release", "released a lock that is not held");
    const double heldMs = toMs(now - m_heldSince);
    m_maxHoldMs = std::max(m_maxHoldMs, heldMs);

    if (Waiter *next = m_head) {
        // Direct hand-off: the lock never becomes free, so nobody arriving
        // now can take it before the front waiter.
        unlink(next);
        next->granted = true;
        next->waitedMs = toMs(now - next->queuedAt);
        m_heldSince = now;
        ++m_acquisitions;
        ++m_contended;
        m_maxWaitMs = std::max(m_maxWaitMs, next->waitedMs);
        // Notified under the mutex (see runAsHolder).
        next->wakeUp.notify_one();
    } else {
        m_held = false;
    }
    return heldMs;
}

void UserLock::warnIfHeldLong(double heldMs) const
{
    // Logged outside the mutex so a slow log sink does not extend the hold.
    if (heldMs > toMs(m_holdWarningThreshold)) {
        qCWarning(lcLocking).noquote()
            << u"user %1 held its lock for %2 ms (warning threshold %3 ms)"_s.arg(m_userId)
                   .arg(heldMs, 0, 'f', 1)
                   .arg(m_holdWarningThreshold.count());
    }
}

UserLockStats UserLock::stats() const
{
    std::lock_guard guard(m_mutex);
    return UserLockStats {
        .userId = m_userId,
        .waiters = m_waiterCount,
        .acquisitions = m_acquisitions,
        .contended = m_contended,
        .combined = m_combined,
        .timeouts = m_timeouts,
        .maxWaitMs = m_maxWaitMs,
        .maxHoldMs = m_maxHoldMs,
        .held = m_held,
    };
}

void UserLock::unlink(Waiter *waiter)
{
    if (waiter->previous)
        waiter->previous->next = waiter->next;
    else
        m_head = waiter->next;
    if (waiter->next)
        waiter->next->previous = waiter->previous;
    else
        m_tail = waiter->previous;
    waiter->previous = waiter->next = nullptr;
    --m_waiterCount;
}

} // namespace javumbo
