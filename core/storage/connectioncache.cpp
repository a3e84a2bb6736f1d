#include "connectioncache.h"

#include "sqliteerror.h"
#include "usermarkers.h"

#include <QSqlDatabase>
#include <QSqlError>

#include <sqlite3.h>

#include <atomic>

using namespace Qt::StringLiterals;

namespace javumbo::storage {

namespace {
std::atomic<quint64> s_connectionSerials {0};
} // namespace

ConnectionCache &ConnectionCache::forThisThread()
{
    thread_local ConnectionCache cache;
    return cache;
}

ConnectionCache::~ConnectionCache()
{
    closeAll();
}

Connection *ConnectionCache::find(const QString &path)
{
    auto it = m_entries.find(path);
    if (it == m_entries.end())
        return nullptr;
    it->second.lastUse = ++m_useCounter;
    return it->second.connection.get();
}

QString ConnectionCache::newConnectionName()
{
    return u"javumbo-c%1"_s.arg(++s_connectionSerials);
}

Connection *ConnectionCache::insert(const QString &path, const QString &connectionName, QSqlDatabase database)
{
    if (int(m_entries.size()) >= kMaxConnectionsPerThread)
        evictLeastRecentlyUsed();
    Entry entry;
    entry.connection = std::make_unique<Connection>(connectionName, path, std::move(database), *this);
    entry.lastUse = ++m_useCounter;
    Connection *connection = entry.connection.get();
    m_entries.insert_or_assign(path, std::move(entry));
    return connection;
}

void ConnectionCache::destroy(Entry &entry)
{
    // Queries and database handles must be gone before removeDatabase()
    // (docs/platform-notes.md §11).
    for (auto &[sql, statement] : entry.statements)
        sqlite3_finalize(statement);
    entry.statements.clear();
    const QString name = entry.connection->name();
    entry.connection.reset();
    // The connection held the last handle: removeDatabase() closes the driver.
    QSqlDatabase::removeDatabase(name);
}

void ConnectionCache::close(const QString &path)
{
    auto it = m_entries.find(path);
    if (it == m_entries.end())
        return;
    destroy(it->second);
    m_entries.erase(it);
}

void ConnectionCache::closeAll()
{
    for (auto &[path, entry] : m_entries)
        destroy(entry);
    m_entries.clear();
}

void ConnectionCache::evictLeastRecentlyUsed()
{
    auto oldest = m_entries.begin();
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->second.lastUse < oldest->second.lastUse)
            oldest = it;
    }
    if (oldest != m_entries.end()) {
        destroy(oldest->second);
        m_entries.erase(oldest);
    }
}

Result<sqlite3_stmt *> ConnectionCache::statement(Connection &connection, const QString &sql)
{
    auto it = m_entries.find(connection.path());
    if (it == m_entries.end() || it->second.connection.get() != &connection)
        return makeError(ErrorCode::Internal, u"connection used after its cache closed it"_s);
    auto &statements = it->second.statements;
    if (auto found = statements.find(sql); found != statements.end())
        return found->second;
    sqlite3_stmt *statement = nullptr;
    // A collection statement's user markers mean nothing in a user's own file.
    const QString plain = hasUserMarkers(sql) ? applyUserMarkers(sql, UserFilter::Dropped).sql : sql;
    const int code = connection.handle() ? sqlite3_prepare16_v3(connection.handle(), plain.utf16(),
                         int(plain.size() * sizeof(char16_t)), SQLITE_PREPARE_PERSISTENT, &statement, nullptr)
                                         : SQLITE_MISUSE;
    if (code != SQLITE_OK || !statement) {
        sqlite3_finalize(statement);
        return storageError(sqliteError(connection.handle(), code, u"Unable to execute statement"_s,
                                QSqlError::StatementError),
            u"prepare "_s % sql.left(80));
    }
    statements.emplace(sql, statement);
    return statement;
}

} // namespace javumbo::storage
