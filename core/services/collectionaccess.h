#pragma once

#include "collection/usercollection.h"
#include "common/result.h"
#include "servicecontext.h"
#include "storage/writelockbound.h"
#include "storage/writerconnections.h"
#include "writebatch.h"

#include <optional>
#include <type_traits>

namespace javumbo {

// The one place that opens a user's collection: plain reads run unlocked
// (WAL), every write and read-modify-write runs under the user's lock with a
// bounded wait (docs/architecture.md §3), in the group commit of that lock's
// holder (WriteBatch). A collection found damaged is quarantined here
// (Quarantine) and refused from then on, for reads and writes alike.
class CollectionAccess
{
public:
    explicit CollectionAccess(const ServiceContext &context);

    collection::UserCollection collection(qint64 userId) const;

    template<typename Work>
    auto read(qint64 userId, Work &&work) const -> std::invoke_result_t<Work, collection::UserCollection &>
    {
        collection::UserCollection userCollection = collection(userId);
        if (auto refused = refusal(userCollection.path()))
            return *refused;
        auto result = work(userCollection);
        if (!result && result.code() == ErrorCode::StorageCorrupt)
            return screen(userCollection.path(), result.error());
        return result;
    }

    // Runs `work` holding the user's lock; UserBusy if it is not free in time.
    // The work may run on the thread that holds the lock when it queues
    // (UserLockRegistry::run), so it reaches the collection only through its
    // argument and keeps no thread-local state. Its transaction is a savepoint
    // in the holder's batch: the result is returned only after that batch
    // committed (and synced), and a batch that fails to commit fails every
    // write in it. `afterCommit(value)` runs once the batch holding a
    // successful write has committed, before the caller returns: what must
    // never be recorded for a write that did not reach the disk goes there
    // (CardService::addOnce completes its Idempotency-Key so).
    template<typename Work, typename AfterCommit>
    auto write(qint64 userId, Work &&work, AfterCommit &&afterCommit) const
        -> std::invoke_result_t<Work, collection::UserCollection &>
    {
        using Outcome = std::invoke_result_t<Work, collection::UserCollection &>;
        collection::UserCollection probe = collection(userId);
        if (auto refused = refusal(probe.path()))
            return *refused;
        // Planted fault (loadtest self-test) no-user-lock: writers of one user
        // race, serialised only by SQLite (PlantedCollectionHooks adds the answer's stale read).
        if (m_context.fault == Fault::NoUserLock) [[unlikely]] {
            const storage::PlantedNoUserLock unlocked; // and on PostgreSQL the cross-instance lock too
            auto result = work(probe);
            if (result)
                settle(result, afterCommit);
            return result;
        }
        std::optional<Outcome> result;
        const auto deadline = std::chrono::steady_clock::now() + m_context.lockTimeout;
        auto ran = m_context.locks->run(
            userId, m_context.lockTimeout,
            [&] {
                // On PostgreSQL the user's lock across instances waits at most what is left.
                const storage::WriteLockBound bound(deadline);
                // Through the file's one writer connection, whose page cache then stays valid.
                if (m_context.writers)
                    m_context.writers->pinOnThisThread(probe.path());
                collection::UserCollection userCollection = collection(userId);
                auto connection = userCollection.connection();
                auto batch = connection ? WriteBatch::join(*connection.value())
                                        : Result<WriteBatch *>(connection.error());
                if (!batch) {
                    result.emplace(batch.error());
                    return;
                }
                result.emplace(work(userCollection));
                if (!result->ok()) // rolled back to its savepoint: the batch goes on without it
                    return;
                batch.value()->onSettled([&, userId](const Result<void> &committed) {
                    if (!committed) {
                        result.emplace(committed.error());
                        return;
                    }
                    noteWrite(userId, probe.path());
                    settle(*result, afterCommit);
                });
            },
            [] {
                WriteBatch::finishOnThisThread();
                storage::WriterConnections::unpinOnThisThread();
            });
        noteLockWait(ran);
        if (!ran)
            return ran.error();
        if (!*result && result->code() == ErrorCode::StorageCorrupt)
            return screen(probe.path(), result->error());
        return std::move(*result);
    }
    template<typename Work>
    auto write(qint64 userId, Work &&work) const -> std::invoke_result_t<Work, collection::UserCollection &>
    {
        return write(userId, std::forward<Work>(work), [](const auto &...) {});
    }

    const ServiceContext &context() const { return m_context; }

private:
    template<typename Outcome, typename AfterCommit>
    static void settle(Outcome &result, AfterCommit &afterCommit)
    {
        if constexpr (std::is_same_v<Outcome, Result<void>>)
            afterCommit();
        else
            afterCommit(result.value());
    }
    // Hands the file's WAL checkpoint to the context's WalCheckpointer.
    void noteWrite(qint64 userId, const QString &path) const;
    // Adds the wait to this request's trace, on the requesting thread.
    void noteLockWait(const Result<double> &ran) const;
    // The answer for a quarantined collection, if this one is.
    std::optional<Error> refusal(const QString &path) const;
    // A storage_corrupt answer: quarantines the file when a check confirms
    // the damage, and never shows the user SQLite's text.
    Error screen(const QString &path, const Error &error) const;
    const ServiceContext &m_context;
};

} // namespace javumbo
