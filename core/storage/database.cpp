#include "database.h"

#include "postgres/pgdatabase.h"

#include "connectioncache.h"
#include "pgcollections.h"
#include "sqliteerror.h"
#include "writerconnections.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>

#include <mutex>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDatabase, "javumbo.storage")

namespace javumbo::storage {

namespace {

// Switching a file to WAL needs an exclusive lock, and SQLite answers
// SQLITE_BUSY at once, without calling the busy handler, when another
// connection holding a shared lock wants the same (a deadlock it refuses to
// wait on). That happens when two processes create the same file at once:
// `javumbo users add` twice on a new data directory failed about one time in
// two with "database busy: enabling WAL". The switch is retried within the
// busy timeout; once one process has switched, the others find WAL already
// set and need no exclusive lock.
bool switchToWal(QSqlQuery &query, int busyTimeoutMs)
{
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        if (query.exec(u"PRAGMA journal_mode = WAL"_s) && query.next())
            return true;
        const SqliteCode code = sqliteCode(query.lastError());
        if ((code != SqliteCode::Busy && code != SqliteCode::Locked) || waited.elapsed() >= busyTimeoutMs)
            return false;
        query.finish();
        QThread::msleep(2);
    }
}

Result<void> applyWritePragmas(Connection &connection, const DatabaseOptions &options)
{
    QSqlQuery query(connection.database());
    if (!switchToWal(query, options.busyTimeoutMs))
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
    const QString synchronous = options.durability == Durability::Full ? u"FULL"_s : u"NORMAL"_s;
    for (const QString &pragma :
        {QString(u"PRAGMA synchronous = "_s + synchronous), u"PRAGMA foreign_keys = OFF"_s,
            u"PRAGMA temp_store = MEMORY"_s, u"PRAGMA wal_autocheckpoint = 4000"_s}) {
        if (auto done = connection.execute(pragma); !done)
            return done;
    }
    return {};
}

Result<void> applyPragmas(Connection &connection, bool readOnly, const DatabaseOptions &options)
{
    if (auto done = connection.execute(u"PRAGMA busy_timeout = %1"_s.arg(options.busyTimeoutMs)); !done)
        return done;
    // A read-only open runs no write pragma: on a full or read-only disk even
    // "journal_mode = WAL" fails ("enabling WAL: disk I/O error", issue 14).
    if (readOnly)
        return connection.execute(u"PRAGMA query_only = ON"_s);
    return applyWritePragmas(connection, options);
}

std::mutex s_optionsMutex;
DatabaseOptions s_defaultOptions; // guarded by s_optionsMutex

bool isDiskRefusal(const Error &error)
{
    return error.code == ErrorCode::StorageUnavailable;
}

// How a file is opened: plainly, read-only, or read-only and immutable (no
// -shm needed; only for a file whose WAL holds nothing, see open()).
enum class Access
{
    Writable,
    ReadOnly,
    Immutable,
};

Result<Connection *> openConnection(ConnectionCache &cache, const QString &absolute, Access access)
{
    const QString name = cache.newConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    if (access == Access::Immutable) {
        db.setDatabaseName(
            u"file:"_s + QString::fromUtf8(QUrl::toPercentEncoding(absolute, "/")) + u"?immutable=1"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"_s);
    } else {
        db.setDatabaseName(absolute);
        if (access == Access::ReadOnly)
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
    }
    if (!db.open()) {
        const Error error = storageError(db.lastError(), u"opening "_s % absolute);
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return makeError(
            error.code == ErrorCode::Internal ? ErrorCode::StorageUnavailable : error.code, error.message);
    }
    return cache.insert(absolute, name, std::move(db));
}

// The file's page size and stamp, recorded so later uses can tell whether the
// file changed under the connection; quick_check when the file is not the
// one last verified (first open in this process, or changed since).
Result<void> verifyOnOpen(Connection &connection)
{
    const FileStamp stamp = FileStamp::of(connection.path());
    // Which connection notices a replaced file must not depend on which thread
    // (or writer connection) had it open: a fresh one notices too.
    if (FileWatch::instance().wasReplaced(connection.path(), stamp)) {
        FileWatch::instance().markDamaged(connection.path());
        return makeError(ErrorCode::StorageCorrupt,
            u"%1 was replaced by another file while open"_s.arg(connection.path()));
    }
    Query query(connection, u"PRAGMA page_size"_s, Query::Caching::Uncached);
    auto pageSize = query.scalar();
    if (!pageSize)
        return pageSize.error();
    connection.setOpened(stamp, pageSize.value() ? pageSize.value()->toInt() : 0);
    if (stamp.size == 0 || FileWatch::instance().isVerified(connection.path(), stamp))
        return {};
    if (auto checked = checkFile(connection.path()); !checked) {
        if (checked.code() == ErrorCode::StorageCorrupt)
            FileWatch::instance().markDamaged(connection.path());
        return checked;
    }
    FileWatch::instance().setVerified(connection.path(), stamp);
    return {};
}

} // namespace

void Database::setDefaultOptions(const DatabaseOptions &options)
{
    std::lock_guard guard(s_optionsMutex);
    s_defaultOptions = options;
}

DatabaseOptions Database::defaultOptions()
{
    std::lock_guard guard(s_optionsMutex);
    return s_defaultOptions;
}

QString Database::durabilityName(Durability durability)
{
    return durability == Durability::Full ? u"full"_s : u"normal"_s;
}

std::optional<Durability> Database::durabilityFromName(const QString &name)
{
    if (name == u"full"_s)
        return Durability::Full;
    if (name == u"normal"_s)
        return Durability::Normal;
    return std::nullopt;
}

Result<Connection *> Database::open(
    const QString &path, OpenMode mode, SchemaInitializer initializer, const DatabaseOptions &options)
{
    if (PgCollections::isLocator(path))
        return PgCollections::open(path); // the schema is the server's (postgres/pgschema)
    const QString absolute = QFileInfo(path).absoluteFilePath();
    ConnectionCache *pinned = WriterConnections::pinnedCache(absolute);
    ConnectionCache &cache = pinned ? *pinned : ConnectionCache::forThisThread();
    if (Connection *existing = cache.find(absolute)) {
        const Result<void> unchanged
            = FileWatch::instance().verify(absolute, existing->openedStamp(), existing->pageSize());
        if (!unchanged && existing->inBatch())
            return unchanged.error(); // the batch's owner rolls back and closes it
        if (!unchanged) {
            // Never write again through a connection to a damaged file, not
            // even the checkpoint SQLite runs when the last connection closes.
            existing->preventCheckpointOnClose();
            cache.close(absolute);
            return unchanged.error();
        }
        // A degraded (read-only) connection serves reads; a writer tries for
        // a writable one again, in case the disk has room again.
        if (!(existing->isDegraded() && mode != OpenMode::ReadOnly))
            return existing;
        cache.close(absolute);
    }

    // SQLite would silently create a missing file; a missing collection is an
    // error, never an empty new one.
    if (mode != OpenMode::CreateIfMissing && !QFileInfo::exists(absolute))
        return makeError(ErrorCode::StorageUnavailable, u"database file %1 does not exist"_s.arg(absolute));

    // An empty file where one holding data was verified was truncated, not created: say so before
    // SQLite is asked to switch it to WAL (which would wait on the other connections' locks).
    if (FileStamp::of(absolute).size == 0 && FileWatch::instance().wasVerifiedNonEmpty(absolute)) {
        FileWatch::instance().markDamaged(absolute);
        return makeError(
            ErrorCode::StorageCorrupt, u"%1 was truncated to 0 bytes after it was verified"_s.arg(absolute));
    }

    const DatabaseOptions effective = options.busyTimeoutMs == DatabaseOptions {}.busyTimeoutMs
            && options.durability == DatabaseOptions {}.durability
        ? defaultOptions()
        : options;
    const auto attempt = [&](Access access) -> Result<Connection *> {
        auto opened = openConnection(cache, absolute, access);
        if (!opened)
            return opened;
        Connection *connection = opened.value();
        Result<void> ready = applyPragmas(*connection, access != Access::Writable, effective);
        if (ready)
            ready = verifyOnOpen(*connection);
        if (ready && initializer)
            ready = initializer(*connection, access == Access::Writable ? mode : OpenMode::ReadOnly);
        if (!ready) {
            if (ready.code() == ErrorCode::StorageCorrupt)
                connection->preventCheckpointOnClose();
            cache.close(absolute);
            return ready.error();
        }
        connection->setDegraded(access != Access::Writable && mode != OpenMode::ReadOnly);
        if (connection->openedStamp().size == 0) {
            // A file this open created: what the initializer wrote is ours.
            const FileStamp written = FileStamp::of(absolute);
            connection->setOpened(written, connection->pageSize());
            FileWatch::instance().setVerified(absolute, written);
        }
        return connection;
    };

    auto opened = attempt(mode == OpenMode::ReadOnly ? Access::ReadOnly : Access::Writable);
    if (opened || !isDiskRefusal(opened.error())
        || (mode == OpenMode::CreateIfMissing && !QFileInfo::exists(absolute)))
        return opened;
    if (mode != OpenMode::ReadOnly) {
        auto readOnly = attempt(Access::ReadOnly);
        if (readOnly) {
            qCInfo(lcDatabase).noquote()
                << u"%1 opened read-only: %2"_s.arg(absolute, opened.error().message);
            return readOnly;
        }
    }
    // SQLite coordinates WAL readers through the -shm file, which a full disk
    // (or a directory we may not write) cannot provide. When no WAL holds
    // commits beyond the file itself (a cleanly closed file has none), the
    // file alone is the whole database: read it as immutable, which needs no
    // -shm. With a WAL holding commits that would be a stale view, so then the
    // error stands.
    const QFileInfo wal(absolute + u"-wal"_s);
    if (!wal.exists() || wal.size() == 0) {
        if (auto immutable = attempt(Access::Immutable)) {
            qCInfo(lcDatabase).noquote()
                << u"%1 opened read-only (immutable): %2"_s.arg(absolute, opened.error().message);
            return immutable;
        }
    }
    return opened;
}

void Database::closeOnThisThread(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (ConnectionCache *pinned = WriterConnections::pinnedCache(absolute))
        pinned->close(absolute);
    ConnectionCache::forThisThread().close(absolute);
}

void Database::closeAllOnThisThread()
{
    ConnectionCache::forThisThread().closeAll();
    PgCollections::closeAllOnThisThread(); // PostgreSQL collections: the thread's Connections,
    postgres::PgDatabase::closeAllOnThisThread(); // then the links and statements under them
}

} // namespace javumbo::storage
