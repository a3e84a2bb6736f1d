#include "connectioncache.h"

#include "sqliteerror.h"

#include <QSqlDatabase>
#include <QSqlError>

#include <atomic>

using namespace Qt::StringLiterals;

namespace javumbo::storage {

namespace {
std::atomic<quint64> s_threadSerials {0};
thread_local const quint64 t_threadSerial = ++s_threadSerials;
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
    return u"javumbo-t%1-c%2"_s.arg(t_threadSerial).arg(++m_nameCounter);
}

Connection *ConnectionCache::insert(const QString &path, const QString &connectionName)
{
    if (int(m_entries.size()) >= kMaxConnectionsPerThread)
        evictLeastRecentlyUsed();
    Entry entry;
    entry.connection = std::make_unique<Connection>(connectionName, path);
    entry.lastUse = ++m_useCounter;
    Connection *connection = entry.connection.get();
    m_entries.insert_or_assign(path, std::move(entry));
    return connection;
}

void ConnectionCache::destroy(Entry &entry)
{
    // Queries and database handles must be gone before removeDatabase()
    // (docs/platform-notes.md §11).
    entry.statements.clear();
    const QString name = entry.connection->name();
    entry.connection.reset();
    // removeDatabase() closes the driver with the last handle. Asking for the
    // handle here would warn at thread exit, when Qt no longer knows the
    // thread that opened it.
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

Result<QSqlQuery *> ConnectionCache::statement(Connection &connection, const QString &sql)
{
    auto it = m_entries.find(connection.path());
    if (it == m_entries.end() || it->second.connection.get() != &connection)
        return makeError(ErrorCode::Internal, u"connection used outside its thread's cache"_s);
    auto &statements = it->second.statements;
    if (auto found = statements.find(sql); found != statements.end())
        return found->second.get();
    auto query = std::make_unique<QSqlQuery>(connection.database());
    if (!query->prepare(sql))
        return storageError(query->lastError(), u"prepare "_s % sql.left(80));
    QSqlQuery *raw = query.get();
    statements.emplace(sql, std::move(query));
    return raw;
}

} // namespace javumbo::storage
