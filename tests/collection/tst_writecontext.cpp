// Every mutation of a collection stamps col.mod once, as Anki does: sync and
// export tools decide whether a collection changed by that one number, so a
// write that forgets it is silently skipped by them. A refused mutation
// leaves it alone.
#include "collection/deckops.h"
#include "storage/collectionschema.h"
#include "storage/database.h"
#include "storage/transaction.h"
#include "testsupport.h"

#include <QTest>

#include <functional>
#include <thread>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::storage;
using namespace javumbo::collection;
using javumbo::testsupport::queryNumber;

namespace {

// A collection with a card in Default and a second deck, and a way to count
// how often the col row is written.
struct Setup
{
    testsupport::CollectionFixture fixture;
    CardRecord card;
    qint64 spareDeck = 0;

    UserCollection &collection() { return fixture.collection(); }
    qint64 colMod() { return queryNumber(fixture.path(), u"SELECT mod FROM col"_s); }
    // Writes of the col row since the last call. A TEMP trigger lives on the
    // calling thread's cached connection, the one UserCollection writes through.
    qint64 colWrites()
    {
        Connection &db
            = *Database::open(fixture.path(), OpenMode::ReadWrite, &collectionschema::verify).value();
        Query count(db, u"SELECT count(*) FROM temp.col_writes"_s, Query::Caching::Uncached);
        const qint64 writes = count.scalar().value()->toLongLong();
        (void)db.execute(u"DELETE FROM temp.col_writes"_s);
        return writes;
    }
    void countColWrites()
    {
        Connection &db
            = *Database::open(fixture.path(), OpenMode::ReadWrite, &collectionschema::verify).value();
        QVERIFY(db.execute(u"CREATE TEMP TABLE col_writes (at integer)"_s));
        QVERIFY(db.execute(u"CREATE TEMP TRIGGER count_col_writes AFTER UPDATE ON main.col"
                           " BEGIN INSERT INTO col_writes VALUES (new.mod); END"_s));
    }
};

using Mutation = std::function<bool(Setup &)>;

} // namespace

Q_DECLARE_METATYPE(Mutation)

class TestWriteContext : public QObject
{
    Q_OBJECT
private:
    static void addRow(const char *name, Mutation mutation) { QTest::newRow(name) << mutation; }

    // Builds the set-up, lets a second pass on the clock and runs the mutation.
    static void prepare(Setup &setup)
    {
        setup.card = setup.fixture.addCard(u"front"_s);
        setup.spareDeck = setup.collection().createDeck(u"Spare"_s)->id;
        setup.countColWrites();
        setup.fixture.clock.advanceMs(1000);
    }

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    // A connection keeps the col row its last write saved (Connection::remember). A write
    // through another connection in between must be seen: its deck exists, and positions
    // of new cards go on from the other connection's, never repeat.
    void colRowChangedThroughAnotherConnection_isSeenByTheNextWrite()
    {
        testsupport::CollectionFixture fixture;
        const CardRecord first = fixture.addCard(u"first"_s);
        std::optional<qint64> otherDeck;
        std::optional<qint64> otherCard;
        std::thread([&] {
            UserCollection elsewhere(fixture.path(), fixture.clock);
            if (auto deck = elsewhere.createDeck(u"Made elsewhere"_s))
                otherDeck = deck->id;
            if (auto card = elsewhere.addCard(NewCard {u"second"_s, u"b"_s, 1, {}, {}}))
                otherCard = card->cardId;
            Database::closeAllOnThisThread();
        }).join();
        QVERIFY(otherDeck && otherCard);
        auto third = fixture.collection().addCard(NewCard {u"third"_s, u"b"_s, *otherDeck, {}, {}});
        QVERIFY2(third, qPrintable(third ? QString() : third.error().message));
        const auto due = [&](qint64 cardId) {
            return queryNumber(fixture.path(), u"SELECT due FROM cards WHERE id = %1"_s.arg(cardId));
        };
        QCOMPARE(due(*otherCard), due(first.cardId) + 1);
        QCOMPARE(due(third->cardId), due(*otherCard) + 1);
    }

    // ... and a write rolled back leaves nothing of itself in what is kept: here a write that
    // succeeded inside a batch (group commit) whose commit never happens.
    void writeOfABatchRolledBack_leavesNothingForTheNextWrite()
    {
        testsupport::CollectionFixture fixture;
        const CardRecord first = fixture.addCard(u"first"_s);
        qint64 ghostDeck = 0;
        {
            auto connection = fixture.collection().connection();
            QVERIFY(connection);
            BatchTransaction batch(*connection.value());
            QVERIFY(batch.isActive());
            auto deck = fixture.collection().createDeck(u"Ghost"_s);
            QVERIFY(deck);
            ghostDeck = deck->id;
            QVERIFY(fixture.collection().addCard(NewCard {u"ghost card"_s, u"b"_s, ghostDeck, {}, {}}));
        } // never committed: rolled back
        auto intoGhost = fixture.collection().addCard(NewCard {u"lost"_s, u"b"_s, ghostDeck, {}, {}});
        QCOMPARE(intoGhost.code(), ErrorCode::DeckNotFound);
        const CardRecord second = fixture.addCard(u"second"_s);
        QCOMPARE(queryNumber(fixture.path(), u"SELECT due FROM cards WHERE id = %1"_s.arg(second.cardId)),
            queryNumber(fixture.path(), u"SELECT due FROM cards WHERE id = %1"_s.arg(first.cardId)) + 1);
    }

    void mutation_stampsColModOnce_data()
    {
        QTest::addColumn<Mutation>("mutation");
        addRow("createDeck", [](Setup &s) { return s.collection().createDeck(u"New"_s).ok(); });
        addRow(
            "renameDeck", [](Setup &s) { return s.collection().renameDeck(s.spareDeck, u"Renamed"_s).ok(); });
        addRow("deleteDeck", [](Setup &s) { return s.collection().deleteDeck(s.spareDeck).ok(); });
        addRow("addCard", [](Setup &s) { return s.collection().addCard({u"q"_s, u"a"_s, 1, {}}).ok(); });
        addRow("updateCard", [](Setup &s) {
            return s.collection().updateCard(s.card.cardId, {u"edited"_s, u"b"_s, {}, {}, {}}).ok();
        });
        addRow("updateCard, other deck", [](Setup &s) {
            return s.collection().updateCard(s.card.cardId, {u"front"_s, u"b"_s, s.spareDeck, {}, {}}).ok();
        });
        addRow("deleteCard", [](Setup &s) { return s.collection().deleteCard(s.card.cardId).ok(); });
        addRow(
            "setSuspended", [](Setup &s) { return s.collection().setSuspended(s.card.cardId, true).ok(); });
        addRow("answer", [](Setup &s) { return s.collection().answer({s.card.cardId, 3, 1000, {}}).ok(); });
        addRow("undo of an answer", [](Setup &s) {
            auto answered = s.collection().answer({s.card.cardId, 1, 1000, {}});
            if (!answered)
                return false;
            (void)s.colWrites(); // the answer's own write is another row's business
            s.fixture.clock.advanceMs(1000);
            return s.collection().undoAnswer(answered->undoId).ok();
        });
    }
    void mutation_stampsColModOnce()
    {
        QFETCH(Mutation, mutation);
        Setup setup;
        prepare(setup);
        QVERIFY(mutation(setup));
        QCOMPARE(setup.colMod(), setup.fixture.clock.nowMs());
        QCOMPARE(setup.colWrites(), qint64(1));
    }

    void refusedMutation_leavesColModAlone_data()
    {
        QTest::addColumn<Mutation>("mutation");
        addRow("createDeck, name taken", [](Setup &s) { return s.collection().createDeck(u"spare"_s).ok(); });
        addRow("deleteDeck, Default", [](Setup &s) { return s.collection().deleteDeck(1).ok(); });
        addRow("addCard, unknown deck", [](Setup &s) {
            return s.collection().addCard({u"q"_s, u"a"_s, 404, {}}).ok();
        });
        addRow("updateCard, stale version", [](Setup &s) {
            return s.collection().updateCard(s.card.cardId, {u"x"_s, u"y"_s, {}, {}, u"\"stale\""_s}).ok();
        });
        addRow("deleteCard, unknown card", [](Setup &s) { return s.collection().deleteCard(404).ok(); });
        addRow("setSuspended, unknown card",
            [](Setup &s) { return s.collection().setSuspended(404, true).ok(); });
        addRow("answer, already answered", [](Setup &s) {
            return s.collection().answer({s.card.cardId, 3, 1000, 5}).ok();
        });
    }
    void refusedMutation_leavesColModAlone()
    {
        QFETCH(Mutation, mutation);
        Setup setup;
        prepare(setup);
        const qint64 before = setup.colMod();
        QVERIFY(!mutation(setup));
        QCOMPARE(setup.colMod(), before);
        QCOMPARE(setup.colWrites(), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestWriteContext)
#include "tst_writecontext.moc"
