#pragma once

#include "common/result.h"
#include "storage/connection.h"

#include <QString>

namespace javumbo {

// admin.db holds accounts and sessions (docs/api.md §10). Its schema
// lives here, in one place, for AccountStore and SessionStore alike.
inline constexpr int kAdminSchemaVersion = 1;

// A storage::SchemaInitializer: creates missing tables in one transaction and
// stamps the version; refuses a file from a newer Javumbo (StorageCorrupt).
Result<void> initializeAdminSchema(storage::Connection &connection, storage::OpenMode mode);

// The calling thread's connection to admin.db, schema ready.
Result<storage::Connection *> openAdminDatabase(
    const QString &adminDbPath, storage::OpenMode mode = storage::OpenMode::CreateIfMissing);

} // namespace javumbo
