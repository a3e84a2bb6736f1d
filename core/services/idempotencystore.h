#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "storage/connection.h"

#include <QByteArray>
#include <QString>
#include <QVariantList>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <vector>

namespace javumbo {

class WalCheckpointer;

// Remembered answers to POST /cards with an Idempotency-Key, per user, for 24
// hours, in its own SQLite file (idempotency.db) so the hot path never
// contends for admin.db. A record is written "pending" before the card and
// "completed" after it; see CardService for how a crash between the two is
// recovered without creating the card twice.
class IdempotencyStore
{
public:
    struct Record
    {
        qint64 createdAtMs = 0;
        bool completed = false;
        QByteArray requestHash;
        int status = 0;
        QByteArray body;
    };

    // `checkpointer` (may be null) takes the file's WAL checkpoints off the request path.
    IdempotencyStore(QString path, const Clock &clock, WalCheckpointer *checkpointer = nullptr);

    static constexpr qint64 kRetentionMs = 24LL * 3600 * 1000;
    // The SchemaInitializer of idempotency.db (also used by the migration from PostgreSQL).
    static Result<void> createSchema(storage::Connection &connection, storage::OpenMode mode);

    // Records older than the retention are treated as absent.
    Result<std::optional<Record>> find(qint64 userId, const QString &key);
    Result<void> begin(qint64 userId, const QString &key, qint64 createdAtMs, const QByteArray &requestHash);
    Result<void> complete(qint64 userId, const QString &key, int status, const QByteArray &body);
    Result<void> abandon(qint64 userId, const QString &key);
    Result<int> purgeExpired();
    // For tests of the combining: transactions committed so far (each one
    // sync with --durability full), statements waiting for a turn, and
    // whether a thread is committing a batch now.
    struct WriteStats
    {
        quint64 commits = 0;
        int queued = 0;
        bool committing = false;
    };
    WriteStats writeStats() const;

private:
    struct QueuedWrite
    {
        QString sql;
        QVariantList values;
        std::optional<Result<int>> result; // guarded by m_queueMutex
    };
    // Runs one statement that changes the file; returns the rows it changed.
    Result<int> write(const QString &sql, const QVariantList &values);
    // The writer's turn: every queued statement in one transaction, one
    // savepoint each; the results in the same order.
    std::vector<Result<int>> commitTogether(const std::vector<QueuedWrite *> &writes);

    QString m_path;
    const Clock &m_clock;
    WalCheckpointer *m_checkpointer = nullptr;
    // One file for every user, so all users' keyed adds write here, each
    // twice, and with --durability full every commit is a sync. SQLite's write
    // lock is no queue and its busy handler sleeps between retries
    // (docs/platform-notes.md §14), so writers take turns, and the statements
    // queued during one turn are committed together by the next (group
    // commit, as for collections: docs/architecture.md §3.2). A caller
    // returns only after the commit that holds its statement.
    mutable std::mutex m_queueMutex;
    std::condition_variable m_written;
    // Guarded by m_queueMutex:
    std::vector<QueuedWrite *> m_queue;
    bool m_writing = false; // a thread is committing a batch
    quint64 m_commits = 0;
};

} // namespace javumbo
