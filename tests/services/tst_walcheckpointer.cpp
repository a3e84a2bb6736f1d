// WalCheckpointer: noted writes reach the database file on its thread, an
// unfinished checkpoint of a long WAL is finished under the user's lock, and
// the Backend notes every collection write.
#include "services/backend.h"
#include "services/walcheckpointer.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace javumbo;

namespace {

// Cards in the database file alone, as if its WAL were lost: what a
// checkpoint has copied so far. A copy with the header's WAL flags reset to
// rollback mode is read without looking for a -wal file.
qint64 countInDatabaseFile(const QString &path, const QTemporaryDir &scratch, const QString &table)
{
    const QString copy = scratch.filePath(u"main-only.db"_s);
    QFile::remove(copy);
    QFile source(path);
    if (!source.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    QByteArray bytes = source.readAll();
    bytes[18] = 1; // file format write version: 2 is WAL
    bytes[19] = 1; // read version
    QFile target(copy);
    if (!target.open(QIODevice::WriteOnly) || target.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(copy));
    target.close();
    return testsupport::queryNumber(copy, u"SELECT count(*) FROM %1"_s.arg(table));
}

qint64 cardsInDatabaseFile(const QString &path, const QTemporaryDir &scratch)
{
    return countInDatabaseFile(path, scratch, u"cards"_s);
}

// Writes from another thread: the test thread may hold a read transaction.
void addCardsElsewhere(testsupport::CollectionFixture &fixture, int count)
{
    std::thread([&] {
        for (int i = 0; i < count; ++i)
            fixture.addCard(u"card %1"_s.arg(i));
        storage::Database::closeAllOnThisThread();
    }).join();
}

} // namespace

class TestWalCheckpointer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void notedWrites_reachTheDatabaseFileOnlyThroughACheckpoint()
    {
        testsupport::CollectionFixture fixture;
        QTemporaryDir scratch;
        UserLockRegistry locks;
        // A round only when asked: nothing else may checkpoint during the test.
        WalCheckpointer checkpointer(locks, {.interval = 1h});
        const qint64 before = cardsInDatabaseFile(fixture.path(), scratch);
        // Closing the last connection would checkpoint too; this one stays open.
        QVERIFY(storage::Database::open(fixture.path(), storage::OpenMode::ReadWrite, nullptr));

        addCardsElsewhere(fixture, 50); // ~250 WAL pages: far below SQLite's own threshold
        checkpointer.noteWrite(fixture.path(), 1);
        QCOMPARE(cardsInDatabaseFile(fixture.path(), scratch), before);

        checkpointer.checkpointNow();
        QCOMPARE(cardsInDatabaseFile(fixture.path(), scratch), before + 50);
        const WalCheckpointer::Stats stats = checkpointer.stats();
        QCOMPARE(stats.passivePasses, quint64(1));
        QCOMPARE(stats.lockedPasses, quint64(0));
        QCOMPARE(stats.failures, quint64(0));
        storage::Database::closeAllOnThisThread();
    }

    void aFile_waitsUntilEnoughWritesGathered()
    {
        testsupport::CollectionFixture few;
        testsupport::CollectionFixture many;
        QTemporaryDir scratch;
        UserLockRegistry locks;
        WalCheckpointer checkpointer(locks, {.interval = 1ms, .writesPerCheckpoint = 10, .maxDelay = 1h});
        const qint64 fewBefore = cardsInDatabaseFile(few.path(), scratch);
        const qint64 manyBefore = cardsInDatabaseFile(many.path(), scratch);
        QVERIFY(storage::Database::open(few.path(), storage::OpenMode::ReadWrite, nullptr));
        QVERIFY(storage::Database::open(many.path(), storage::OpenMode::ReadWrite, nullptr));

        addCardsElsewhere(few, 5);
        addCardsElsewhere(many, 10);
        for (int i = 0; i < 5; ++i)
            checkpointer.noteWrite(few.path(), 1);
        for (int i = 0; i < 10; ++i)
            checkpointer.noteWrite(many.path(), 2);

        QTRY_COMPARE(checkpointer.stats().passivePasses, quint64(1));
        QCOMPARE(cardsInDatabaseFile(many.path(), scratch), manyBefore + 10);
        QCOMPARE(cardsInDatabaseFile(few.path(), scratch), fewBefore); // 5 of 10 writes: not yet
        checkpointer.checkpointNow(); // whatever the count
        QCOMPARE(cardsInDatabaseFile(few.path(), scratch), fewBefore + 5);
        storage::Database::closeAllOnThisThread();
    }

    void unfinishedLongWal_isFinishedUnderTheUserLockOnceNothingPinsIt()
    {
        constexpr qint64 user = 7;
        testsupport::CollectionFixture fixture;
        QTemporaryDir scratch;
        UserLockRegistry locks;
        WalCheckpointer checkpointer(locks, {.interval = 1h, .lockedPassFrames = 1});
        const qint64 before = cardsInDatabaseFile(fixture.path(), scratch);
        {
            // A reader's snapshot from before the writes: no checkpoint may
            // copy past it, so the passive pass stays unfinished.
            auto reader = storage::Database::open(fixture.path(), storage::OpenMode::ReadWrite, nullptr);
            QVERIFY(reader);
            QVERIFY(reader.value()->execute(u"BEGIN"_s));
            {
                // The read transaction keeps its snapshot after the statement is finished.
                storage::Query snapshot(*reader.value(), u"SELECT count(*) FROM cards"_s);
                QVERIFY(snapshot.exec());
                QVERIFY(snapshot.next());
            }

            addCardsElsewhere(fixture, 20);
            checkpointer.noteWrite(fixture.path(), user);
            checkpointer.checkpointNow();
            QCOMPARE(checkpointer.stats().lockedPasses, quint64(1));
            QCOMPARE(locks.statistics(user)->acquisitions, quint64(1)); // the pass took the user's lock
            QVERIFY(!locks.statistics(user)->held);
            QCOMPARE(cardsInDatabaseFile(fixture.path(), scratch), before);
            QVERIFY(reader.value()->execute(u"COMMIT"_s));
        }
        // Still unfinished, so still pending: the next round completes it without a write noting it again.
        checkpointer.checkpointNow();
        QCOMPARE(cardsInDatabaseFile(fixture.path(), scratch), before + 20);
        storage::Database::closeAllOnThisThread();
    }

    void backend_checkpointsEveryCollectionItWrites()
    {
        QTemporaryDir dir;
        QTemporaryDir scratch;
        ManualClock clock {testsupport::kDay0TenAmMs};
        UserLockRegistry locks;
        BackendOptions options = testsupport::backendOptions(dir.path());
        Backend backend(options, clock, locks);
        QVERIFY(backend.initialize());
        auto account = backend.accounts().registerUser(
            {u"walwriter"_s, u"long enough"_s, {}, u"walwriter@example.org"_s, {}});
        QVERIFY(account);
        const QString path = backend.context().collectionPath(account->id);
        const qint64 before = cardsInDatabaseFile(path, scratch);

        for (int i = 0; i < 30; ++i)
            QVERIFY(backend.cards().add(account->id, {u"front %1"_s.arg(i), u"back"_s, 1, {}, {}}));
        // A keyed add also writes idempotency.db, which the checkpointer covers too.
        QVERIFY(backend.cards().addOnce(account->id, {u"keyed"_s, u"back"_s, 1, {}, {}}, u"key-1"_s, "hash",
            [](const collection::CardRecord &) { return QByteArray("{}"); }));
        backend.checkpointer().checkpointNow();
        QCOMPARE(cardsInDatabaseFile(path, scratch), before + 31);
        QCOMPARE(
            countInDatabaseFile(backend.context().idempotencyDbPath(), scratch, u"idempotency"_s), qint64(1));
        QVERIFY(backend.checkpointer().stats().passivePasses >= 1);
        storage::Database::closeAllOnThisThread();
    }
};

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_walcheckpointer.moc"
