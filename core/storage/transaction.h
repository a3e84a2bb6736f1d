#pragma once

#include "connection.h"

namespace javumbo::storage {

// The one way to mutate a database: BEGIN IMMEDIATE on construction (the
// write lock is taken up front, so a transaction never fails half-way on a
// lock upgrade), ROLLBACK in the destructor unless commit() succeeded. After
// any error the file is exactly as before.
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
};

} // namespace javumbo::storage
