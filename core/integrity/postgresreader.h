#pragma once

#include "collectionsource.h"
#include "postgres/pgdatabase.h"

namespace javumbo::integrity {

// Reads a PostgreSQL-backed server's data for the checker, the sibling of
// DirectReader (docs/postgresql.md §8). Every query is filtered by the user's
// id, and each read of a collection is one REPEATABLE READ READ ONLY
// transaction, so cards, revlog and decks are compared as of one moment
// while the instances keep writing. Give it a role that may only read
// (docs/postgresql.md): the transaction is read-only either way.
class PostgresReader final : public CollectionSource
{
public:
    explicit PostgresReader(postgres::PgConnectionString target);

    QString name() const override;
    bool seesRevlog() const override { return true; }
    // The id the accounts table holds for the account's username.
    Result<qint64> resolveUserId(const TestAccount &account) override;
    Result<CollectionRead> read(const TestAccount &account, qint64 cursor, bool full) override;

private:
    Result<void> readInSnapshot(
        QSqlDatabase &db, qint64 userId, qint64 cursor, bool full, CollectionRead &read);

    postgres::PgDatabase m_database;
};

} // namespace javumbo::integrity
