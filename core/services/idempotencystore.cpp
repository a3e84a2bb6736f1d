#include "idempotencystore.h"

#include "storage/database.h"
#include "storage/transaction.h"

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

Result<void> createSchema(storage::Connection &connection, storage::OpenMode)
{
    return connection.execute(
        u"CREATE TABLE IF NOT EXISTS idempotency (user_id integer NOT NULL, key text NOT NULL,"
        " created_at integer NOT NULL, completed integer NOT NULL, request_hash blob NOT NULL,"
        " status integer NOT NULL, body blob NOT NULL, PRIMARY KEY (user_id, key))"_s);
}

} // namespace

IdempotencyStore::IdempotencyStore(QString path, const Clock &clock) : m_path(std::move(path)), m_clock(clock)
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
    auto db = storage::Database::open(m_path, storage::OpenMode::CreateIfMissing, &createSchema);
    if (!db)
        return db.error();
    storage::Query insert(*db.value(),
        u"INSERT OR REPLACE INTO idempotency (user_id, key, created_at, completed,"
        " request_hash, status, body) VALUES (?, ?, ?, 0, ?, 0, x'')"_s);
    insert.bind(userId).bind(key).bind(createdAtMs).bind(requestHash);
    return insert.exec();
}

Result<void> IdempotencyStore::complete(qint64 userId, const QString &key, int status, const QByteArray &body)
{
    auto db = storage::Database::open(m_path, storage::OpenMode::CreateIfMissing, &createSchema);
    if (!db)
        return db.error();
    storage::Query update(*db.value(),
        u"UPDATE idempotency SET completed = 1, status = ?, body = ? WHERE user_id = ? AND key = ?"_s);
    update.bind(status).bind(body).bind(userId).bind(key);
    return update.exec();
}

Result<void> IdempotencyStore::abandon(qint64 userId, const QString &key)
{
    auto db = storage::Database::open(m_path, storage::OpenMode::CreateIfMissing, &createSchema);
    if (!db)
        return db.error();
    storage::Query remove(
        *db.value(), u"DELETE FROM idempotency WHERE user_id = ? AND key = ? AND completed = 0"_s);
    remove.bind(userId).bind(key);
    return remove.exec();
}

Result<int> IdempotencyStore::purgeExpired()
{
    auto db = storage::Database::open(m_path, storage::OpenMode::CreateIfMissing, &createSchema);
    if (!db)
        return db.error();
    storage::Query remove(*db.value(), u"DELETE FROM idempotency WHERE created_at <= ?"_s);
    remove.bind(m_clock.nowMs() - kRetentionMs);
    if (auto done = remove.exec(); !done)
        return done.error();
    return remove.rowsAffected();
}

} // namespace javumbo
