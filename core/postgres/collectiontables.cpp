#include "collectiontables.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace javumbo::postgres {

namespace {

TableColumn integer(const QString &name)
{
    return {name, ColumnKind::Integer};
}
TableColumn small(const QString &name)
{
    return {name, ColumnKind::SmallInteger};
}
TableColumn text(const QString &name)
{
    return {name, ColumnKind::Text};
}
TableColumn zeroByDefault(const QString &name)
{
    return {name, ColumnKind::SmallInteger, u"0"_s};
}

QString pgType(ColumnKind kind)
{
    switch (kind) {
    case ColumnKind::Integer:
        return u"bigint"_s;
    case ColumnKind::SmallInteger:
        return u"integer"_s;
    case ColumnKind::Text:
        return u"text"_s;
    case ColumnKind::Blob:
        return u"bytea"_s;
    }
    return {};
}

} // namespace

QString sqlIdentifier(const QString &name)
{
    return name == "left"_L1 ? u"\"left\""_s : name;
}

QString CollectionTable::columnList() const
{
    QStringList names;
    for (const TableColumn &column : columns)
        names << sqlIdentifier(column.name);
    return names.join(u", "_s);
}

QString CollectionTable::orderBy() const
{
    if (keyIsUnique)
        return key.join(u", "_s);
    return columnList();
}

const QList<CollectionTable> &collectionTables()
{
    // Anki's five tables (docs/scheduling.md §9), then Javumbo's two undo logs.
    static const QList<CollectionTable> tables = {
        {u"col"_s,
            {{u"id"_s, ColumnKind::SmallInteger, u"1"_s}, integer(u"crt"_s), integer(u"mod"_s),
                integer(u"scm"_s), small(u"ver"_s), small(u"dty"_s), small(u"usn"_s), integer(u"ls"_s),
                text(u"conf"_s), text(u"models"_s), text(u"decks"_s), text(u"dconf"_s), text(u"tags"_s)},
            {u"id"_s}},
        {u"notes"_s,
            {integer(u"id"_s), text(u"guid"_s), integer(u"mid"_s), integer(u"mod"_s), small(u"usn"_s),
                text(u"tags"_s), text(u"flds"_s), text(u"sfld"_s), integer(u"csum"_s), small(u"flags"_s),
                text(u"data"_s)},
            {u"id"_s}},
        {u"cards"_s,
            {integer(u"id"_s), integer(u"nid"_s), integer(u"did"_s), small(u"ord"_s), integer(u"mod"_s),
                small(u"usn"_s), small(u"type"_s), small(u"queue"_s), integer(u"due"_s), small(u"ivl"_s),
                small(u"factor"_s), small(u"reps"_s), small(u"lapses"_s), small(u"left"_s),
                integer(u"odue"_s), integer(u"odid"_s), small(u"flags"_s), text(u"data"_s)},
            {u"id"_s}},
        {u"revlog"_s,
            {integer(u"id"_s), integer(u"cid"_s), small(u"usn"_s), small(u"ease"_s), integer(u"ivl"_s),
                integer(u"lastivl"_s), small(u"factor"_s), small(u"time"_s), small(u"type"_s)},
            {u"id"_s}},
        {u"graves"_s, {small(u"usn"_s), integer(u"oid"_s), small(u"type"_s)}, {u"oid"_s, u"type"_s}, false},
        {u"javumbo_undo"_s,
            {integer(u"id"_s), integer(u"cid"_s), integer(u"rid"_s), text(u"etag"_s), text(u"card"_s),
                text(u"note"_s), text(u"decks"_s), zeroByDefault(u"undone"_s)},
            {u"id"_s}, true, true},
        {u"javumbo_bulk_undo"_s,
            {integer(u"id"_s), {u"record"_s, ColumnKind::Blob}, zeroByDefault(u"undone"_s)}, {u"id"_s}, true,
            true},
    };
    return tables;
}

QString pgCreateStatement(const CollectionTable &table)
{
    QStringList parts {u"user_id bigint NOT NULL"_s};
    for (const TableColumn &column : table.columns)
        parts << sqlIdentifier(column.name) + u' ' + pgType(column.kind) + u" NOT NULL"_s
                + (column.defaultValue.isEmpty() ? QString() : u" DEFAULT "_s + column.defaultValue);
    // col: one row per user, whatever its id (always 1 in Anki).
    if (table.name == "col"_L1)
        parts << u"PRIMARY KEY (user_id)"_s;
    else if (table.keyIsUnique)
        parts << u"PRIMARY KEY (user_id, "_s + table.key.join(u", "_s) + u')';
    return u"CREATE TABLE "_s + table.name + u" ("_s + parts.join(u", "_s) + u')';
}

QString sqliteCreateStatement(const CollectionTable &table)
{
    QStringList parts;
    for (const TableColumn &column : table.columns) {
        const QString type = column.kind == ColumnKind::Text ? u"text"_s
            : column.kind == ColumnKind::Blob                ? u"blob"_s
                                                             : u"integer"_s;
        if (table.keyIsUnique && table.key == QStringList {column.name}) {
            parts << sqlIdentifier(column.name) + u' ' + type + u" PRIMARY KEY"_s;
            continue;
        }
        parts << sqlIdentifier(column.name) + u' ' + type + u" NOT NULL"_s
                + (column.defaultValue.isEmpty() ? QString() : u" DEFAULT "_s + column.defaultValue);
    }
    return u"CREATE TABLE IF NOT EXISTS "_s + table.name + u" ("_s + parts.join(u", "_s) + u')';
}

} // namespace javumbo::postgres
