#pragma once

#include "connection.h"

#include <type_traits>

namespace javumbo::storage {

// The one way to mutate a database: BEGIN IMMEDIATE on construction (the
// write lock is taken up front, so a transaction never fails half-way on a
// lock upgrade), ROLLBACK in the destructor unless commit() succeeded. After
// any error the file is exactly as before.
//
// Inside a BatchTransaction on the same connection (group commit) it is a
// SAVEPOINT instead: commit() releases it into the batch and a failure rolls
// back to it, so one failed write undoes only itself. Its changes then reach
// the disk only when the batch commits.
class Transaction
{
public:
    explicit Transaction(Connection &connection);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // Whether BEGIN succeeded; if not, error() says why and nothing may be written.
    bool isActive() const { return m_active; }
    const Error &error() const { return m_beginError; }
    Result<void> commit();

private:
    Connection &m_connection;
    Error m_beginError;
    bool m_active = false;
    const bool m_savepoint;
};

// Several writes committed as one transaction (group commit): one BEGIN, one
// SAVEPOINT per write (a Transaction made while this is open), one COMMIT and
// so one sync for all of them. Rolled back unless commit() succeeded.
class BatchTransaction
{
public:
    explicit BatchTransaction(Connection &connection);
    ~BatchTransaction();
    BatchTransaction(const BatchTransaction &) = delete;
    BatchTransaction &operator=(const BatchTransaction &) = delete;

    bool isActive() const { return m_outer.isActive(); }
    const Error &error() const { return m_outer.error(); }
    Connection &connection() const { return m_connection; }
    Result<void> commit();

private:
    Connection &m_connection;
    Transaction m_outer; // constructed before the connection is marked in-batch
};

// Runs `work(connection)` in one Transaction on `db`: committed when the work
// succeeds, rolled back by the guard when it fails. The one place that spells
// out open / begin / commit.
template<typename Work>
auto inTransaction(Result<Connection *> db, Work &&work) -> std::invoke_result_t<Work, Connection &>
{
    if (!db)
        return db.error();
    Transaction transaction(*db.value());
    if (!transaction.isActive())
        return transaction.error();
    auto result = work(*db.value());
    if (!result)
        return result;
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return result;
}

} // namespace javumbo::storage
