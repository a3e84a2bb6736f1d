#pragma once

#include "common/result.h"

#include <QSqlError>

struct sqlite3;

namespace javumbo::storage {

// SQLite's primary result codes we tell apart (sqlite3.h).
enum class SqliteCode
{
    Other = -1,
    Busy = 5,
    Locked = 6,
    ReadOnly = 8,
    IoError = 10,
    Corrupt = 11,
    Full = 13,
    CantOpen = 14,
    Constraint = 19,
    NotADatabase = 26,
};

SqliteCode sqliteCode(const QSqlError &error);

// Turns a driver error into an error value that names its real cause: a full
// or read-only disk is "storage_unavailable", never a generic failure.
Error storageError(const QSqlError &error, const QString &context);
// What Qt's driver would report for a call on `db` that returned `code` (storage::Query runs
// SQLite's C API itself): SQLite's message, the driver's words, the code as text.
QSqlError sqliteError(sqlite3 *db, int code, const QString &driverText, QSqlError::ErrorType type);

} // namespace javumbo::storage
