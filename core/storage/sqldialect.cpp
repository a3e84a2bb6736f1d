#include "sqldialect.h"

#include "sqliteerror.h"

using namespace Qt::StringLiterals;

namespace javumbo::storage::dialect {

QString insertOrReplace(
    Engine engine, const QString &table, const QStringList &columns, const QStringList &key, UserKey userKey)
{
    const bool marked = userKey == UserKey::Marker;
    const QString values = QStringList(columns.size(), u"?"_s).join(u", "_s);
    const QString row = u" ("_s + (marked ? u"$userColumn "_s : QString()) + columns.join(u", "_s)
        + u") VALUES ("_s + (marked ? u"$userValue "_s : QString()) + values + u')';
    if (engine == Engine::SQLite)
        return u"INSERT OR REPLACE INTO "_s + table + row;
    QStringList updates;
    for (const QString &column : columns) {
        if (!key.contains(column))
            updates.append(column + u" = EXCLUDED."_s + column);
    }
    return u"INSERT INTO "_s + table + row + u" ON CONFLICT ("_s + (marked ? u"user_id, "_s : QString())
        + key.join(u", "_s) + u") DO "_s
        + (updates.isEmpty() ? u"NOTHING"_s : u"UPDATE SET "_s + updates.join(u", "_s));
}

Result<void> ensureOwnTable(Connection &connection, const QString &createSql)
{
    if (connection.engine() == Engine::Postgres)
        return {};
    return connection.execute(createSql);
}

QString returningId(Engine engine)
{
    return engine == Engine::Postgres ? u" RETURNING id"_s : QString();
}

QString greatest(Engine engine)
{
    return engine == Engine::Postgres ? u"GREATEST"_s : u"MAX"_s;
}

bool isUniqueViolation(const QSqlError &error)
{
    return sqliteCode(error) == SqliteCode::Constraint || error.nativeErrorCode() == "23505"_L1;
}

} // namespace javumbo::storage::dialect
