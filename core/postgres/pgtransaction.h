#pragma once

#include "pgdatabase.h"

namespace javumbo::postgres {

// One PostgreSQL transaction, rolled back unless commit() succeeded — the
// PostgreSQL sibling of storage::Transaction. Transaction-scoped locks
// (userwritelock.h) end with it.
class PgTransaction
{
public:
    // `begin` may name an isolation level or READ ONLY.
    PgTransaction(PgDatabase &database, QSqlDatabase &db, const QString &begin = QStringLiteral("BEGIN"));
    ~PgTransaction();
    Q_DISABLE_COPY_MOVE(PgTransaction)

    bool isActive() const { return m_active; }
    const Error &error() const { return m_error; }
    Result<void> commit();

private:
    PgDatabase &m_database;
    QSqlDatabase &m_db;
    bool m_active = false;
    Error m_error;
};

} // namespace javumbo::postgres
