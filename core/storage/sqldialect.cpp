#include "sqldialect.h"

using namespace Qt::StringLiterals;

namespace javumbo::storage::dialect {

QString insertOrReplace(
    Engine engine, const QString &table, const QStringList &columns, const QStringList &key)
{
    const QString values = QStringList(columns.size(), u"?"_s).join(u", "_s);
    const QString row
        = u" ($userColumn "_s + columns.join(u", "_s) + u") VALUES ($userValue "_s + values + u')';
    if (engine == Engine::SQLite)
        return u"INSERT OR REPLACE INTO "_s + table + row;
    QStringList updates;
    for (const QString &column : columns) {
        if (!key.contains(column))
            updates.append(column + u" = EXCLUDED."_s + column);
    }
    return u"INSERT INTO "_s + table + row + u" ON CONFLICT (user_id, "_s + key.join(u", "_s) + u") DO "_s
        + (updates.isEmpty() ? u"NOTHING"_s : u"UPDATE SET "_s + updates.join(u", "_s));
}

Result<void> ensureOwnTable(Connection &connection, const QString &createSql)
{
    if (connection.engine() == Engine::Postgres)
        return {};
    return connection.execute(createSql);
}

} // namespace javumbo::storage::dialect
