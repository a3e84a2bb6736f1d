#pragma once

#include "connection.h"

#include <QSqlQuery>
#include <QString>

#include <map>
#include <memory>

namespace javumbo::storage {

// Open connections, one per file: each thread's own (forThisThread()), or one
// file's writer connection (WriterConnections). Connection names carry a
// process-wide serial that is never reused (thread ids are:
// docs/platform-notes.md §12). A thread's cache is destroyed with its thread,
// which closes and removes every connection, so pool threads that expire leak
// nothing. Not thread-safe: one thread uses a cache at a time.
class ConnectionCache
{
public:
    static ConnectionCache &forThisThread();
    ~ConnectionCache();

    Connection *find(const QString &path);
    Connection *insert(const QString &path, const QString &connectionName, QSqlDatabase database);
    static QString newConnectionName();
    void close(const QString &path);
    void closeAll();
    int size() const { return int(m_entries.size()); }

    Result<sqlite3_stmt *> statement(Connection &connection, const QString &sql);

    // Connections kept per thread; the least recently used one beyond this is closed.
    static constexpr int kMaxConnectionsPerThread = 64;

private:
    struct Entry
    {
        std::unique_ptr<Connection> connection;
        std::map<QString, sqlite3_stmt *> statements; // finalized by destroy()
        quint64 lastUse = 0;
    };
    void destroy(Entry &entry);
    void evictLeastRecentlyUsed();

    std::map<QString, Entry> m_entries;
    quint64 m_useCounter = 0;
};

} // namespace javumbo::storage
