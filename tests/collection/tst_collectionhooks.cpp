// The collection asks its CollectionHooks at the points they name, and the
// defaults change nothing. The planted faults (services/plantedfaults.h) rely
// on exactly these seams; tests/server/faults shows the damage end to end.
#include "collection/collectionhooks.h"
#include "collection/usercollection.h"
#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::collection;
using javumbo::testsupport::queryNumber;

namespace {

// Hooks set by the test, one knob per seam.
class SetHooks final : public CollectionHooks
{
public:
    std::optional<qint64> rowId;
    std::optional<CardRecord> readBefore;
    int revlogRows = 1;

    std::optional<qint64> newRowId(qint64) const override { return rowId; }
    Result<std::optional<CardRecord>> cardBeforeAnswer(UserCollection &, qint64) const override
    {
        return readBefore;
    }
    int revlogRowsPerAnswer() const override { return revlogRows; }
};

// A fresh collection opened once more with the test's hooks.
struct HookedCollection
{
    testsupport::CollectionFixture fixture;
    SetHooks hooks;
    UserCollection collection {fixture.path(), fixture.clock, scheduling::FuzzSource::off(), hooks};

    qint64 number(const QString &sql) { return queryNumber(fixture.path(), sql); }
};

} // namespace

class TestCollectionHooks : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void defaults_changeNothing()
    {
        const CollectionHooks &none = CollectionHooks::none();
        QVERIFY(!none.newRowId(testsupport::kDay0TenAmMs));
        QCOMPARE(none.revlogRowsPerAnswer(), 1);
        testsupport::CollectionFixture fixture;
        const auto read = none.cardBeforeAnswer(fixture.collection(), 1);
        QVERIFY(read);
        QVERIFY(!read.value());
    }

    void newRowId_isTheIdOfEveryNewRow()
    {
        HookedCollection hooked;
        hooked.hooks.rowId = 4242;
        const auto added = hooked.collection.addCard({u"q"_s, u"a"_s, 1, {}});
        QVERIFY(added);
        QCOMPARE(added->cardId, qint64(4242));
        QCOMPARE(added->noteId, qint64(4242));
        QVERIFY(hooked.collection.answer({added->cardId, 3, 1000, {}}));
        QCOMPARE(hooked.number(u"SELECT id FROM revlog"_s), qint64(4242));
        // A taken id fails the whole add: nothing half-written.
        const auto again = hooked.collection.addCard({u"q2"_s, u"a"_s, 1, {}});
        QVERIFY(!again);
        QCOMPARE(hooked.number(u"SELECT count(*) FROM notes"_s), qint64(1));
        QCOMPARE(hooked.number(u"SELECT json_extract(conf, '$.nextPos') FROM col"_s), qint64(2));
    }

    void cardBeforeAnswer_isAnsweredInsteadOfTheStoredCard()
    {
        HookedCollection hooked;
        const CardRecord before = hooked.fixture.addCard(u"q"_s);
        QVERIFY(hooked.collection.answer({before.cardId, 3, 1000, 0}));
        // The stale read passes expected_reps 0 although the card has 1, and its
        // answer overwrites the first one: two revlog rows, reps still 1.
        hooked.hooks.readBefore = before;
        const auto stale = hooked.collection.answer({before.cardId, 3, 1000, 0});
        QVERIFY(stale);
        QCOMPARE(stale->state.reps, 1);
        QCOMPARE(hooked.number(u"SELECT reps FROM cards"_s), qint64(1));
        QCOMPARE(hooked.number(u"SELECT count(*) FROM revlog"_s), qint64(2));
    }

    void revlogRowsPerAnswer_rowsOfOneAnswer()
    {
        HookedCollection hooked;
        hooked.hooks.revlogRows = 3;
        const CardRecord card = hooked.fixture.addCard(u"q"_s);
        QVERIFY(hooked.collection.answer({card.cardId, 3, 1000, {}}));
        QCOMPARE(hooked.number(u"SELECT count(DISTINCT id) FROM revlog WHERE cid = %1"_s.arg(card.cardId)),
            qint64(3));
        QCOMPARE(hooked.number(u"SELECT reps FROM cards"_s), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestCollectionHooks)
#include "tst_collectionhooks.moc"
