#pragma once

#include "pgdatabase.h"

#include <chrono>

namespace javumbo::postgres {

// The version of the PostgreSQL schema this Javumbo writes (docs/postgresql.md §2).
inline constexpr int kPgSchemaVersion = 2;
// The advisory lock that serialises schema changes: the two-key form, a key
// space apart from the users' one-key write locks (userwritelock.h).
inline constexpr int kPgSchemaLockClass = 0x4a56; // "JV"
inline constexpr int kPgSchemaLockObject = 1;

// Creates the schema in an empty database, migrates an older one, and
// refuses one written by a newer Javumbo (storage_corrupt, nothing touched).
// Instances starting together are serialised by an advisory lock, so
// exactly one of them creates or migrates.
//
// One set of tables for all users, not a schema or a database per user (the
// catalog would grow with every account): Anki's tables gain a leading
// user_id (PRIMARY KEY (user_id, id); Anki's indexes prefixed with user_id;
// col holds one row per user), beside accounts, sessions, Idempotency-Keys
// and the login throttle's failures, so every instance sees the same state.
// Every query filters by user_id, which is also what Citus would distribute on.
// Waits at most `lockBound` for another instance's schema change, then
// storage_unavailable.
Result<void> preparePgSchema(
    PgDatabase &database, std::chrono::milliseconds lockBound = std::chrono::seconds(60));

// The version a database holds: 0 when it has no Javumbo schema.
Result<int> pgSchemaVersion(PgDatabase &database, QSqlDatabase &db);

} // namespace javumbo::postgres
