#pragma once

#include "pgcluster.h"
#include "postgres/pgdatabase.h"
#include "storage/pgcollections.h"

#include <QStringList>

#include <memory>

namespace javumbo::testsupport {

// Whether this test process runs its cases against PostgreSQL: a test source
// registered a second time with JAVUMBO_TEST_BACKEND=postgres (label pg).
bool usePostgres();

// The PostgreSQL of a test process that runs on that backend: one throw-away
// cluster (PgCluster), one database with Javumbo's schema, its collections'
// locators. Started on first use, stopped when the application object goes.
class TestPostgres
{
public:
    static TestPostgres &instance();

    PgCluster &cluster() { return m_cluster; }
    postgres::PgDatabase &database() { return *m_database; }
    storage::PgCollections &collections() { return *m_collections; }
    // The connection string of a new, empty database: a Backend's own, as an
    // installation of its own (its schema is made by Backend::initialize).
    QString freshDatabase();
    // A user id no collection of this process has used yet.
    qint64 nextUserId();
    // Runs a test's own `sql`, written for one collection file, on the rows of
    // the user `locator` names: a separate connection in which temporary views
    // named like the collection tables show only that user's rows. The shared
    // locator (admin.db's and idempotency.db's stand-in) sees every row.
    QStringList queryColumn(const QString &locator, const QString &sql);

private:
    TestPostgres();
    PgCluster m_cluster;
    std::unique_ptr<postgres::PgDatabase> m_database;
    std::unique_ptr<storage::PgCollections> m_collections;
    qint64 m_lastUserId = 0;
};

} // namespace javumbo::testsupport
