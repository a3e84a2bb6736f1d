#pragma once

#include "connection.h"

#include <QStringList>

// Where the two engines' SQL differs, spelled once (docs/postgresql.md §9).
// Everything else is written once, in the SQL both accept, with the user
// markers of usermarkers.h.
namespace javumbo::storage::dialect {

// Inserts a row of a collection table, replacing the one with the same `key`
// (SQLite's INSERT OR REPLACE; ON CONFLICT … DO UPDATE on PostgreSQL, whose
// key leads with user_id). The caller binds one value per column.
// `userKey`: Marker for a collection table (the user is the engine's, as
// everywhere in a collection); InColumns for a shared table whose columns
// and key name user_id themselves.
enum class UserKey
{
    Marker,
    InColumns,
};
QString insertOrReplace(Engine engine, const QString &table, const QStringList &columns,
    const QStringList &key, UserKey userKey = UserKey::Marker);

// Makes one of Javumbo's own collection tables on first use (`createSql`:
// CREATE TABLE IF NOT EXISTS): a SQLite file may predate it. PostgreSQL's
// schema has it from the start (postgres/pgschema), so nothing runs there.
Result<void> ensureOwnTable(Connection &connection, const QString &createSql);

// What an INSERT appends to give its new row's id back as a result row
// (PostgreSQL); SQLite has Query::lastInsertId() instead.
QString returningId(Engine engine);

// SQLite's two-argument scalar max(): GREATEST on PostgreSQL.
QString greatest(Engine engine);

// A UNIQUE or PRIMARY KEY constraint refused the statement, on either engine.
bool isUniqueViolation(const QSqlError &error);

} // namespace javumbo::storage::dialect
