#pragma once

#include "common/clock.h"
#include "common/result.h"

#include <QByteArray>
#include <QString>
#include <QVariantList>

#include <mutex>
#include <optional>

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

    // Records older than the retention are treated as absent.
    Result<std::optional<Record>> find(qint64 userId, const QString &key);
    Result<void> begin(qint64 userId, const QString &key, qint64 createdAtMs, const QByteArray &requestHash);
    Result<void> complete(qint64 userId, const QString &key, int status, const QByteArray &body);
    Result<void> abandon(qint64 userId, const QString &key);
    Result<int> purgeExpired();

private:
    // Runs one statement that changes the file; returns the rows it changed.
    Result<int> write(const QString &sql, const QVariantList &values);

    QString m_path;
    const Clock &m_clock;
    WalCheckpointer *m_checkpointer = nullptr;
    // One file for every user, so all users' keyed adds write here. SQLite's
    // write lock is no queue and its busy handler sleeps between retries
    // (PLATFORM-NOTES.md §14): writers take turns on this mutex instead.
    // Guarded by m_writeMutex: no member, but every write to the file at
    // m_path (write()); reads run without it (WAL).
    std::mutex m_writeMutex;
};

} // namespace javumbo
