#include "storage/database.h"
#include "storage/transaction.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

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
};

QTEST_GUILESS_MAIN(TestTransaction)
#include "tst_transaction.moc"
