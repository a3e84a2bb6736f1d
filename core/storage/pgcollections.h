#pragma once

#include "common/result.h"
#include "connection.h"

#include <QString>

namespace javumbo::postgres {
class PgDatabase;
}

namespace javumbo::storage {

// Users' collections in one PostgreSQL database (docs/postgresql.md §9), named
// by locators that stand where a collection file's path stands everywhere
// above storage: "postgres:<database>:<user id>". Database::open() turns one
// into the calling thread's connection bound to that user, so the collection
// code runs unchanged on either engine.
//
// An object registers its database for as long as it lives; the backend that
// owns the PgDatabase owns it.
class PgCollections
{
public:
    explicit PgCollections(postgres::PgDatabase &database);
    ~PgCollections();
    PgCollections(const PgCollections &) = delete;
    PgCollections &operator=(const PgCollections &) = delete;

    QString locator(qint64 userId) const;
    // The shared tables (accounts, sessions, idempotency keys): user 0, no collection.
    QString sharedLocator() const { return locator(0); }
    postgres::PgDatabase &database() const { return m_database; }

    static bool isLocator(const QString &path);
    // Forgets the calling thread's connections to every collection (with
    // PgDatabase::closeAllOnThisThread, when a pool thread's work is over).
    static void closeAllOnThisThread();
    // The calling thread's connection for `locator`'s user. One PostgreSQL
    // link per thread and database carries every user's statements, so a
    // thread works on one user's collection at a time (as every service does).
    static Result<Connection *> open(const QString &locator);
    // Deletes every row of user `userId`'s collection, in the transaction open on `connection`.
    static Result<void> removeCollection(Connection &connection, qint64 userId);
    // The database a locator's collection is in; null once it was closed.
    static postgres::PgDatabase *databaseOf(const QString &locator);
    // The user a locator names; 0 for the shared tables or a malformed locator.
    static qint64 userOf(const QString &locator);

private:
    postgres::PgDatabase &m_database;
};

} // namespace javumbo::storage
