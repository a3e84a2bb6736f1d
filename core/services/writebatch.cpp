#include "writebatch.h"

#include <QLoggingCategory>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

Q_LOGGING_CATEGORY(lcBatch, "javumbo.storage")

thread_local std::unique_ptr<WriteBatch> t_batch;
std::atomic<quint64> s_batches {0};
std::atomic<quint64> s_writes {0};
std::atomic<quint64> s_failedBatches {0};

} // namespace

WriteBatch::WriteBatch(storage::Connection &connection) : m_transaction(connection) { }

Result<WriteBatch *> WriteBatch::join(storage::Connection &connection)
{
    if (t_batch && &t_batch->m_transaction.connection() != &connection)
        finishOnThisThread(); // another file: the holder's batch is for one user's collection
    if (!t_batch) {
        auto batch = std::make_unique<WriteBatch>(connection);
        if (!batch->m_transaction.isActive())
            return batch->m_transaction.error();
        t_batch = std::move(batch);
    }
    return t_batch.get();
}

Result<void> WriteBatch::commit()
{
    // Never commit into a file that was damaged or replaced under the batch.
    storage::Connection &connection = m_transaction.connection();
    if (connection.engine() == storage::Engine::SQLite) {
        if (auto sound = storage::FileWatch::instance().verify(
                connection.path(), connection.openedStamp(), connection.pageSize());
            !sound)
            return sound;
    }
    if (!m_transaction.connection().inTransaction())
        return makeError(ErrorCode::StorageUnavailable,
            u"the batch on %1 was rolled back by SQLite (disk full or I/O error)"_s.arg(
                m_transaction.connection().path()));
    return m_transaction.commit();
}

void WriteBatch::finishOnThisThread() noexcept
{
    std::unique_ptr<WriteBatch> batch = std::move(t_batch);
    if (!batch)
        return;
    const Result<void> committed = batch->m_settled.empty() ? Result<void> {} : batch->commit();
    if (committed) {
        ++s_batches;
        s_writes += batch->m_settled.size();
    } else {
        ++s_failedBatches;
        qCWarning(lcBatch).noquote() << u"a batch of %1 writes failed to commit: %2"_s
                                            .arg(batch->m_settled.size())
                                            .arg(committed.error().message);
    }
    // Rolled back (if not committed) before anyone hears of it.
    std::vector<Settled> settled = std::move(batch->m_settled);
    batch.reset();
    for (const Settled &callback : settled)
        callback(committed);
}

WriteBatch::Stats WriteBatch::stats()
{
    return {s_batches.load(), s_writes.load(), s_failedBatches.load()};
}

} // namespace javumbo
