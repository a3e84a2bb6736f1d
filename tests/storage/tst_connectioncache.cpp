#include "storage/connectioncache.h"
#include "storage/database.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <thread>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::storage;

namespace {
Result<void> noSchema(Connection &, OpenMode)
{
    return {};
}
} // namespace

class TestConnectionCache : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString file(int i) const { return m_dir.filePath(u"f%1.db"_s.arg(i)); }

private slots:
    void cleanup() { Database::closeAllOnThisThread(); }

    void sameThreadSameFile_reusesOneConnection()
    {
        auto first = Database::open(file(0), OpenMode::CreateIfMissing, &noSchema);
        auto second = Database::open(file(0), OpenMode::ReadWrite, &noSchema);
        QVERIFY(first && second);
        QCOMPARE(first.value(), second.value());
        QCOMPARE(ConnectionCache::forThisThread().size(), 1);
    }

    void preparedStatement_isPreparedOncePerConnection()
    {
        auto connection = Database::open(file(0), OpenMode::CreateIfMissing, &noSchema);
        QVERIFY(connection);
        auto a = connection.value()->prepared(u"SELECT 1"_s);
        auto b = connection.value()->prepared(u"SELECT 1"_s);
        QVERIFY(a && b);
        QCOMPARE(a.value(), b.value());
    }

    void otherThreads_getTheirOwnNamedConnections_removedWhenThreadsEnd()
    {
        auto mine = Database::open(file(0), OpenMode::CreateIfMissing, &noSchema);
        QVERIFY(mine);
        const QString myName = mine.value()->name();
        QStringList seen(4);
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back([&, i] {
                auto theirs = Database::open(file(0), OpenMode::ReadWrite, &noSchema);
                if (theirs)
                    seen[i] = theirs.value()->name();
            });
        }
        for (auto &thread : threads)
            thread.join();
        QSet<QString> names(seen.begin(), seen.end());
        names.insert(myName);
        QCOMPARE(names.size(), 5); // one name per (thread, file), never shared
        const QStringList alive = QSqlDatabase::connectionNames();
        for (const QString &name : seen)
            QVERIFY2(!alive.contains(name), qPrintable(name)); // thread ended, connection removed
        QVERIFY(alive.contains(myName));
    }

    void poolThreadsThatExpire_leaveNoConnectionsBehind()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(3);
        pool.setExpiryTimeout(0); // threads end as soon as they are idle
        const int before = QSqlDatabase::connectionNames().size();
        for (int i = 0; i < 30; ++i)
            pool.start(
                [this, i] { (void)Database::open(file(i % 5), OpenMode::CreateIfMissing, &noSchema); });
        pool.waitForDone();
        QTRY_COMPARE(QSqlDatabase::connectionNames().size(), before);
    }

    void manyFiles_areCappedPerThread()
    {
        for (int i = 0; i < ConnectionCache::kMaxConnectionsPerThread + 10; ++i)
            QVERIFY(Database::open(file(i), OpenMode::CreateIfMissing, &noSchema));
        QCOMPARE(ConnectionCache::forThisThread().size(), ConnectionCache::kMaxConnectionsPerThread);
        QCOMPARE(QSqlDatabase::connectionNames().size(), ConnectionCache::kMaxConnectionsPerThread);
        // The most recent file is still cached; the first was evicted and reopens on demand.
        QVERIFY(ConnectionCache::forThisThread().find(
            QFileInfo(file(ConnectionCache::kMaxConnectionsPerThread + 9)).absoluteFilePath()));
        QVERIFY(!ConnectionCache::forThisThread().find(QFileInfo(file(0)).absoluteFilePath()));
        QVERIFY(Database::open(file(0), OpenMode::ReadWrite, &noSchema));
    }
};

QTEST_GUILESS_MAIN(TestConnectionCache)
#include "tst_connectioncache.moc"
