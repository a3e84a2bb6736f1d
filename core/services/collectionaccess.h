#pragma once

#include "common/result.h"
#include "servicecontext.h"
#include "storage/usercollection.h"

#include <type_traits>

namespace javumbo {

// The one place that opens a user's collection: plain reads run unlocked
// (WAL), every write and read-modify-write runs under the user's lock with a
// bounded wait (ARCHITECTURE.md §3).
class CollectionAccess
{
public:
    explicit CollectionAccess(const ServiceContext &context);

    storage::UserCollection collection(qint64 userId) const;

    template<typename Work>
    auto read(qint64 userId, Work &&work) const
    {
        storage::UserCollection userCollection = collection(userId);
        return work(userCollection);
    }

    // Runs `work` holding the user's lock; UserBusy if it is not free in time.
    template<typename Work>
    auto write(qint64 userId, Work &&work) const -> std::invoke_result_t<Work, storage::UserCollection &>
    {
        // Planted fault (loadtest self-test) no-user-lock: writers of one user
        // race, serialised only by SQLite (UserCollection::answer adds the stale read).
        if (m_context.fault == Fault::NoUserLock) [[unlikely]] {
            storage::UserCollection userCollection = collection(userId);
            return work(userCollection);
        }
        auto guard = lock(userId);
        if (!guard)
            return guard.error();
        storage::UserCollection userCollection = collection(userId);
        return work(userCollection);
    }

    const ServiceContext &context() const { return m_context; }

private:
    Result<UserLockGuard> lock(qint64 userId) const;
    const ServiceContext &m_context;
};

} // namespace javumbo
