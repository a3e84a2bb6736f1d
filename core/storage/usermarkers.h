#pragma once

#include <QList>
#include <QString>

namespace javumbo::storage {

// The user filter of a collection statement, written once for both engines
// (docs/postgresql.md §9). On SQLite a collection is one user's file and the
// markers vanish; on PostgreSQL every collection table carries user_id and
// each marker becomes that filter:
//
//   $user(c)     before a condition    →  c.user_id = ? AND
//   $user()      the same, no alias    →  user_id = ? AND
//   $userColumn  in an INSERT's columns →  user_id,
//   $userValue   in its VALUES          →  ?,
//
// Statements keep binding only their own values: the engine puts the user's
// id at each marker's place among the positional parameters (userSlots).
struct MarkedSql
{
    QString sql;
    // One entry per `?` of `sql`, in order: true where the user's id goes.
    QList<bool> userSlots;
};

enum class UserFilter
{
    Dropped, // SQLite: the file is the user's
    Expanded, // PostgreSQL: every row names its user
};

// `sql` with its markers dropped or expanded. Quoted text ('…' and "…") is
// left alone. A `$` that starts no known marker is kept as written, so the
// engine's parser reports it.
MarkedSql applyUserMarkers(const QString &sql, UserFilter filter);

// Whether `sql` holds a marker at all (the common SQLite path skips the rewrite).
bool hasUserMarkers(const QString &sql);

} // namespace javumbo::storage
