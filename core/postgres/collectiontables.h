#pragma once

#include <QList>
#include <QString>

namespace javumbo::postgres {

// How a column's values compare across the two backends. SQLite stores what
// it is given (Anki declares notes.sfld integer but writes the sort field's
// text into it), so values are read by their logical kind, not their storage.
enum class ColumnKind
{
    Integer, // bigint in PostgreSQL
    SmallInteger, // integer in PostgreSQL: flags, counters, enum-like columns
    Text,
    Blob, // bytea in PostgreSQL
};

struct TableColumn
{
    QString name; // lower case: PostgreSQL folds unquoted names, SQLite ignores case
    ColumnKind kind;
    QString defaultValue = {}; // what an INSERT that leaves the column out writes, as in SQLite
};

// One table of a user's collection, the same in a SQLite file and, with a
// leading user_id, in PostgreSQL (docs/postgresql.md §3). The one list both the
// PostgreSQL schema and the migration between the backends are made from.
struct CollectionTable
{
    QString name;
    QList<TableColumn> columns;
    QStringList key; // PostgreSQL's primary key after user_id, and the order rows are compared in
    bool keyIsUnique = true; // graves has no key in Anki: rows are ordered by all columns
    bool javumbosOwn = false; // made on first use: a SQLite file may not have it yet

    // "a, b, c" — with "left" quoted, as PostgreSQL requires.
    QString columnList() const;
    QString orderBy() const;
};

const QList<CollectionTable> &collectionTables();

// PostgreSQL's CREATE TABLE for `table` with its leading user_id.
QString pgCreateStatement(const CollectionTable &table);

// SQLite's CREATE TABLE IF NOT EXISTS for one of Javumbo's own tables, as
// the collection code makes them on first use (Anki's five come with
// storage::collectionschema).
QString sqliteCreateStatement(const CollectionTable &table);

// An identifier as written in SQL both backends read: "left" is reserved in PostgreSQL.
QString sqlIdentifier(const QString &name);

} // namespace javumbo::postgres
