#pragma once

#include "connection.h"

#include <QString>

namespace javumbo::storage {

// Runs once when a thread first opens a file: creates the schema of a new
// file, or checks the version of an existing one.
using SchemaInitializer = Result<void> (*)(Connection &connection, OpenMode mode);

// What a commit promises (README "Admins", docs/architecture.md §durability).
enum class Durability
{
    // synchronous=FULL: every commit syncs the WAL before it returns, so an
    // acknowledged write survives a crash of the operating system or a power
    // loss. Group commit (CollectionAccess) shares one sync among the writes
    // queued for one user.
    Full,
    // synchronous=NORMAL: commits sync only at checkpoints. An acknowledged
    // write survives a crash of the process, but the last commits before an
    // OS crash or power loss may be lost (never a damaged file).
    Normal,
};

struct DatabaseOptions
{
    int busyTimeoutMs = 5000; // a safety net only: writers are serialised by UserLockRegistry
    Durability durability = Durability::Full;
};

// Opens SQLite files for the calling thread. Every pragma Javumbo relies on
// is set here and nowhere else.
//
// Every use of a cached connection first checks the file with FileWatch
// (replaced, truncated or changed behind our back is StorageCorrupt), and a
// file is quick_checked when first opened. A ReadWrite open that the disk
// refuses (full, read-only) falls back to a read-only connection, so reads
// still work; writes through it fail as storage_unavailable.
class Database
{
public:
    // The calling thread's connection to `path` (or the file's writer
    // connection while this thread pins it: WriterConnections), opened and
    // initialised on first use and cached afterwards.
    static Result<Connection *> open(const QString &path, OpenMode mode, SchemaInitializer initializer,
        const DatabaseOptions &options = {});
    // Closes the calling thread's connection to `path`, and the writer
    // connection it pins (before deleting or replacing the file).
    static void closeOnThisThread(const QString &path);
    static void closeAllOnThisThread();

    static void setDefaultOptions(const DatabaseOptions &options);
    static DatabaseOptions defaultOptions();

    static QString durabilityName(Durability durability);
    static std::optional<Durability> durabilityFromName(const QString &name);
};

} // namespace javumbo::storage
