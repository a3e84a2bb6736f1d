// Group commit (issue 14): the writes one lock holder combines for a user are
// one transaction with a savepoint each. Real threads on one user, queued
// behind a lock the test holds, so they are certain to meet in one batch.
// Run on both backends (tst_groupcommit_pg: a user's batch is one PostgreSQL
// transaction under the user's advisory lock).
#include "services/backend.h"
#include "services/collectionaccess.h"
#include "services/idempotencystore.h"
#include "services/writebatch.h"
#include "storage/database.h"
#include "storage/transaction.h"
#include "testpostgres.h"
#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace javumbo;

namespace {

QByteArray render(const collection::CardRecord &card)
{
    return QByteArray::number(card.cardId);
}

// Makes the batch running on this thread unable to commit: on SQLite the
// collection file is replaced under it; on PostgreSQL the link the batch's
// transaction runs on is ended by the server (as when PostgreSQL restarts).
Result<void> breakTheBatchUnderneath(const QString &path)
{
    if (testsupport::usePostgres()) {
        auto link = storage::Database::open(path, storage::OpenMode::ReadWrite,
            [](storage::Connection &, storage::OpenMode) { return Result<void>(); });
        if (!link)
            return link.error();
        storage::Query ended(*link.value(), u"SELECT pg_terminate_backend(pg_backend_pid())"_s);
        (void)ended.exec(); // the server ends the link while answering: an error here is expected
        return {};
    }
    QFile::copy(path, path + u".copy"_s);
    if (std::rename(qPrintable(path + u".copy"_s), qPrintable(path)) != 0)
        return makeError(ErrorCode::Internal, u"rename failed"_s);
    return {};
}

// A budget no busy machine can exhaust: every queued write joins the batch.
UserLockRegistry::Options wideCombining()
{
    UserLockRegistry::Options options;
    options.combining = CombiningBudget {64, std::chrono::seconds(30)};
    return options;
}

} // namespace

class TestGroupCommit : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock {testsupport::kDay0TenAmMs};
    std::unique_ptr<UserLockRegistry> m_locks;
    std::unique_ptr<Backend> m_backend;
    qint64 m_user = 0;

    // Waits until `count` writers are queued on the user's lock the test holds.
    bool waitForQueued(int count)
    {
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            const auto stats = m_locks->statistics(m_user);
            if (stats && stats->waiters == count)
                return true;
            std::this_thread::yield();
        }
        return false;
    }
    qint64 cards() const
    {
        return testsupport::queryNumber(
            m_backend->context().collectionPath(m_user), u"SELECT count(*) FROM cards"_s);
    }

private slots:
    void init()
    {
        testsupport::enterTestMode();
        m_dir = std::make_unique<QTemporaryDir>();
        m_locks = std::make_unique<UserLockRegistry>(wideCombining());
        BackendOptions options = testsupport::backendOptions(m_dir->path());
        m_backend = std::make_unique<Backend>(options, m_clock, *m_locks);
        QVERIFY(m_backend->initialize());
        auto account = m_backend->accounts().registerUser(
            {u"grouped"_s, u"long enough"_s, {}, u"g@example.org"_s, {}});
        QVERIFY(account);
        m_user = account->id;
    }
    void cleanup()
    {
        storage::Database::closeAllOnThisThread();
        m_backend.reset();
        m_locks.reset();
        m_dir.reset();
    }

    void oneFailingWriteInABatchFailsAlone()
    {
        constexpr int kWriters = 6;
        constexpr int kFailing
            = 2; // adds to a deck that does not exist: refused, rolled back to its savepoint
        const qint64 before = cards();
        std::vector<std::optional<Result<collection::CardRecord>>> results(kWriters);
        std::vector<std::thread> threads;
        UserLockGuard held = m_locks->acquire(m_user, std::chrono::seconds(5));
        QVERIFY(held.isLocked());
        for (int i = 0; i < kWriters; ++i) {
            threads.emplace_back([&, i] {
                const collection::NewCard card {
                    u"front %1"_s.arg(i), u"back"_s, i == kFailing ? 999 : 1, {}, {}};
                results[i].emplace(m_backend->cards().add(m_user, card));
            });
            QVERIFY(waitForQueued(i + 1)); // queued in this order
        }
        const WriteBatch::Stats start = WriteBatch::stats();
        held.release();
        for (std::thread &thread : threads)
            thread.join();

        for (int i = 0; i < kWriters; ++i) {
            QVERIFY(results[i].has_value());
            if (i == kFailing) {
                QCOMPARE(results[i]->code(), ErrorCode::DeckNotFound);
            } else {
                QVERIFY2(
                    results[i]->ok(), qPrintable(results[i]->ok() ? QString() : results[i]->error().message));
            }
        }
        const WriteBatch::Stats end = WriteBatch::stats();
        QCOMPARE(end.batches - start.batches, quint64(1)); // one commit, one sync
        QCOMPARE(end.writes - start.writes, quint64(kWriters - 1));
        QCOMPARE(cards() - before, qint64(kWriters - 1));
        for (int i = 0; i < kWriters; ++i) {
            if (i != kFailing)
                QVERIFY(m_backend->cards().get(m_user, results[i]->value().cardId));
        }
    }

    void aBatchThatFailsToCommitFailsEveryWriteAndCompletesNoKey()
    {
        // A's keyed add and B's write meet in one batch; B breaks it underneath
        // (breakTheBatchUnderneath), so the batch's commit is refused: A must
        // fail too, and its Idempotency-Key must not be recorded as completed.
        const QString path = m_backend->context().collectionPath(m_user);
        std::optional<Result<CardService::Reply>> keyed;
        std::optional<Result<void>> replacing;
        UserLockGuard held = m_locks->acquire(m_user, std::chrono::seconds(5));
        QVERIFY(held.isLocked());
        std::thread a([&] {
            keyed.emplace(m_backend->cards().addOnce(
                m_user, {u"keyed"_s, u"b"_s, 1, {}, {}}, u"key-1"_s, "hash", render));
        });
        QVERIFY(waitForQueued(1));
        std::thread b([&] {
            CollectionAccess access(m_backend->context());
            replacing.emplace(access.write(
                m_user, [&](collection::UserCollection &) { return breakTheBatchUnderneath(path); }));
        });
        QVERIFY(waitForQueued(2));
        held.release();
        a.join();
        b.join();

        QVERIFY(keyed && !keyed->ok());
        QVERIFY(replacing && !replacing->ok());
        QCOMPARE(keyed->code(),
            testsupport::usePostgres() ? ErrorCode::StorageUnavailable : ErrorCode::StorageCorrupt);
        auto record = m_backend->cards().idempotencyStore().find(m_user, u"key-1"_s);
        QVERIFY(record);
        QVERIFY2(!record.value() || !record.value()->completed,
            "a key was completed for a card whose batch never committed");
    }

    void aRetryInTheSameBatchFindsTheCardOnce()
    {
        const qint64 before = cards();
        std::optional<Result<CardService::Reply>> first;
        std::optional<Result<CardService::Reply>> retry;
        UserLockGuard held = m_locks->acquire(m_user, std::chrono::seconds(5));
        QVERIFY(held.isLocked());
        std::thread a([&] {
            first.emplace(
                m_backend->cards().addOnce(m_user, {u"once"_s, u"b"_s, 1, {}, {}}, u"k"_s, "h", render));
        });
        QVERIFY(waitForQueued(1));
        std::thread b([&] {
            retry.emplace(
                m_backend->cards().addOnce(m_user, {u"once"_s, u"b"_s, 1, {}, {}}, u"k"_s, "h", render));
        });
        QVERIFY(waitForQueued(2));
        held.release();
        a.join();
        b.join();
        QVERIFY(first && first->ok() && retry && retry->ok());
        QCOMPARE(retry->value().body, first->value().body);
        QCOMPARE(cards() - before, qint64(1));
        auto record = m_backend->cards().idempotencyStore().find(m_user, u"k"_s);
        QVERIFY(record && record.value() && record.value()->completed);
    }

    // idempotency.db is one file for all users: the records queued while one
    // batch commits are committed together by the next, one sync for all.
    void idempotencyRecordsQueuedDuringACommitShareTheNextOne()
    {
        if (testsupport::usePostgres())
            QSKIP("idempotency.db is SQLite's: on PostgreSQL a key is written in its card's transaction,"
                  " so it commits with that user's batch (aRetryInTheSameBatchFindsTheCardOnce)");
        IdempotencyStore store(m_dir->filePath(u"keys.db"_s), m_clock);
        QVERIFY(store.begin(m_user, u"first"_s, m_clock.nowMs(), "h"));
        const quint64 before = store.writeStats().commits;
        const auto waitFor = [&store](auto condition) {
            QDeadlineTimer deadline(10000);
            while (!condition(store.writeStats()) && !deadline.hasExpired())
                std::this_thread::yield();
            return condition(store.writeStats());
        };

        // This thread's connection holds the write lock: the first writer's batch waits in BEGIN.
        auto other = storage::Database::open(m_dir->filePath(u"keys.db"_s), storage::OpenMode::ReadWrite,
            [](storage::Connection &, storage::OpenMode) { return Result<void>(); });
        QVERIFY(other);
        auto blocking = std::make_unique<storage::Transaction>(*other.value());
        QVERIFY(blocking->isActive());
        constexpr int kWriters = 8;
        std::vector<Result<void>> results(kWriters, Result<void>());
        std::vector<std::thread> threads;
        const auto writer
            = [&](int i) { results[i] = store.begin(m_user, u"key %1"_s.arg(i), m_clock.nowMs(), "h"); };
        threads.emplace_back(writer, 0);
        QVERIFY(waitFor([](auto stats) { return stats.committing && stats.queued == 0; }));
        for (int i = 1; i < kWriters; ++i)
            threads.emplace_back(writer, i);
        QVERIFY(waitFor([](auto stats) { return stats.queued == kWriters - 1; }));
        blocking.reset(); // rolled back: the lock is free
        for (std::thread &thread : threads)
            thread.join();

        for (int i = 0; i < kWriters; ++i) {
            QVERIFY2(results[i], qPrintable(results[i] ? QString() : results[i].error().message));
            auto found = store.find(m_user, u"key %1"_s.arg(i));
            QVERIFY(found && found.value());
        }
        QCOMPARE(store.writeStats().commits - before, quint64(2)); // the first alone, then the other 7
    }
};

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "tst_groupcommit.moc"
