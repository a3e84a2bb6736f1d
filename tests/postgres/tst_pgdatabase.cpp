#include "pgcluster.h"
#include "postgres/pgdatabase.h"
#include "postgres/pgschema.h"
#include "postgres/pgtransaction.h"

#include <QSqlQuery>
#include <QTest>

#include <future>
#include <memory>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using javumbo::ErrorCode;
using javumbo::testsupport::PgCluster;
using namespace javumbo::postgres;

namespace {

std::unique_ptr<PgDatabase> databaseFor(const QString &connectionString)
{
    auto target = PgConnectionString::parse(connectionString);
    if (!target)
        qFatal("%s", qPrintable(target.error().message));
    return std::make_unique<PgDatabase>(target.value());
}

} // namespace

class TestPgDatabase : public QObject
{
    Q_OBJECT

private:
    PgCluster m_cluster;

    QString freshDatabase()
    {
        const QString name = m_cluster.createDatabase();
        if (name.isEmpty())
            qFatal("%s", qPrintable(m_cluster.error()));
        return name;
    }
    QString sql(const QString &statement, const QString &database)
    {
        const QString out = m_cluster.psql(statement, database);
        if (out.isNull())
            qFatal("%s", qPrintable(m_cluster.error()));
        return out;
    }

private slots:
    void initTestCase() { QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error())); }

    void aSynchronousServerPassesTheStartCheck()
    {
        auto database = databaseFor(m_cluster.connectionString());
        auto checked = database->checkServer();
        QVERIFY2(checked.ok(), qPrintable(checked.ok() ? QString() : checked.error().message));
    }

    // An acknowledged write must be on disk: synchronous_commit off is refused at start, by name.
    void asynchronousCommitIsRefused_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::newRow("off") << u"off"_s;
        QTest::newRow("local") << u"local"_s;
        QTest::newRow("remote_write") << u"remote_write"_s;
    }
    void asynchronousCommitIsRefused()
    {
        QFETCH(QString, setting);
        const QString name = freshDatabase();
        sql(u"ALTER DATABASE %1 SET synchronous_commit = %2"_s.arg(name, setting), u"postgres"_s);
        auto database = databaseFor(m_cluster.connectionString(name));
        auto checked = database->checkServer();
        QVERIFY(!checked.ok());
        QCOMPARE(checked.code(), ErrorCode::StorageUnavailable);
        QVERIFY2(checked.error().message.contains(u"synchronous_commit = "_s + setting),
            qPrintable(checked.error().message));
    }

    void anUnreachableServerIsUnavailableNotInternal()
    {
        auto database
            = databaseFor(u"host=/nonexistent/socket/dir dbname=x user=postgres connect_timeout=2"_s);
        auto connection = database->connection();
        QVERIFY(!connection.ok());
        QCOMPARE(connection.code(), ErrorCode::StorageUnavailable);
        QVERIFY2(connection.error().message.contains(u"cannot reach PostgreSQL"_s),
            qPrintable(connection.error().message));
        QCOMPARE(database->checkServer().code(), ErrorCode::StorageUnavailable);
    }

    void theSchemaIsCreatedOnceAndVersioned()
    {
        const QString name = freshDatabase();
        auto database = databaseFor(m_cluster.connectionString(name));
        auto connection = database->connection();
        QVERIFY(connection.ok());
        QCOMPARE(pgSchemaVersion(*database, connection.value()).value(), 0);

        auto prepared = preparePgSchema(*database);
        QVERIFY2(prepared.ok(), qPrintable(prepared.ok() ? QString() : prepared.error().message));
        QCOMPARE(pgSchemaVersion(*database, connection.value()).value(), kPgSchemaVersion);
        // Every table of a collection is keyed by user first, so each user's rows are one index range.
        for (const QString &table : {u"col"_s, u"notes"_s, u"cards"_s, u"revlog"_s, u"javumbo_undo"_s,
                 u"javumbo_bulk_undo"_s, u"idempotency"_s}) {
            const QString firstKeyColumn
                = sql(u"SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                      " ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
                      " WHERE i.indrelid = '%1'::regclass AND i.indisprimary"_s.arg(table),
                    name);
            QCOMPARE(firstKeyColumn, u"user_id"_s);
        }
        // So is every index on them (Anki's indexes, prefixed).
        QCOMPARE(sql(u"SELECT count(*) FROM pg_indexes WHERE tablename IN ('notes','cards','revlog','graves')"
                     " AND indexdef NOT LIKE '%(user_id%'"_s,
                     name),
            u"0"_s);

        // A second start changes nothing.
        sql(u"INSERT INTO accounts (username, username_key) VALUES ('ada', 'ada')"_s, name);
        QVERIFY(preparePgSchema(*database).ok());
        QCOMPARE(sql(u"SELECT count(*) FROM accounts"_s, name), u"1"_s);
        QCOMPARE(sql(u"SELECT count(*) FROM javumbo_schema"_s, name), u"1"_s);
    }

    void aNewerSchemaIsRefusedAndLeftAlone()
    {
        const QString name = freshDatabase();
        auto database = databaseFor(m_cluster.connectionString(name));
        QVERIFY(preparePgSchema(*database).ok());
        sql(u"UPDATE javumbo_schema SET version = 99; INSERT INTO accounts (username, username_key)"
            " VALUES ('ada', 'ada')"_s,
            name);
        auto prepared = preparePgSchema(*database);
        QVERIFY(!prepared.ok());
        QCOMPARE(prepared.code(), ErrorCode::StorageCorrupt);
        QVERIFY2(prepared.error().message.contains(u"version 99"_s), qPrintable(prepared.error().message));
        QCOMPARE(sql(u"SELECT version FROM javumbo_schema"_s, name), u"99"_s);
        QCOMPARE(sql(u"SELECT count(*) FROM accounts"_s, name), u"1"_s);
    }

    // Instances starting together: one creates the schema, the others find it made.
    void instancesStartingTogetherCreateItOnce()
    {
        const QString name = freshDatabase();
        auto database = databaseFor(m_cluster.connectionString(name));
        constexpr int kStarters = 6;
        std::vector<std::optional<javumbo::Error>> errors(kStarters);
        std::vector<std::thread> starters;
        for (int i = 0; i < kStarters; ++i) {
            starters.emplace_back([&, i] {
                PgDatabase own(database->target()); // a separate instance's connections
                if (auto prepared = preparePgSchema(own); !prepared)
                    errors[i] = prepared.error();
            });
        }
        for (auto &starter : starters)
            starter.join();
        for (const auto &error : errors)
            QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        QCOMPARE(sql(u"SELECT count(*) FROM javumbo_schema"_s, name), u"1"_s);
        QCOMPARE(sql(u"SELECT version FROM javumbo_schema"_s, name), QString::number(kPgSchemaVersion));
    }

    // Another instance holding the schema lock (a long migration): the wait is
    // bounded and named, and the schema is made once the lock is free.
    void aSchemaChangeElsewhere_isWaitedForWithABound()
    {
        const QString name = freshDatabase();
        auto database = databaseFor(m_cluster.connectionString(name));
        std::promise<void> held;
        std::promise<void> release;
        std::thread other([&] {
            {
                PgDatabase elsewhere(database->target());
                auto connection = elsewhere.connection();
                if (connection) {
                    PgTransaction transaction(elsewhere, connection.value());
                    (void)elsewhere.execute(connection.value(),
                        u"SELECT pg_advisory_xact_lock(%1, %2)"_s.arg(kPgSchemaLockClass)
                            .arg(kPgSchemaLockObject));
                    held.set_value();
                    release.get_future().wait();
                } else {
                    held.set_value();
                }
            }
        });
        held.get_future().wait();
        auto refused = preparePgSchema(*database, std::chrono::milliseconds(200));
        release.set_value();
        other.join();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.code(), ErrorCode::StorageUnavailable);
        QVERIFY2(
            refused.error().message.contains(u"another instance"_s), qPrintable(refused.error().message));
        QCOMPARE(sql(u"SELECT count(*) FROM pg_tables WHERE tablename = 'javumbo_schema'"_s, name), u"0"_s);
        auto prepared = preparePgSchema(*database, std::chrono::milliseconds(200));
        QVERIFY2(prepared.ok(), qPrintable(prepared.ok() ? QString() : prepared.error().message));
    }

    // A restarted server: requests meanwhile are storage_unavailable (503), never internal
    // (500), and the same PgDatabase reconnects by itself once the server is back.
    void aRestartedServerIsReconnected()
    {
        auto database = databaseFor(m_cluster.connectionString());
        auto connection = database->connection();
        QVERIFY(connection.ok());
        QVERIFY(database->execute(connection.value(), u"SELECT 1"_s).ok());

        QVERIFY2(m_cluster.stop(PgCluster::StopMode::Immediate), qPrintable(m_cluster.error()));
        auto lost = database->execute(connection.value(), u"SELECT 1"_s);
        QVERIFY(!lost.ok());
        QVERIFY2(lost.code() == ErrorCode::StorageUnavailable, qPrintable(lost.error().message));
        auto whileDown = database->connection();
        QVERIFY(!whileDown.ok());
        QCOMPARE(whileDown.code(), ErrorCode::StorageUnavailable);

        QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error()));
        auto back = database->connection();
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
        QVERIFY(database->execute(back.value(), u"SELECT 1"_s).ok());
    }

    // The session settings that let the server end what a dead instance left open.
    void sessionsCarryTheSafetyTimeouts()
    {
        auto target = PgConnectionString::parse(m_cluster.connectionString());
        QVERIFY(target.ok());
        PgDatabase database(target.value(), PgDatabase::Options {std::chrono::milliseconds(1234)});
        auto connection = database.connection();
        QVERIFY(connection.ok());
        QSqlQuery query(connection.value());
        QVERIFY(query.exec(u"SELECT current_setting('idle_in_transaction_session_timeout'),"
                           " current_setting('application_name')"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"1234ms"_s);
        QCOMPARE(query.value(1).toString(), u"javumbo"_s);
    }
};

QTEST_GUILESS_MAIN(TestPgDatabase)
#include "tst_pgdatabase.moc"
