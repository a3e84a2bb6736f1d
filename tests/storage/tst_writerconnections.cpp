#include "storage/connectioncache.h"
#include "storage/database.h"
#include "storage/transaction.h"
#include "storage/writerconnections.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::storage;

namespace {

Result<void> counterSchema(Connection &connection, OpenMode)
{
    return connection.execute(u"CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)"_s);
}

// Runs `work` on a thread of its own and waits for it.
template<typename Work>
void onAnotherThread(Work &&work)
{
    std::thread thread(std::forward<Work>(work));
    thread.join();
}

} // namespace

class TestWriterConnections : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString file(int i) const { return m_dir.filePath(u"w%1.db"_s.arg(i)); }

private slots:
    void cleanup() { Database::closeAllOnThisThread(); }

    // The point of it: writes of one file on different threads share one connection (and so
    // its page cache), while each thread's reads keep their own.
    void pinnedOnTwoThreadsInTurn_isOneConnection_unpinnedIsTheThreadsOwn()
    {
        QVERIFY(Database::open(file(0), OpenMode::CreateIfMissing, &counterSchema));
        WriterConnections writers;
        QString pinnedNames[2];
        QString ownNames[2];
        for (int i = 0; i < 2; ++i) {
            onAnotherThread([&, i] {
                writers.pinOnThisThread(file(0));
                auto pinned = Database::open(file(0), OpenMode::ReadWrite, &counterSchema);
                if (pinned) {
                    pinnedNames[i] = pinned.value()->name();
                    Transaction write(*pinned.value());
                    Query insert(*pinned.value(), u"INSERT INTO t (v) VALUES (?)"_s);
                    if (insert.bind(i).exec())
                        (void)write.commit();
                }
                WriterConnections::unpinOnThisThread();
                auto own = Database::open(file(0), OpenMode::ReadWrite, &counterSchema);
                if (own)
                    ownNames[i] = own.value()->name();
                Database::closeAllOnThisThread();
            });
        }
        QVERIFY(!pinnedNames[0].isEmpty());
        QCOMPARE(pinnedNames[1], pinnedNames[0]);
        QVERIFY(!ownNames[0].isEmpty() && !ownNames[1].isEmpty());
        QVERIFY(ownNames[0] != pinnedNames[0] && ownNames[1] != pinnedNames[0]);
        QCOMPARE(writers.openCount(), 1);
        // Both writes went through it and are in the file.
        auto reader = Database::open(file(0), OpenMode::ReadWrite, &counterSchema);
        QVERIFY(reader);
        Query count(*reader.value(), u"SELECT count(*) FROM t"_s);
        auto counted = count.scalar();
        QVERIFY(counted && counted.value());
        QCOMPARE(counted.value()->toInt(), 2);
    }

    // A writer that skipped the lock must not share the pinned connection: it gets its own.
    void pinHeldElsewhere_fallsBackToTheThreadsOwn()
    {
        QVERIFY(Database::open(file(1), OpenMode::CreateIfMissing, &counterSchema));
        WriterConnections writers;
        writers.pinOnThisThread(file(1));
        auto mine = Database::open(file(1), OpenMode::ReadWrite, &counterSchema);
        QVERIFY(mine);
        QString theirs;
        onAnotherThread([&] {
            writers.pinOnThisThread(file(1));
            auto opened = Database::open(file(1), OpenMode::ReadWrite, &counterSchema);
            if (opened)
                theirs = opened.value()->name();
            WriterConnections::unpinOnThisThread();
            Database::closeAllOnThisThread();
        });
        WriterConnections::unpinOnThisThread();
        QVERIFY(!theirs.isEmpty());
        QVERIFY(theirs != mine.value()->name());
    }

    void beyondTheLimit_leastRecentlyUsedIsClosed_closedWithTheOwner()
    {
        const int before = QSqlDatabase::connectionNames().size();
        {
            WriterConnections writers(3);
            for (int i = 10; i < 15; ++i) {
                QVERIFY(Database::open(file(i), OpenMode::CreateIfMissing, &counterSchema));
                writers.pinOnThisThread(file(i));
                QVERIFY(Database::open(file(i), OpenMode::ReadWrite, &counterSchema));
                WriterConnections::unpinOnThisThread();
            }
            QCOMPARE(writers.openCount(), 3);
            Database::closeAllOnThisThread();
            QCOMPARE(QSqlDatabase::connectionNames().size(), before + 3);
        }
        QCOMPARE(QSqlDatabase::connectionNames().size(), before);
    }

    // Closing a file before deleting it closes the writer connection this thread pins too.
    void closeOnThisThread_closesThePinnedConnection()
    {
        QVERIFY(Database::open(file(20), OpenMode::CreateIfMissing, &counterSchema));
        WriterConnections writers;
        writers.pinOnThisThread(file(20));
        QVERIFY(Database::open(file(20), OpenMode::ReadWrite, &counterSchema));
        QCOMPARE(writers.openCount(), 1);
        Database::closeOnThisThread(file(20));
        QCOMPARE(writers.openCount(), 0);
        WriterConnections::unpinOnThisThread();
    }
};

QTEST_GUILESS_MAIN(TestWriterConnections)
#include "tst_writerconnections.moc"
