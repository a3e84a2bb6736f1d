#pragma once

#include "common/result.h"

#include <QSqlError>

namespace javumbo::postgres {

// PostgreSQL's SQLSTATE of a failed statement (QPSQL puts it in the native
// error code); empty when the client failed before the server answered.
QString sqlState(const QSqlError &error);

// Turns a driver error into an error value that names its cause, the
// PostgreSQL counterpart of storage::storageError (docs/architecture.md §4):
// the server unreachable, restarting, read-only or out of disk →
// storage_unavailable (503, the client retries); a lock wait past
// lock_timeout → user_busy; damaged data → storage_corrupt; the rest internal.
Error pgError(const QSqlError &error, const QString &context);

// The server refused or dropped the connection: it must be closed and opened
// again, not reused (SQLSTATE classes 08 and 57P). A link that broke mid-statement
// may carry no SQLSTATE at all: PgDatabase also asks libpq (PQstatus).
bool isConnectionLoss(const QSqlError &error);

} // namespace javumbo::postgres
