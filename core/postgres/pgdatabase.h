#pragma once

#include "pgconnectionstring.h"

#include <QSqlDatabase>
#include <QSqlError>

class QSqlQuery;

#include <chrono>

namespace javumbo::postgres {

// Outside PgDatabase only because a nested struct's member initializers
// cannot feed a default argument of the enclosing class (CWG 1397).
struct PgSessionOptions
{
    // A transaction left open by a stuck or dead instance is ended by the
    // server after this long, releasing its locks (a user's write lock is
    // held inside a transaction: userwritelock.h).
    std::chrono::milliseconds idleInTransactionTimeout {std::chrono::seconds(60)};
};

// Connections to one PostgreSQL server through Qt's QPSQL driver, one per
// thread (a QSqlDatabase belongs to the thread that opened it). The sibling
// of storage::Database for the PostgreSQL backend (docs/postgresql.md).
//
// A connection whose server went away (restart, failover, network) is
// closed by failure() and opened again by the next connection(); while the
// server cannot be reached both give storage_unavailable, which the API
// answers with 503, never 500.
class PgDatabase
{
public:
    using Options = PgSessionOptions;

    explicit PgDatabase(PgConnectionString target, Options options = {});
    ~PgDatabase();
    Q_DISABLE_COPY_MOVE(PgDatabase)

    const PgConnectionString &target() const { return m_target; }
    // Unique in the process: names this database's connections and locators.
    quint64 serial() const { return m_serial; }

    // The calling thread's open connection, opened on first use and reopened
    // when the previous one lost its server.
    Result<QSqlDatabase> connection();
    // The error value of a statement that failed on `db` (pgError); a
    // connection that lost its server is closed, so the next connection()
    // opens a new one instead of failing forever.
    Error failure(QSqlDatabase &db, const QSqlError &error, const QString &context);
    // The calling thread's statement for `sql`, prepared on its connection
    // once and reused until that connection is reopened; the caller binds,
    // executes and finish()es it.
    Result<QSqlQuery *> prepared(const QString &sql);
    // Whether the calling thread's link has a transaction open (storage's
    // Transaction says when it begins and ends one; a second one begun meanwhile
    // on the same link is a savepoint in it), and whether that link was lost
    // and reopened since it began.
    void noteTransactionOnThisThread(bool open);
    bool inTransactionOnThisThread() const;
    bool transactionLinkLost() const;
    // failure() for a statement of the calling thread's connection.
    Error failure(const QSqlError &error, const QString &context);
    // Runs one statement without parameters or results (SET, DDL).
    Result<void> execute(QSqlDatabase &db, const QString &sql);

    // What `serve --database` checks before it listens: the server answers,
    // is PostgreSQL 15 or newer, and commits synchronously — an acknowledged
    // write must be on disk (synchronous_commit on or remote_apply).
    Result<void> checkServer();

    // Closes the calling thread's connection (tests, and a thread that ends early).
    void closeOnThisThread();
    // Closes every PostgreSQL link of the calling thread, of every database,
    // and the statements prepared on them: a pool thread's state must go while
    // the server stops, not in its thread-local destructor, which may run
    // during the process's exit after Qt's SQL globals are gone.
    static void closeAllOnThisThread();

private:
    // Counts the calling thread's (re)openings: what a transaction begun on
    // one connection checks before each statement and its commit, so that
    // nothing of it runs, unnoticed, outside it on a reopened connection.
    quint64 generationOnThisThread() const;
    Result<void> open(QSqlDatabase &db);

    PgConnectionString m_target;
    Options m_options;
    quint64 m_serial; // names this database's connections in every thread
};

} // namespace javumbo::postgres
