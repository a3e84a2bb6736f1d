#pragma once

#include "connection.h"

#include <QString>

namespace javumbo::storage {

// Runs once when a thread first opens a file: creates the schema of a new
// file, or checks the version of an existing one.
using SchemaInitializer = Result<void> (*)(Connection &connection, OpenMode mode);

struct DatabaseOptions
{
    int busyTimeoutMs = 5000; // a safety net only: writers are serialised by UserLockRegistry
};

// Opens SQLite files for the calling thread. Every pragma Javumbo relies on
// is set here and nowhere else.
class Database
{
public:
    // The calling thread's connection to `path`, opened and initialised on
    // first use and cached afterwards.
    static Result<Connection *> open(const QString &path, OpenMode mode, SchemaInitializer initializer,
        const DatabaseOptions &options = {});
    // Closes the calling thread's connection to `path` (before deleting or
    // replacing the file).
    static void closeOnThisThread(const QString &path);
    static void closeAllOnThisThread();

    static void setDefaultOptions(const DatabaseOptions &options);
};

} // namespace javumbo::storage
