#include "database.h"

#include "connectioncache.h"
#include "sqliteerror.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace javumbo::storage {

namespace {

Result<void> applyPragmas(Connection &connection, OpenMode mode, const DatabaseOptions &options)
{
    if (auto done = connection.execute(u"PRAGMA busy_timeout = %1"_s.arg(options.busyTimeoutMs)); !done)
        return done;
    if (mode == OpenMode::ReadOnly)
        return connection.execute(u"PRAGMA query_only = ON"_s);
    QSqlQuery query(connection.database());
    if (!query.exec(u"PRAGMA journal_mode = WAL"_s) || !query.next())
        return storageError(query.lastError(), u"enabling WAL"_s);
    if (query.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        return makeError(ErrorCode::StorageUnavailable,
            u"%1 could not switch to WAL (journal mode is %2)"_s.arg(
                connection.path(), query.value(0).toString()));
    query.finish();
    // wal_autocheckpoint: a commit that takes the WAL past this many pages
    // checkpoints in its caller's thread. The Backend's WalCheckpointer does
    // that work off the request path long before, so this is a safety net
    // that bounds the WAL (about 16 MiB) if that thread ever falls behind.
    for (const QString &pragma : {u"PRAGMA synchronous = NORMAL"_s, u"PRAGMA foreign_keys = OFF"_s,
             u"PRAGMA temp_store = MEMORY"_s, u"PRAGMA wal_autocheckpoint = 4000"_s}) {
        if (auto done = connection.execute(pragma); !done)
            return done;
    }
    return {};
}

DatabaseOptions &defaultOptions()
{
    static DatabaseOptions options;
    return options;
}

} // namespace

void Database::setDefaultOptions(const DatabaseOptions &options)
{
    defaultOptions() = options;
}

Result<Connection *> Database::open(
    const QString &path, OpenMode mode, SchemaInitializer initializer, const DatabaseOptions &options)
{
    ConnectionCache &cache = ConnectionCache::forThisThread();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (Connection *existing = cache.find(absolute))
        return existing;

    // SQLite would silently create a missing file; a missing collection is an
    // error, never an empty new one.
    if (mode != OpenMode::CreateIfMissing && !QFileInfo::exists(absolute))
        return makeError(ErrorCode::StorageUnavailable, u"database file %1 does not exist"_s.arg(absolute));

    const QString name = cache.newConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(absolute);
        if (mode == OpenMode::ReadOnly)
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!db.open()) {
            const Error error = storageError(db.lastError(), u"opening "_s % absolute);
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return makeError(error.code == ErrorCode::Internal ? ErrorCode::StorageUnavailable : error.code,
                error.message);
        }
    }
    Connection *connection = cache.insert(absolute, name);
    const DatabaseOptions effective
        = options.busyTimeoutMs == DatabaseOptions {}.busyTimeoutMs ? defaultOptions() : options;
    Result<void> ready = applyPragmas(*connection, mode, effective);
    if (ready && initializer)
        ready = initializer(*connection, mode);
    if (!ready) {
        cache.close(absolute);
        return ready.error();
    }
    return connection;
}

void Database::closeOnThisThread(const QString &path)
{
    ConnectionCache::forThisThread().close(QFileInfo(path).absoluteFilePath());
}

void Database::closeAllOnThisThread()
{
    ConnectionCache::forThisThread().closeAll();
}

} // namespace javumbo::storage
