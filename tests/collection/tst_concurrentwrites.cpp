// Real threads writing real collection files through the lock registry, on a
// clock that never moves: the case that broke the original system (note ids
// from a seconds clock collided and most concurrent writes failed).
#include "locking/userlockregistry.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <latch>
#include <thread>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::storage;
using namespace javumbo::collection;
using javumbo::testsupport::queryNumber;

namespace {

struct WriteTally
{
    std::atomic<int> ok {0};
    std::atomic<int> failed {0};
    QMutex mutex;
    QStringList errors;
    void fail(const QString &message)
    {
        ++failed;
        QMutexLocker locker(&mutex);
        if (errors.size() < 5)
            errors.append(message);
    }
};

void addCards(UserLockRegistry &registry, qint64 userId, const QString &path, const Clock &clock, int thread,
    int count, WriteTally &tally)
{
    UserCollection collection(path, clock);
    for (int i = 0; i < count; ++i) {
        auto guard = registry.lock(userId, std::chrono::seconds(30));
        if (!guard) {
            tally.fail(guard.error().message);
            continue;
        }
        auto added = collection.addCard(
            {u"[T:%1][SEQ:%2]"_s.arg(thread).arg(i), u"[MARKER:%1_%2]"_s.arg(thread).arg(i), 1, {}});
        if (added)
            ++tally.ok;
        else
            tally.fail(added.error().message);
    }
    Database::closeAllOnThisThread();
}

} // namespace

class TestConcurrentWrites : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void eightThreadsOneUser_everyCardLandsOnceWithDistinctIds()
    {
        constexpr int kThreads = 8;
        constexpr int kPerThread = 500;
        QTemporaryDir dir;
        ManualClock clock; // frozen: every id is taken in the same millisecond
        const QString path = dir.filePath(u"user_1.db"_s);
        QVERIFY(UserCollection::create(path, clock));
        UserLockRegistry registry;
        WriteTally tally;
        std::latch start(kThreads);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                start.arrive_and_wait();
                addCards(registry, 1, path, clock, t, kPerThread, tally);
            });
        }
        for (auto &thread : threads)
            thread.join();
        QVERIFY2(tally.errors.isEmpty(), qPrintable(tally.errors.join(u'\n')));
        QCOMPARE(tally.ok.load(), kThreads * kPerThread);
        QCOMPARE(queryNumber(path, u"SELECT count(*) FROM cards"_s), qint64(kThreads * kPerThread));
        QCOMPARE(queryNumber(path, u"SELECT count(DISTINCT id) FROM cards"_s), qint64(kThreads * kPerThread));
        QCOMPARE(queryNumber(path, u"SELECT count(DISTINCT id) FROM notes"_s), qint64(kThreads * kPerThread));
        QCOMPARE(
            queryNumber(path, u"SELECT count(DISTINCT flds) FROM notes"_s), qint64(kThreads * kPerThread));
        QCOMPARE(
            queryNumber(path, u"SELECT count(DISTINCT due) FROM cards"_s), qint64(kThreads * kPerThread));
        const auto stats = registry.statistics(1);
        QVERIFY(stats);
        QCOMPARE(stats->acquisitions, quint64(kThreads * kPerThread));
        QCOMPARE(stats->timeouts, quint64(0));
        QCOMPARE(testsupport::queryColumn(path, u"PRAGMA integrity_check"_s), QStringList {u"ok"_s});
    }

    void eightThreadsEightUsers_eachCollectionHoldsExactlyItsOwnCards()
    {
        constexpr int kUsers = 8;
        constexpr int kPerThread = 300;
        QTemporaryDir dir;
        ManualClock clock;
        UserLockRegistry registry;
        QStringList paths;
        for (int u = 0; u < kUsers; ++u) {
            paths.append(dir.filePath(u"user_%1.db"_s.arg(u + 1)));
            QVERIFY(UserCollection::create(paths.last(), clock));
        }
        WriteTally tally;
        std::latch start(kUsers);
        std::vector<std::thread> threads;
        for (int u = 0; u < kUsers; ++u) {
            threads.emplace_back([&, u] {
                start.arrive_and_wait();
                addCards(registry, u + 1, paths[u], clock, u, kPerThread, tally);
            });
        }
        for (auto &thread : threads)
            thread.join();
        QVERIFY2(tally.errors.isEmpty(), qPrintable(tally.errors.join(u'\n')));
        for (int u = 0; u < kUsers; ++u) {
            QCOMPARE(queryNumber(paths[u], u"SELECT count(*) FROM notes"_s), qint64(kPerThread));
            // Every card in user u's file was written by user u's thread: none crossed over.
            QCOMPARE(queryNumber(paths[u], u"SELECT count(*) FROM notes WHERE flds LIKE '[T:%1]%'"_s.arg(u)),
                qint64(kPerThread));
        }
        QCOMPARE(registry.statistics().size(), kUsers);
    }
};

QTEST_GUILESS_MAIN(TestConcurrentWrites)
#include "tst_concurrentwrites.moc"
