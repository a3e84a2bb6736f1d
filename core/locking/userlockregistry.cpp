#include "userlockregistry.h"

#include "userlock.h"

#include <algorithm>
#include <mutex>

using namespace Qt::StringLiterals;

namespace javumbo {

UserLockRegistry::UserLockRegistry(Options options) : m_options(options) { }

UserLockRegistry::~UserLockRegistry() = default;

UserLockGuard UserLockRegistry::acquire(qint64 userId, std::chrono::milliseconds timeout)
{
    UserLock &userLock = lockFor(userId);
    const UserLock::Attempt attempt = userLock.acquire(timeout);
    if (!attempt.locked)
        return UserLockGuard(nullptr, userId, attempt.waitedMs);

    // The guard exists before the observer runs, so an observer that throws
    // still releases the lock.
    UserLockGuard guard(&userLock, userId, attempt.waitedMs);
    if (m_waitObserver)
        m_waitObserver(userId, attempt.waitedMs);
    return guard;
}

Result<UserLockGuard> UserLockRegistry::lock(qint64 userId, std::chrono::milliseconds timeout)
{
    UserLockGuard guard = acquire(userId, timeout);
    if (!guard.isLocked())
        return busy(userId, guard.waitedMs(), timeout).error();
    return guard;
}

Result<double> UserLockRegistry::runTask(qint64 userId, std::chrono::milliseconds timeout, ErasedTask &task)
{
    // Adapts the registry's task to the lock's, catching what the work throws
    // on whichever thread runs it.
    struct Adapter final : UserLock::Task
    {
        explicit Adapter(ErasedTask &t) : erased(t) { }
        void run() noexcept override
        {
            try {
                erased.invoke();
            } catch (...) {
                erased.failure = std::current_exception();
            }
        }
        void finishBatch() noexcept override { erased.finish(); }
        ErasedTask &erased;
    } adapter(task);

    const UserLock::Attempt attempt = lockFor(userId).run(timeout, adapter);
    if (!attempt.locked)
        return busy(userId, attempt.waitedMs, timeout);
    if (m_waitObserver)
        m_waitObserver(userId, attempt.waitedMs);
    return attempt.waitedMs;
}

Result<double> UserLockRegistry::busy(qint64 userId, double waitedMs, std::chrono::milliseconds timeout) const
{
    return makeError(ErrorCode::UserBusy,
        u"user %1 is busy: lock not free after waiting %2 ms (timeout %3 ms)"_s.arg(userId)
            .arg(waitedMs, 0, 'f', 1)
            .arg(timeout.count()));
}

QList<UserLockStats> UserLockRegistry::statistics() const
{
    QList<UserLockStats> result;
    {
        std::shared_lock guard(m_locksMutex);
        result.reserve(qsizetype(m_locks.size()));
        for (const auto &entry : m_locks)
            result.append(entry.second->stats());
    }
    std::sort(result.begin(), result.end(),
        [](const UserLockStats &a, const UserLockStats &b) { return a.userId < b.userId; });
    return result;
}

std::optional<UserLockStats> UserLockRegistry::statistics(qint64 userId) const
{
    std::shared_lock guard(m_locksMutex);
    const auto it = m_locks.find(userId);
    if (it == m_locks.end())
        return std::nullopt;
    return it->second->stats();
}

void UserLockRegistry::setWaitObserver(WaitObserver observer)
{
    m_waitObserver = std::move(observer);
}

UserLock &UserLockRegistry::lockFor(qint64 userId)
{
    {
        std::shared_lock guard(m_locksMutex);
        if (const auto it = m_locks.find(userId); it != m_locks.end())
            return *it->second;
    }
    // Looked up again under the exclusive lock: two threads meeting a new
    // user here must end up with the same entry.
    std::unique_lock guard(m_locksMutex);
    auto it = m_locks.find(userId);
    if (it == m_locks.end())
        it = m_locks
                 .emplace(userId,
                     std::make_unique<UserLock>(userId, m_options.holdWarningThreshold, m_options.combining))
                 .first;
    return *it->second;
}

} // namespace javumbo
