#include "idempotencystore.h"

#include "storage/database.h"
#include "storage/pgcollections.h"
#include "storage/sqldialect.h"
#include "storage/transaction.h"
#include "walcheckpointer.h"

using namespace Qt::StringLiterals;

namespace javumbo {

Result<void> IdempotencyStore::createSchema(storage::Connection &connection, storage::OpenMode)
{
    return connection.execute(
        u"CREATE TABLE IF NOT EXISTS idempotency (user_id integer NOT NULL, key text NOT NULL,"
        " created_at integer NOT NULL, completed integer NOT NULL, request_hash blob NOT NULL,"
        " status integer NOT NULL, body blob NOT NULL, PRIMARY KEY (user_id, key))"_s);
}

IdempotencyStore::IdempotencyStore(QString path, const Clock &clock, WalCheckpointer *checkpointer)
    : m_path(std::move(path)), m_clock(clock), m_checkpointer(checkpointer)
{ }

Result<std::optional<IdempotencyStore::Record>> IdempotencyStore::find(qint64 userId, const QString &key)
{
    auto db = storage::Database::open(m_path, storage::OpenMode::CreateIfMissing, &createSchema);
    if (!db)
        return db.error();
    storage::Query query(*db.value(),
        u"SELECT created_at, completed, request_hash, status, body FROM idempotency"
        " WHERE user_id = ? AND key = ? AND created_at > ?"_s);
    query.bind(userId).bind(key).bind(m_clock.nowMs() - kRetentionMs);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return std::optional<Record> {};
    Record record;
    record.createdAtMs = query.int64(0);
    record.completed = query.int32(1) != 0;
    record.requestHash = query.value(2).toByteArray();
    record.status = query.int32(3);
    record.body = query.value(4).toByteArray();
    return std::optional<Record> {record};
}

Result<void> IdempotencyStore::begin(
    qint64 userId, const QString &key, qint64 createdAtMs, const QByteArray &requestHash)
{
    // A key found expired (find() ignores it) is replaced by the new request's.
    static const QStringList kColumns {
        u"user_id"_s, u"key"_s, u"created_at"_s, u"completed"_s, u"request_hash"_s, u"status"_s, u"body"_s};
    const storage::Engine engine
        = storage::PgCollections::isLocator(m_path) ? storage::Engine::Postgres : storage::Engine::SQLite;
    auto written = write(storage::dialect::insertOrReplace(engine, u"idempotency"_s, kColumns,
                             {u"user_id"_s, u"key"_s}, storage::dialect::UserKey::InColumns),
        {userId, key, createdAtMs, 0, requestHash, 0, QByteArray("")});
    return written ? Result<void>() : written.error();
}

Result<void> IdempotencyStore::complete(qint64 userId, const QString &key, int status, const QByteArray &body)
{
    auto written
        = write(u"UPDATE idempotency SET completed = 1, status = ?, body = ? WHERE user_id = ? AND key = ?"_s,
            {status, body, userId, key});
    return written ? Result<void>() : written.error();
}

Result<void> IdempotencyStore::abandon(qint64 userId, const QString &key)
{
    auto written
        = write(u"DELETE FROM idempotency WHERE user_id = ? AND key = ? AND completed = 0"_s, {userId, key});
    return written ? Result<void>() : written.error();
}

Result<int> IdempotencyStore::purgeExpired()
{
    return write(u"DELETE FROM idempotency WHERE created_at <= ?"_s, {m_clock.nowMs() - kRetentionMs});
}

Result<int> IdempotencyStore::write(const QString &sql, const QVariantList &values)
{
    QueuedWrite mine {sql, values, std::nullopt};
    std::unique_lock lock(m_queueMutex);
    m_queue.push_back(&mine);
    // Either a writer commits `mine` with its batch, or the turn is free and
    // `mine` (still queued: a writer takes the whole queue) is in this one.
    m_written.wait(lock, [&] { return mine.result.has_value() || !m_writing; });
    if (mine.result)
        return *mine.result;
    m_writing = true;
    std::vector<QueuedWrite *> batch;
    batch.swap(m_queue);
    lock.unlock();
    std::vector<Result<int>> results = commitTogether(batch);
    lock.lock();
    for (std::size_t i = 0; i < batch.size(); ++i)
        batch[i]->result = std::move(results[i]);
    m_writing = false;
    m_written.notify_all();
    return *mine.result;
}

std::vector<Result<int>> IdempotencyStore::commitTogether(const std::vector<QueuedWrite *> &writes)
{
    auto db = storage::Database::open(m_path, storage::OpenMode::CreateIfMissing, &createSchema);
    if (!db)
        return std::vector<Result<int>>(writes.size(), db.error());
    storage::BatchTransaction batch(*db.value());
    if (!batch.isActive())
        return std::vector<Result<int>>(writes.size(), batch.error());
    std::vector<Result<int>> results;
    results.reserve(writes.size());
    for (const QueuedWrite *write : writes) {
        storage::Transaction savepoint(*db.value()); // a failed statement rolls back alone
        if (!savepoint.isActive()) {
            results.emplace_back(savepoint.error());
            continue;
        }
        storage::Query query(*db.value(), write->sql);
        for (const QVariant &value : write->values)
            query.bind(value);
        if (auto done = query.exec(); !done) {
            results.emplace_back(done.error());
        } else if (auto released = savepoint.commit(); !released) {
            results.emplace_back(released.error());
        } else {
            results.emplace_back(query.rowsAffected());
        }
    }
    if (auto committed = batch.commit(); !committed) {
        for (Result<int> &result : results)
            result = committed.error(); // nothing of the batch is on disk
        return results;
    }
    {
        std::lock_guard guard(m_queueMutex);
        ++m_commits;
    }
    if (m_checkpointer)
        m_checkpointer->noteWrite(m_path, 0);
    return results;
}

IdempotencyStore::WriteStats IdempotencyStore::writeStats() const
{
    std::lock_guard guard(m_queueMutex);
    return {m_commits, int(m_queue.size()), m_writing};
}

} // namespace javumbo
