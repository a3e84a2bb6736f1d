#pragma once

#include "collection/usercollection.h"
#include "common/result.h"
#include "servicecontext.h"

#include <optional>
#include <type_traits>

namespace javumbo {

// The one place that opens a user's collection: plain reads run unlocked
// (WAL), every write and read-modify-write runs under the user's lock with a
// bounded wait (ARCHITECTURE.md §3).
class CollectionAccess
{
public:
    explicit CollectionAccess(const ServiceContext &context);

    collection::UserCollection collection(qint64 userId) const;

    template<typename Work>
    auto read(qint64 userId, Work &&work) const
    {
        collection::UserCollection userCollection = collection(userId);
        return work(userCollection);
    }

    // Runs `work` holding the user's lock; UserBusy if it is not free in time.
    // The work may run on the thread that holds the lock when it queues
    // (UserLockRegistry::run), so it reaches the collection only through its
    // argument and keeps no thread-local state.
    template<typename Work>
    auto write(qint64 userId, Work &&work) const -> std::invoke_result_t<Work, collection::UserCollection &>
    {
        // Planted fault (loadtest self-test) no-user-lock: writers of one user
        // race, serialised only by SQLite (PlantedCollectionHooks adds the answer's stale read).
        if (m_context.fault == Fault::NoUserLock) [[unlikely]] {
            collection::UserCollection userCollection = collection(userId);
            return work(userCollection);
        }
        std::optional<std::invoke_result_t<Work, collection::UserCollection &>> result;
        auto ran = m_context.locks->run(userId, m_context.lockTimeout, [&] {
            collection::UserCollection userCollection = collection(userId);
            result.emplace(work(userCollection));
            if (result->ok()) // a refused write committed nothing
                noteWrite(userId, userCollection);
        });
        noteLockWait(ran);
        if (!ran)
            return ran.error();
        return std::move(*result);
    }

    const ServiceContext &context() const { return m_context; }

private:
    // Hands the file's WAL checkpoint to the context's WalCheckpointer.
    void noteWrite(qint64 userId, const collection::UserCollection &written) const;
    // Adds the wait to this request's trace, on the requesting thread.
    void noteLockWait(const Result<double> &ran) const;
    const ServiceContext &m_context;
};

} // namespace javumbo
