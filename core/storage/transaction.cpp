#include "transaction.h"

#include "postgres/pgdatabase.h"
#include "postgres/userwritelock.h"
#include "writelockbound.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTransaction, "javumbo.storage")

namespace javumbo::storage {

namespace {

// BEGIN, SAVEPOINT, RELEASE and COMMIT run several times per request: prepared
// once per connection rather than parsed on every use.
Result<void> control(Connection &connection, const QString &sql)
{
    if (connection.engine() == Engine::Postgres)
        return connection.execute(sql); // PostgreSQL cannot PREPARE transaction control
    Query statement(connection, sql);
    return statement.exec();
}

// PostgreSQL: BEGIN, then the user's lock across every instance, so two
// instances never interleave one user's writes (postgres/userwritelock.h).
// SQLite needs neither: BEGIN IMMEDIATE takes the file's write lock.
Result<void> beginOnPostgres(Connection &connection)
{
    if (auto begun = control(connection, u"BEGIN"_s); !begun)
        return begun;
    connection.setInPgTransaction(true);
    if (connection.userId() == 0 || WriteLockBound::lockSkipped())
        return {};
    auto db = connection.postgres()->connection();
    if (!db)
        return db.error();
    return postgres::lockUserForWrite(
        *connection.postgres(), db.value(), connection.userId(), WriteLockBound::remaining());
}

// A savepoint in the open transaction. On PostgreSQL, one begun outside a
// batch may write another user's rows than the transaction's: it takes that
// user's lock too (a batch's writes are its one user's, locked at BEGIN).
Result<void> beginSavepoint(Connection &connection)
{
    if (auto begun = control(connection, u"SAVEPOINT write"_s); !begun)
        return begun;
    if (connection.engine() != Engine::Postgres || connection.inBatch() || connection.userId() == 0
        || WriteLockBound::lockSkipped())
        return {};
    auto db = connection.postgres()->connection();
    auto locked = db ? postgres::lockUserForWrite(
                      *connection.postgres(), db.value(), connection.userId(), WriteLockBound::remaining())
                     : Result<void>(db.error());
    if (!locked) {
        // Undo the savepoint (and the aborted state a lock timeout leaves): the
        // enclosing transaction goes on as if this one had never begun.
        (void)control(connection, u"ROLLBACK TO write"_s);
        (void)control(connection, u"RELEASE write"_s);
    }
    return locked;
}

} // namespace

Transaction::Transaction(Connection &connection)
    : m_connection(connection)
    // On PostgreSQL one link carries every user's statements: a transaction
    // begun while the link has one open (a new account's collection made in
    // the account's transaction) is a savepoint in it, committed with it.
    , m_savepoint(
          connection.inBatch() || (connection.engine() == Engine::Postgres && connection.inTransaction()))
{
    if (m_savepoint && !m_connection.inTransaction()) {
        // SQLite rolled the batch back by itself (a full disk, an I/O error):
        // a SAVEPOINT now would open a transaction of its own outside the batch.
        m_beginError = makeError(ErrorCode::StorageUnavailable,
            u"the batch's transaction on %1 was rolled back"_s.arg(connection.path()));
        return;
    }
    const bool postgres = connection.engine() == Engine::Postgres;
    auto begun = m_savepoint ? beginSavepoint(m_connection)
        : postgres           ? beginOnPostgres(m_connection)
                             : control(m_connection, u"BEGIN IMMEDIATE"_s);
    m_active = begun.ok();
    if (!begun) {
        m_beginError = begun.error();
        if (postgres && !m_savepoint && m_connection.inTransaction()) {
            (void)control(m_connection, u"ROLLBACK"_s); // the lock was refused: end what BEGIN opened
            m_connection.setInPgTransaction(false);
        }
    }
}

Transaction::~Transaction()
{
    if (!m_active)
        return;
    m_connection.forgetRemembered(); // it may describe what is rolled back now
    // After a failed COMMIT on a full disk or an I/O error SQLite has often
    // rolled back already: there is nothing to undo, and a ROLLBACK would only
    // log "no transaction is active" for every failed write.
    if (!m_connection.inTransaction())
        return;
    Result<void> rolledBack = control(m_connection, m_savepoint ? u"ROLLBACK TO write"_s : u"ROLLBACK"_s);
    if (rolledBack && m_savepoint)
        rolledBack = control(m_connection, u"RELEASE write"_s);
    if (!m_savepoint)
        m_connection.setInPgTransaction(false); // ended either way: rolled back, or its link is gone
    if (!rolledBack)
        qCWarning(lcTransaction) << "rollback failed on" << m_connection.path() << rolledBack.error().message;
}

Result<void> Transaction::commit()
{
    if (!m_active)
        return m_beginError;
    if (m_savepoint) {
        auto released = control(m_connection, u"RELEASE write"_s);
        if (released)
            m_active = false;
        else
            m_connection.forgetRemembered();
        return released;
    }
    if (m_connection.engine() == Engine::Postgres) {
        // A failed COMMIT ends the transaction too (PostgreSQL rolls it back).
        auto committed = control(m_connection, u"COMMIT"_s);
        m_connection.setInPgTransaction(false);
        m_active = false;
        return committed;
    }
    // A commit that pushes the WAL past wal_autocheckpoint writes the main
    // file itself; that change is ours, not damage (FileWatch).
    const FileStamp before = FileStamp::of(m_connection.path());
    auto committed = control(m_connection, u"COMMIT"_s);
    if (!committed)
        m_connection.forgetRemembered();
    if (committed || !m_connection.inTransaction())
        m_active = false;
    if (committed)
        FileWatch::instance().noteOwnWrite(m_connection.path(), before);
    return committed;
}

BatchTransaction::BatchTransaction(Connection &connection) : m_connection(connection), m_outer(connection)
{
    if (m_outer.isActive())
        m_connection.setInBatch(true);
}

BatchTransaction::~BatchTransaction()
{
    m_connection.setInBatch(false);
}

Result<void> BatchTransaction::commit()
{
    m_connection.setInBatch(false);
    return m_outer.commit();
}

} // namespace javumbo::storage
