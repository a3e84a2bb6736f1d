// The undo records the server keeps for bulk changes (collection/bulkundolog.h):
// a record comes back with every value's type, once, and records are kept
// for the last 20 changes and a day.
#include "collection/bulkundolog.h"
#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::collection;
using javumbo::testsupport::CollectionFixture;
using javumbo::testsupport::queryNumber;

namespace {

constexpr qint64 kDayMs = 86400LL * 1000;

BulkUndoRecord sampleRecord(qint64 cardId)
{
    BulkUndoRecord record;
    record.kind = BulkChange::Kind::Flag;
    // An integer, text that looks like a number, a null and a blob: SQLite keeps each type apart.
    record.cardRows
        = {{QVariant(cardId), QVariant(u"12"_s), QVariant(), QVariant(QByteArray("\x00\x01", 2))}};
    record.noteRows = {{QVariant(qint64(7)), QVariant(u"hola"_s)}};
    record.modsAfter = {{cardId, 1704103200}};
    return record;
}

} // namespace

class TestBulkUndoLog : public QObject
{
    Q_OBJECT
private:
    static Result<qint64> keep(CollectionFixture &fixture, const BulkUndoRecord &record)
    {
        return fixture.collection().transact(
            [&](WriteContext &context) { return bulkundolog::keep(context, record); });
    }
    static Result<BulkUndoRecord> take(CollectionFixture &fixture, qint64 undoId)
    {
        return fixture.collection().transact(
            [&](WriteContext &context) { return bulkundolog::take(context, undoId); });
    }

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void keptRecord_comesBackOnceWithEveryType()
    {
        CollectionFixture fixture;
        const BulkUndoRecord record = sampleRecord(42);
        auto undoId = keep(fixture, record);
        QVERIFY(undoId && undoId.value() >= fixture.clock.nowMs());
        auto taken = take(fixture, undoId.value());
        QVERIFY(taken);
        QCOMPARE(taken->undoId, undoId.value());
        QCOMPARE(taken->kind, BulkChange::Kind::Flag);
        QCOMPARE(taken->modsAfter, record.modsAfter);
        QCOMPARE(taken->cardRows, record.cardRows);
        QCOMPARE(taken->noteRows, record.noteRows);
        for (qsizetype i = 0; i < record.cardRows[0].size(); ++i)
            QCOMPARE(taken->cardRows[0][i].typeId(), record.cardRows[0][i].typeId());
        QCOMPARE(take(fixture, undoId.value()).code(), ErrorCode::NothingToUndo);
        // The undone row stays, without its rows, so the id is never handed out again.
        QCOMPARE(queryNumber(fixture.path(), u"SELECT length(record) FROM javumbo_bulk_undo"_s), qint64(0));
        QVERIFY(keep(fixture, record).value() > undoId.value());
    }

    void takeThatFails_leavesTheRecordForLater()
    {
        CollectionFixture fixture;
        const qint64 undoId = keep(fixture, sampleRecord(42)).value();
        auto refused = fixture.collection().transact([&](WriteContext &context) -> Result<void> {
            if (auto taken = bulkundolog::take(context, undoId); !taken)
                return taken.error();
            return makeError(ErrorCode::StaleCard, u"changed since"_s); // as bulkedit::undo refuses
        });
        QCOMPARE(refused.code(), ErrorCode::StaleCard);
        QVERIFY(take(fixture, undoId)); // the rollback took the mark back too
    }

    void records_keepTheLastTwentyAndADay()
    {
        CollectionFixture fixture;
        QList<qint64> undoIds;
        for (int i = 0; i < bulkundolog::kKeptChanges + 2; ++i)
            undoIds.append(keep(fixture, sampleRecord(i + 1)).value());
        QVERIFY(take(fixture, undoIds[0])); // within a day every one is kept
        fixture.clock.advanceMs(kDayMs + 1000);
        QCOMPARE(take(fixture, undoIds[1]).code(),
            ErrorCode::NothingToUndo); // older than a day, not in the last 20
        QVERIFY(take(fixture, undoIds[2]));
        QCOMPARE(queryNumber(fixture.path(), u"SELECT count(*) FROM javumbo_bulk_undo"_s),
            qint64(bulkundolog::kKeptChanges));
    }

    void unknownOrUnreadableRecords_areNothingToUndo()
    {
        CollectionFixture fixture;
        QCOMPARE(take(fixture, 12345).code(), ErrorCode::NothingToUndo);
        const qint64 undoId = keep(fixture, sampleRecord(42)).value();
        auto damaged = fixture.collection().transact([&](WriteContext &context) -> Result<void> {
            storage::Query update(
                context.db(), u"UPDATE javumbo_bulk_undo SET record = ? WHERE $user() TRUE"_s);
            return update.bind(QByteArray::fromHex("00ff")).exec();
        });
        QVERIFY(damaged);
        QCOMPARE(take(fixture, undoId).code(), ErrorCode::NothingToUndo);
    }
};

QTEST_GUILESS_MAIN(TestBulkUndoLog)
#include "tst_bulkundolog.moc"
