#pragma once

#include "pgdatabase.h"

#include <chrono>

namespace javumbo::postgres {

// Serialises one user's write transactions across every instance that shares
// the database; call it first in each write transaction (PgTransaction).
//
// The lock is PostgreSQL's transaction-scoped advisory lock on the user's id:
// commit, rollback or the server ending a dead client's session releases it,
// so no instance can leave it behind. The wait is bounded by `remaining` —
// what is left of the request's lock bound after the in-process lock
// (UserLockRegistry, which stays in front: at most one connection per
// instance and user waits here) — through SET LOCAL lock_timeout; running out
// is user_busy, the same 503 + Retry-After as the in-process lock.
//
// This is the one place that chooses the lock: under Citus, where advisory
// locks are per node, it would become a row lock on the user's col row
// (SELECT … FROM col WHERE user_id = ? FOR UPDATE).
Result<void> lockUserForWrite(
    PgDatabase &database, QSqlDatabase &db, qint64 userId, std::chrono::milliseconds remaining);

} // namespace javumbo::postgres
