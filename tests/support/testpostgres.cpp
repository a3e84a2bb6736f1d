#include "testpostgres.h"

#include "postgres/collectiontables.h"
#include "postgres/pgschema.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace javumbo::testsupport {

namespace {

TestPostgres *g_instance = nullptr;

// Before the thread's connections (thread_local) and the cluster's files go.
void stopAtExit()
{
    delete std::exchange(g_instance, nullptr);
}

} // namespace

bool usePostgres()
{
    return qEnvironmentVariable("JAVUMBO_TEST_BACKEND") == "postgres"_L1;
}

TestPostgres &TestPostgres::instance()
{
    if (!g_instance) {
        g_instance = new TestPostgres();
        qAddPostRoutine(stopAtExit);
    }
    return *g_instance;
}

TestPostgres::TestPostgres()
{
    if (!m_cluster.start())
        qFatal("cannot start PostgreSQL: %s", qPrintable(m_cluster.error()));
    auto target = postgres::PgConnectionString::parse(m_cluster.connectionString());
    if (!target)
        qFatal("bad connection string: %s", qPrintable(target.error().message));
    m_database = std::make_unique<postgres::PgDatabase>(target.value());
    if (auto prepared = postgres::preparePgSchema(*m_database); !prepared)
        qFatal("cannot create the schema: %s", qPrintable(prepared.error().message));
    m_collections = std::make_unique<storage::PgCollections>(*m_database);
    // The tests read col's JSON as on SQLite: json_extract(doc, '$.key.key').
    // Only the tests' own queries use it; the product never does.
    const QString shim
        = u"CREATE FUNCTION json_extract(doc text, path text) RETURNS text"
          " LANGUAGE sql IMMUTABLE AS $$ SELECT doc::jsonb #>> string_to_array(substr(path, 3), '.') $$"_s;
    if (m_cluster.psql(shim, u"postgres"_s).isNull())
        qFatal("cannot create json_extract: %s", qPrintable(m_cluster.error()));
}

QString TestPostgres::freshDatabase()
{
    const QString name = m_cluster.createDatabase();
    if (name.isEmpty())
        qFatal("cannot create a database: %s", qPrintable(m_cluster.error()));
    return m_cluster.connectionString(name);
}

qint64 TestPostgres::nextUserId()
{
    return ++m_lastUserId;
}

QStringList TestPostgres::queryColumn(const QString &locator, const QString &sql)
{
    const qint64 userId = storage::PgCollections::userOf(locator);
    postgres::PgDatabase *database = storage::PgCollections::databaseOf(locator);
    if (!database)
        qFatal("not an open database's locator: %s", qPrintable(locator));
    const QString name = u"testpostgres-"_s % QUuid::createUuid().toString();
    QStringList values;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setConnectOptions(database->target().connectOptions());
        if (!db.open())
            qFatal("cannot connect: %s", qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        // Temporary relations come first in the search path, so these views
        // stand in for the shared tables in this connection only.
        // The shared locator (user 0) reads the shared tables as they are.
        for (const postgres::CollectionTable &table :
            userId > 0 ? postgres::collectionTables() : QList<postgres::CollectionTable>()) {
            const QString view = u"CREATE TEMPORARY VIEW %1 AS SELECT %2 FROM public.%1 WHERE user_id = %3"_s
                                     .arg(table.name, table.columnList())
                                     .arg(userId);
            if (!query.exec(view))
                qFatal("%s: %s", qPrintable(view), qPrintable(query.lastError().text()));
        }
        values = firstColumnOf(query, sql);
    }
    QSqlDatabase::removeDatabase(name);
    return values;
}

} // namespace javumbo::testsupport
