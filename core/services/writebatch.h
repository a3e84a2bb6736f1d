#pragma once

#include "common/result.h"
#include "storage/transaction.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace javumbo {

// Group commit (issue 14, docs/architecture.md "Life of a write"): the writes
// one lock holder runs for a user (its own and those it combines,
// UserLock::run) share one transaction on its thread. The first write opens
// it (BEGIN IMMEDIATE); each write is a savepoint in it (storage::Transaction),
// so a failed write rolls back alone; the holder commits once after the last
// (finishOnThisThread), and only then are the writers told how they ended:
// nobody is acknowledged before the commit, and with Durability::Full the
// sync, that holds their write.
//
// Thread-local: at most one batch per thread, for one file.
class WriteBatch
{
public:
    using Settled = std::function<void(const Result<void> &committed)>;

    // The batch open on this thread for `connection`'s file, begun if none is.
    static Result<WriteBatch *> join(storage::Connection &connection);
    // Commits the batch open on this thread, if any, and tells every write's
    // callback how the commit went. A batch that fails to commit is rolled
    // back whole: every write in it failed.
    static void finishOnThisThread() noexcept;

    // Runs after the commit (or the failure) of this batch, on this thread.
    void onSettled(Settled settled) { m_settled.push_back(std::move(settled)); }

    // Batches committed and writes in them, process-wide (for /metrics).
    struct Stats
    {
        quint64 batches = 0;
        quint64 writes = 0;
        quint64 failedBatches = 0;
    };
    static Stats stats();

    explicit WriteBatch(storage::Connection &connection);

private:
    Result<void> commit();

    storage::BatchTransaction m_transaction;
    std::vector<Settled> m_settled;
};

} // namespace javumbo
