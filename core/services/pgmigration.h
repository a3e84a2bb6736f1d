#pragma once

#include "common/result.h"
#include "postgres/pgdatabase.h"

#include <QMap>
#include <QString>

#include <functional>

namespace javumbo {

// What a migration copied (docs/postgresql.md §6).
struct MigrationReport
{
    int accounts = 0;
    int sessions = 0;
    int idempotencyKeys = 0;
    int usersCopied = 0; // copied now, verified by their digest
    int usersAlreadyCopied = 0; // the target already held the same digest: left alone
    int usersWithoutCollection = 0; // registered, never wrote: nothing to copy
    QMap<QString, qint64> rows; // rows copied now, per table
    int mediaFiles = 0; // media files copied now (the folder beside a collection file <-> rows of `media`)
};

// Moves a whole installation between a data directory (SQLite) and a
// PostgreSQL database, in either direction, with one command (`javumbo
// migrate`).
//
// - The source is only read: SQLite files through read-only connections.
//   No server may run on either side meanwhile (the command claims the data
//   directory).
// - Resumable: each user is copied in one target transaction, and a user whose
//   target digest (CollectionDigest) already equals the source's is left
//   alone, so running it again after an interruption finishes the job and
//   copies nothing twice.
// - Verified: before a user's transaction commits, the digest of what the
//   target now holds must equal the source's; accounts, sessions and
//   Idempotency-Keys are compared by count.
// - A target holding accounts that are not the source's is refused:
//   migrating merges nothing.
class PgMigration
{
public:
    using Progress = std::function<void(const QString &line)>;

    static Result<MigrationReport> toPostgres(
        const QString &dataDir, postgres::PgDatabase &target, const Progress &progress = {});
    // The reverse: into a data directory (made if missing). Each user's
    // collection is written beside its final name, verified, and renamed into
    // place, so a file under a collection's name is always complete.
    static Result<MigrationReport> fromPostgres(
        postgres::PgDatabase &source, const QString &dataDir, const Progress &progress = {});
    // One user's collection as a SQLite file at `path` (the exporters work on
    // a file): read in one snapshot, written beside `path`, verified by its
    // digest and renamed into place.
    static Result<void> copyCollectionToFile(
        postgres::PgDatabase &source, qint64 userId, const QString &path);
};

} // namespace javumbo
