#include "pgcluster.h"
#include "postgres/pgdatabase.h"
#include "postgres/pgschema.h"
#include "postgres/pgtransaction.h"
#include "postgres/userwritelock.h"
#include "storage/database.h"
#include "storage/pgcollections.h"
#include "storage/transaction.h"
#include "storage/writelockbound.h"

#include <QSqlQuery>
#include <QTest>

#include <future>
#include <memory>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using javumbo::ErrorCode;
using javumbo::Result;
using javumbo::testsupport::PgCluster;
using namespace javumbo::postgres;
namespace storage = javumbo::storage;

namespace {

// Takes `userId`'s write lock on its own thread and connection (another
// instance, as far as PostgreSQL can tell), reports, and holds the lock until
// told to commit or roll back.
class Holder
{
public:
    Holder(PgDatabase &database, qint64 userId)
    {
        m_thread = std::thread([this, &database, userId] {
            hold(database, userId);
            database.closeOnThisThread();
        });
    }
    ~Holder() { finish(true); }
    Result<void> taken() { return m_takenFuture.get(); }
    void finish(bool commit)
    {
        if (!m_thread.joinable())
            return;
        if (!m_released) {
            m_released = true;
            m_release.set_value(commit);
        }
        m_thread.join();
    }
    qint64 backendPid() const { return m_backendPid; }

private:
    void hold(PgDatabase &database, qint64 userId)
    {
        auto connection = database.connection();
        if (!connection) {
            m_taken.set_value(connection.error());
            return;
        }
        QSqlDatabase db = connection.value();
        QSqlQuery pid(db);
        if (pid.exec(u"SELECT pg_backend_pid()"_s) && pid.next())
            m_backendPid = pid.value(0).toLongLong();
        PgTransaction transaction(database, db);
        m_taken.set_value(lockUserForWrite(database, db, userId, 5s));
        if (m_release.get_future().get())
            (void)transaction.commit();
    }

    std::promise<Result<void>> m_taken;
    std::future<Result<void>> m_takenFuture = m_taken.get_future();
    std::promise<bool> m_release;
    bool m_released = false;
    qint64 m_backendPid = 0;
    std::thread m_thread;
};

// One attempt at the lock on a fresh thread and connection, within `bound`.
Result<void> tryLock(PgDatabase &database, qint64 userId, std::chrono::milliseconds bound)
{
    return std::async(std::launch::async, [&] {
        auto attempt = [&]() -> Result<void> {
            auto connection = database.connection();
            if (!connection)
                return connection.error();
            PgTransaction transaction(database, connection.value());
            if (auto locked = lockUserForWrite(database, connection.value(), userId, bound); !locked)
                return locked;
            return transaction.commit();
        };
        Result<void> result = attempt();
        database.closeOnThisThread(); // every handle to it is gone
        return result;
    }).get();
}

} // namespace

class TestPgUserLock : public QObject
{
    Q_OBJECT

private:
    PgCluster m_cluster;
    std::unique_ptr<PgDatabase> m_database;

private slots:
    void initTestCase()
    {
        QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error()));
        auto target = PgConnectionString::parse(m_cluster.connectionString());
        QVERIFY(target.ok());
        m_database = std::make_unique<PgDatabase>(target.value());
    }

    // A second writer of the same user waits at most its bound, then gets
    // user_busy (503 + Retry-After), naming the cause; after the holder
    // commits, the lock is free.
    void theSameUserWaitsItsBoundThenIsBusy()
    {
        Holder holder(*m_database, 7);
        QVERIFY(holder.taken().ok());
        auto busy = tryLock(*m_database, 7, 150ms);
        QVERIFY(!busy.ok());
        QCOMPARE(busy.code(), ErrorCode::UserBusy);
        QVERIFY2(busy.error().message.contains(u"user 7"_s), qPrintable(busy.error().message));
        QVERIFY2(busy.error().message.contains(u"150 ms"_s), qPrintable(busy.error().message));
        holder.finish(true);
        auto free = tryLock(*m_database, 7, 150ms);
        QVERIFY2(free.ok(), qPrintable(free.ok() ? QString() : free.error().message));
    }

    void storageTransactions_takeTheLock_andANestedRefusalLeavesTheOuterOneUsable()
    {
        // storage::Transaction on a user's locator takes that user's lock at BEGIN;
        // nested in another user's transaction on the same link it is a savepoint
        // that takes its own user's lock, and undoes itself when refused.
        QVERIFY(preparePgSchema(*m_database).ok());
        storage::PgCollections collections(*m_database);
        Holder holder(*m_database, 21);
        QVERIFY(holder.taken().ok());
        const storage::WriteLockBound bound(std::chrono::steady_clock::now() + 150ms);
        auto user21 = storage::Database::open(collections.locator(21), storage::OpenMode::ReadWrite, nullptr);
        QVERIFY(user21.ok());
        {
            storage::Transaction refused(*user21.value());
            QVERIFY(!refused.isActive());
            QCOMPARE(refused.error().code, ErrorCode::UserBusy);
        }
        QVERIFY(!m_database->inTransactionOnThisThread());

        auto user22 = storage::Database::open(collections.locator(22), storage::OpenMode::ReadWrite, nullptr);
        QVERIFY(user22.ok());
        storage::Transaction outer(*user22.value());
        QVERIFY2(outer.isActive(), qPrintable(outer.error().message));
        {
            storage::Transaction nested(*user21.value());
            QVERIFY(!nested.isActive());
            QCOMPARE(nested.error().code, ErrorCode::UserBusy);
        }
        storage::Query probe(*user22.value(), u"SELECT count(*) FROM cards WHERE $user() TRUE"_s);
        QVERIFY2(probe.scalar().ok(), "the outer transaction is still usable after the refused savepoint");
        QVERIFY(outer.commit().ok());
        QVERIFY(!m_database->inTransactionOnThisThread());
    }

    void otherUsersDoNotWait()
    {
        Holder holder(*m_database, 8);
        QVERIFY(holder.taken().ok());
        // 1 ms: another user's lock could not have been waited for.
        QVERIFY(tryLock(*m_database, 9, 1ms).ok());
        QVERIFY(tryLock(*m_database, 80, 1ms).ok());
    }

    // A bound already used up must not turn into lock_timeout = 0, which means "wait forever".
    void anExhaustedBoundDoesNotWaitForever()
    {
        Holder holder(*m_database, 10);
        QVERIFY(holder.taken().ok());
        QCOMPARE(tryLock(*m_database, 10, 0ms).code(), ErrorCode::UserBusy);
        QCOMPARE(tryLock(*m_database, 10, -5ms).code(), ErrorCode::UserBusy);
    }

    void aRollbackReleasesIt()
    {
        Holder holder(*m_database, 11);
        QVERIFY(holder.taken().ok());
        holder.finish(false);
        QVERIFY(tryLock(*m_database, 11, 1ms).ok());
    }

    // An instance that dies while holding a user's lock: the server ends its
    // session and the lock goes with it, so the other instances go on.
    void aDeadHoldersLockIsReleasedByTheServer()
    {
        Holder holder(*m_database, 12);
        QVERIFY(holder.taken().ok());
        QVERIFY(holder.backendPid() > 0);
        QCOMPARE(tryLock(*m_database, 12, 1ms).code(), ErrorCode::UserBusy);
        QCOMPARE(m_cluster.psql(u"SELECT pg_terminate_backend(%1)"_s.arg(holder.backendPid())), u"t"_s);
        auto after = tryLock(*m_database, 12, 5s);
        QVERIFY2(after.ok(), qPrintable(after.ok() ? QString() : after.error().message));
    }

    // The lock really serialises: read-modify-write of one counter from many
    // threads loses no increment. With lockUserForWrite made a no-op the
    // counter ended at 78, 78 and 70 of 400 in three runs.
    void itSerialisesReadModifyWrite()
    {
        QVERIFY(!m_cluster
                     .psql(u"CREATE TABLE counter (user_id bigint PRIMARY KEY, n bigint NOT NULL);"
                           " INSERT INTO counter VALUES (13, 0)"_s)
                     .isNull());
        constexpr int kThreads = 8;
        constexpr int kIncrements = 50;
        std::atomic<int> failures {0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&] {
                incrementCounter(kIncrements, failures);
                m_database->closeOnThisThread();
            });
        }
        for (auto &thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(m_cluster.psql(u"SELECT n FROM counter WHERE user_id = 13"_s),
            QString::number(kThreads * kIncrements));
    }

private:
    // Read-modify-write of user 13's counter, `times` times, each in its own
    // transaction under the user's write lock.
    void incrementCounter(int times, std::atomic<int> &failures)
    {
        auto connection = m_database->connection();
        if (!connection) {
            failures += times;
            return;
        }
        QSqlDatabase db = connection.value();
        for (int i = 0; i < times; ++i) {
            PgTransaction transaction(*m_database, db);
            if (!lockUserForWrite(*m_database, db, 13, 10s)) {
                ++failures;
                continue;
            }
            QSqlQuery read(db);
            if (!read.exec(u"SELECT n FROM counter WHERE user_id = 13"_s) || !read.next()) {
                ++failures;
                continue;
            }
            const qint64 n = read.value(0).toLongLong();
            QSqlQuery write(db);
            write.prepare(u"UPDATE counter SET n = ? WHERE user_id = 13"_s);
            write.addBindValue(n + 1);
            if (!write.exec() || !transaction.commit())
                ++failures;
        }
    }
};

QTEST_GUILESS_MAIN(TestPgUserLock)
#include "tst_pguserlock.moc"
