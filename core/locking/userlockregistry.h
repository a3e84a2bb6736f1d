#pragma once

#include "combiningbudget.h"
#include "common/result.h"
#include "userlockguard.h"
#include "userlockstats.h"

#include <QList>
#include <QtGlobal>

#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

namespace javumbo {

class UserLock;

// Outside the class only because a nested struct's member initializers
// cannot feed a default argument of the enclosing class (CWG 1397).
struct UserLockRegistryOptions
{
    // A release after holding longer than this logs a warning in javumbo.locking.
    std::chrono::milliseconds holdWarningThreshold {1000};
    // How many queued tasks, and for how long, a holder runs for others in run().
    CombiningBudget combining;
};

// One fair (FIFO) lock per user, created on first use, with bounded waits
// and per-user statistics; thread-safe (docs/architecture.md §3).
//
// Services hold a user's lock around every write to that user's collection.
// Locks are not recursive. Entries live as long as the registry, which must
// outlive every guard it issued.
class UserLockRegistry
{
public:
    using Options = UserLockRegistryOptions;
    using WaitObserver = std::function<void(qint64 userId, double waitedMs)>;

    explicit UserLockRegistry(Options options = {});
    ~UserLockRegistry();
    UserLockRegistry(const UserLockRegistry &) = delete;
    UserLockRegistry &operator=(const UserLockRegistry &) = delete;

    // Waits at most `timeout` (0 ms: only if free now); on timeout the guard
    // is not locked. Waiters are served strictly in arrival order.
    UserLockGuard acquire(qint64 userId, std::chrono::milliseconds timeout);
    // As acquire(), but a timeout is ErrorCode::UserBusy (503 + Retry-After).
    Result<UserLockGuard> lock(qint64 userId, std::chrono::milliseconds timeout);

    // Runs `work()` once holding the user's lock and returns how long it
    // waited to start, or UserBusy (nothing ran) if the lock was not reached
    // within `timeout`. The work may run on another thread: the one holding
    // the lock when it is queued runs it (flat combining, see UserLock), while
    // this thread waits. So it must not depend on thread-local state or take
    // another user's lock; an exception it throws is rethrown here.
    template<typename Work>
    Result<double> run(qint64 userId, std::chrono::milliseconds timeout, Work &&work)
    {
        return run(userId, timeout, std::forward<Work>(work), [] {});
    }
    // As run(), and `finishBatch()` runs after this work and every queued
    // work combined with it, if this thread became the holder, before any of
    // their callers return (UserLock::Task::finishBatch). It must not throw.
    template<typename Work, typename Finish>
    Result<double> run(qint64 userId, std::chrono::milliseconds timeout, Work &&work, Finish &&finishBatch)
    {
        CallableTask<Work, Finish> task(work, finishBatch);
        auto ran = runTask(userId, timeout, task);
        if (task.failure)
            std::rethrow_exception(task.failure);
        return ran;
    }

    // Sorted by userId; only users whose lock was ever asked for.
    QList<UserLockStats> statistics() const;
    std::optional<UserLockStats> statistics(qint64 userId) const;

    // Called on the acquiring thread after each successful acquisition, with
    // the lock already held: keep it cheap. Set it before the registry is
    // used; changing it while other threads acquire is a data race.
    void setWaitObserver(WaitObserver observer);

private:
    // What UserLock::Task needs, without its header: a callable and a slot for its exception.
    struct ErasedTask
    {
        virtual void invoke() = 0;
        virtual void finish() noexcept = 0;
        std::exception_ptr failure;

    protected:
        ~ErasedTask() = default;
    };
    template<typename Work, typename Finish>
    struct CallableTask final : ErasedTask
    {
        CallableTask(Work &w, Finish &f) : work(w), finishBatch(f) { }
        void invoke() override { work(); }
        void finish() noexcept override { finishBatch(); }
        Work &work;
        Finish &finishBatch;
    };

    Result<double> runTask(qint64 userId, std::chrono::milliseconds timeout, ErasedTask &task);
    UserLock &lockFor(qint64 userId);
    Result<double> busy(qint64 userId, double waitedMs, std::chrono::milliseconds timeout) const;

    const Options m_options;
    WaitObserver m_waitObserver; // set before use (setWaitObserver), read without a lock
    mutable std::shared_mutex m_locksMutex;
    // Guarded by m_locksMutex (shared to look up, exclusive to insert). The
    // UserLock objects are not: each guards itself, and lives as long as the registry.
    std::unordered_map<qint64, std::unique_ptr<UserLock>> m_locks;
};

} // namespace javumbo
