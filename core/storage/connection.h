#pragma once

#include "common/result.h"
#include "filecheck.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVarLengthArray>

#include <any>
#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace javumbo::postgres {
class PgDatabase;
}

namespace javumbo::storage {

// Where a connection's rows live (docs/postgresql.md §9): one user's SQLite
// file, or that user's rows in a PostgreSQL database shared by every user.
enum class Engine
{
    SQLite,
    Postgres,
};

enum class OpenMode
{
    ReadWrite, // the file must exist
    ReadOnly, // the checker and backups: never writes
    CreateIfMissing,
};

class ConnectionCache;

// An open connection to one SQLite file, owned by a ConnectionCache: a
// thread's own, or a file's writer connection (WriterConnections). Handed out
// by Database::open(); used by one thread at a time, and only until its cache
// evicts it, so never store one.
class Connection
{
public:
    // `database` is the open handle; `owner` keeps this connection's prepared statements.
    Connection(QString name, QString path, QSqlDatabase database, ConnectionCache &owner);
    // A PostgreSQL connection bound to one user (0: the shared tables, no
    // collection): the calling thread's connection of `database`, named
    // `locator` in messages.
    Connection(QString locator, postgres::PgDatabase &database, qint64 userId);

    Engine engine() const { return m_pg ? Engine::Postgres : Engine::SQLite; }
    postgres::PgDatabase *postgres() const { return m_pg; }
    // The user whose rows a PostgreSQL connection reads and writes.
    qint64 userId() const { return m_userId; }
    // The handle itself, not a lookup by name: Qt refuses QSqlDatabase::database()
    // on any thread but the opener's, and a writer connection moves between threads.
    QSqlDatabase database() const { return m_database; }
    const QString &path() const { return m_path; }
    const QString &name() const { return m_name; }

    // A statement prepared once per connection and reused (docs/platform-notes.md
    // §15). The caller binds, executes and reads it; Query finishes it.
    Result<sqlite3_stmt *> prepared(const QString &sql);
    // SQLite's handle behind the connection.
    sqlite3 *handle() const { return m_handle; }
    // Executes a statement without caching it (DDL, pragmas).
    Result<void> execute(const QString &sql);

    // The file as it was when this connection opened it, and its page size:
    // what FileWatch compares with on every later use.
    const FileStamp &openedStamp() const { return m_opened; }
    int pageSize() const { return m_pageSize; }
    void setOpened(const FileStamp &stamp, int pageSize)
    {
        m_opened = stamp;
        m_pageSize = pageSize;
    }
    // Opened read-only because the disk refused a writable open (full or
    // read-only): reads work, writes fail, and the next writable open tries again.
    bool isDegraded() const { return m_degraded; }
    void setDegraded(bool degraded) { m_degraded = degraded; }
    // A BatchTransaction is open: a Transaction then becomes a savepoint in it.
    bool inBatch() const { return m_inBatch; }
    void setInBatch(bool inBatch) { m_inBatch = inBatch; }
    // A file found damaged: closing must not checkpoint the WAL into it.
    void preventCheckpointOnClose();
    // SQLite's extended code of the last failed call on this connection.
    int lastExtendedErrorCode() const;
    // Whether SQLite has a transaction open (false after it rolled one back by itself).
    bool inTransaction() const;
    // PostgreSQL: Transaction says when it began and ended one (the server
    // never ends one by itself while the link holds). The state is the thread's
    // link's, shared by every user's connection on it (PgDatabase).
    void setInPgTransaction(bool open);
    // StorageUnavailable when a PostgreSQL transaction is open but the link it
    // began on was lost and reopened since: its statements would run outside it.
    Result<void> checkPgTransaction() const;

    // A value the layer above derived from the file's content (the parsed col
    // row), kept for this connection's next transaction. remembered() gives it
    // back only while it still describes the file: no other connection has
    // committed since (PRAGMA data_version), this one has changed no row since
    // (sqlite3_total_changes64), and nothing was rolled back (forgetRemembered()).
    // Call both inside a transaction, so the file cannot change in between.
    void remember(std::any value);
    const std::any *remembered();
    void forgetRemembered() { m_remembered.reset(); }

private:
    QString m_name;
    QString m_path;
    QSqlDatabase m_database;
    sqlite3 *m_handle = nullptr;
    ConnectionCache *m_owner = nullptr;
    postgres::PgDatabase *m_pg = nullptr;
    qint64 m_userId = 0;
    FileStamp m_opened;
    int m_pageSize = 0;
    bool m_degraded = false;
    bool m_inBatch = false;
    struct Remembered
    {
        std::any value;
        qint64 dataVersion = 0;
        qint64 totalChanges = 0;
    };
    std::optional<Remembered> m_remembered;
    // The file's version as this connection sees it and the rows it has changed: what remembered() checks.
    std::optional<std::pair<qint64, qint64>> versionMark();
};

// Executes a prepared statement with positional bindings and resets it when
// it goes out of scope, so no read transaction stays open by accident.
// It runs straight on SQLite's C API (sqlite3_stmt): Qt's QSqlQuery
// rebuilt a QSqlRecord of every column and a QSqlError on every exec, about
// 11 % of a POST /cards (docs/architecture.md §3.4). Values come back as Qt's
// SQLite driver gives them (integer → qlonglong, real → double, text →
// QString, blob → QByteArray, NULL → an invalid QVariant); errors carry the
// same texts and codes, so storageError() reads them alike.
class Query
{
public:
    // Cached: prepared once per connection (fixed SQL). Uncached: SQL built at
    // run time (searches), so the cache stays bounded.
    enum class Caching
    {
        Cached,
        Uncached
    };
    Query(Connection &connection, const QString &sql, Caching caching = Caching::Cached);
    ~Query();
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;

    // Positional bindings, applied by the next exec().
    Query &bind(const QVariant &value);
    Result<void> exec();
    bool next();
    QVariant value(int column) const;
    qint64 int64(int column) const;
    int int32(int column) const { return int(int64(column)); }
    QString text(int column) const;
    int rowsAffected() const { return m_rowsAffected; }
    QVariant lastInsertId() const { return m_lastInsertId ? QVariant(*m_lastInsertId) : QVariant(); }
    // The error of the last exec() as Qt's driver would give it, for callers
    // that must tell constraints apart (which column was taken).
    QSqlError sqlError() const { return m_error; }

    // Convenience for one-row, one-column lookups.
    Result<std::optional<QVariant>> scalar();

private:
    QSqlError errorOf(int code, const QString &driverText) const;
    // The PostgreSQL engine (pgquery.cpp): the same calls over Qt's QPSQL driver.
    void preparePostgres(Connection &connection, Caching caching);
    Result<void> execPostgres();
    // A PostgreSQL value as SQLite's engine gives it: integers as qlonglong, NULL invalid.
    static QVariant pgValue(const QVariant &value);
    std::optional<QString> withUserIdWritten() const;
    Result<void> prepareDeferred();

    QString m_sql;
    // PostgreSQL: the statement (the thread's cached one, or m_pgOwned), the
    // user's id and where it goes among the parameters.
    QSqlQuery *m_pgQuery = nullptr;
    std::unique_ptr<QSqlQuery> m_pgOwned;
    // An uncached statement's expanded text, prepared only if exec() brings
    // values of its own (pgquery.cpp); empty once prepared, and for cached ones.
    QString m_pgDeferredSql;
    Connection *m_pgConnection = nullptr;
    QList<bool> m_userSlots;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    bool m_owned = false; // Uncached: finalized by the destructor
    Error m_prepareError;
    QVarLengthArray<QVariant, 12> m_bindings;
    bool m_rowPending = false; // exec() stepped onto the first row; next() hands it out
    bool m_done = true;
    int m_rowsAffected = 0;
    std::optional<qint64> m_lastInsertId;
    QSqlError m_error;
};

} // namespace javumbo::storage
