#include "storage/database.h"
#include "storage/transaction.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <thread>

#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::storage;

namespace {

Result<void> createCounterTable(Connection &connection, OpenMode)
{
    return connection.execute(u"CREATE TABLE IF NOT EXISTS counter (value integer NOT NULL)"_s);
}

qint64 rows(Connection &connection)
{
    Query query(connection, u"SELECT count(*) FROM counter"_s);
    return query.scalar().value()->toLongLong();
}

} // namespace

class TestTransaction : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Connection *open()
    {
        auto connection
            = Database::open(m_dir.filePath(u"t.db"_s), OpenMode::CreateIfMissing, &createCounterTable);
        if (!connection)
            qFatal("open failed: %s", qPrintable(connection.error().message));
        return connection.value();
    }
    void insertRow(Connection &connection)
    {
        Query insert(connection, u"INSERT INTO counter (value) VALUES (1)"_s);
        QVERIFY(insert.exec());
    }

private slots:
    void init() { QVERIFY(open()->execute(u"DELETE FROM counter"_s)); }

    void destructor_rollsBackUncommittedWork()
    {
        Connection &connection = *open();
        {
            Transaction transaction(connection);
            QVERIFY(transaction.isActive());
            insertRow(connection);
            QCOMPARE(rows(connection), qint64(1));
        }
        QCOMPARE(rows(connection), qint64(0));
    }

    void commit_persists()
    {
        Connection &connection = *open();
        {
            Transaction transaction(connection);
            insertRow(connection);
            QVERIFY(transaction.commit());
        }
        QCOMPARE(rows(connection), qint64(1));
    }

    void failedStatement_leavesFileAsBefore()
    {
        Connection &connection = *open();
        insertRow(connection);
        {
            Transaction transaction(connection);
            insertRow(connection);
            Query bad(connection, u"INSERT INTO counter (value) VALUES (NULL)"_s); // violates NOT NULL
            QVERIFY(!bad.exec());
        }
        QCOMPARE(rows(connection), qint64(1));
    }

    void secondWriter_waitsForImmediateLockInsteadOfCorrupting()
    {
        // A transaction begun on another thread's connection while this one holds the write lock
        // waits at its BEGIN for the whole busy_timeout, then fails cleanly with storage_unavailable,
        // and nothing is half-written.
        constexpr int kBusyTimeoutMs = 50;
        Connection &connection = *open();
        Transaction holder(connection);
        QVERIFY(holder.isActive());
        insertRow(connection);
        Result<void> otherBegin;
        qint64 beginTookMs = -1;
        std::thread other([&] {
            auto otherConnection = Database::open(m_dir.filePath(u"t.db"_s), OpenMode::ReadWrite,
                &createCounterTable, DatabaseOptions {kBusyTimeoutMs});
            if (!otherConnection) {
                otherBegin = otherConnection.error();
                return;
            }
            QElapsedTimer took;
            took.start();
            Transaction second(*otherConnection.value());
            beginTookMs = took.elapsed();
            otherBegin = second.isActive() ? Result<void>() : Result<void>(second.error());
        });
        other.join();
        QVERIFY(!otherBegin);
        QCOMPARE(otherBegin.code(), ErrorCode::StorageUnavailable);
        // SQLite's busy answer to the BEGIN itself, after its busy handler waited the timeout out.
        const QString message = otherBegin.error().message;
        QVERIFY2(message.startsWith(u"database busy: BEGIN IMMEDIATE"_s), qPrintable(message));
        QVERIFY2(beginTookMs >= kBusyTimeoutMs, qPrintable(QString::number(beginTookMs)));
        QVERIFY(holder.isActive());
        QVERIFY(holder.commit());
        QCOMPARE(rows(connection), qint64(1));
    }

    // Group commit: writes are savepoints in one batch; a failed one rolls
    // back alone, the others commit with the batch.
    void batch_failedWriteRollsBackAloneAndTheRestCommit()
    {
        Connection &connection = *open();
        {
            BatchTransaction batch(connection);
            QVERIFY(batch.isActive());
            {
                Transaction first(connection);
                insertRow(connection);
                QVERIFY(first.commit());
            }
            {
                Transaction failing(connection);
                insertRow(connection);
                insertRow(connection);
                // no commit: rolled back to its savepoint
            }
            {
                Transaction third(connection);
                insertRow(connection);
                QVERIFY(third.commit());
            }
            QCOMPARE(rows(connection), qint64(2));
            QVERIFY(batch.commit());
        }
        QVERIFY(!connection.inTransaction());
        QCOMPARE(rows(connection), qint64(2));
    }

    void batch_notCommittedLeavesNothing()
    {
        Connection &connection = *open();
        {
            BatchTransaction batch(connection);
            Transaction write(connection);
            insertRow(connection);
            QVERIFY(write.commit()); // released into the batch, which never commits
        }
        QCOMPARE(rows(connection), qint64(0));
    }

    // Issue 14: a COMMIT that fails because the disk is full must not be
    // followed by a "rollback failed" warning for every failed write. The
    // file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) makes the WAL append of
    // the commit fail as a full disk does.
    void failedCommitOnAFullDisk_logsNoRollbackWarning()
    {
        Connection &connection = *open();
        QVERIFY(connection.execute(u"PRAGMA cache_size = 10000"_s));
        const QString wal = m_dir.filePath(u"t.db-wal"_s);
        QTest::failOnWarning(QRegularExpression(u"rollback failed"_s));
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit saved {};
        QVERIFY(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
        Result<void> committed;
        {
            Transaction transaction(connection);
            QVERIFY(transaction.isActive());
            Query insert(connection, u"INSERT INTO counter (value) VALUES (zeroblob(2000000))"_s,
                Query::Caching::Uncached);
            QVERIFY(insert.exec());
            rlimit tight = saved;
            tight.rlim_cur = rlim_t(std::max<qint64>(QFileInfo(wal).size(), 4096) + 8192);
            QVERIFY(::setrlimit(RLIMIT_FSIZE, &tight) == 0);
            committed = transaction.commit();
        }
        ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY(!committed);
        QCOMPARE(committed.code(), ErrorCode::StorageUnavailable);
        QVERIFY(!connection.inTransaction());
        QCOMPARE(rows(connection), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestTransaction)
#include "tst_transaction.moc"
