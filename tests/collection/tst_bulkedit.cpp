// Changes to many cards at once: one transaction each (a refusal changes
// nothing), and one undo that puts every row back exactly.
#include "collection/bulkedit.h"
#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::collection;
using Kind = javumbo::collection::BulkChange::Kind;
using javumbo::testsupport::CollectionFixture;
using javumbo::testsupport::queryColumn;
using javumbo::testsupport::queryNumber;

Q_DECLARE_METATYPE(javumbo::collection::BulkChange::Kind)

namespace {

// Every column of every card, note, grave and revlog row: what "exactly as before" means.
QStringList snapshot(const QString &path)
{
    QStringList rows;
    rows << queryColumn(path,
        u"SELECT id||'|'||nid||'|'||did||'|'||ord||'|'||mod||'|'||usn||'|'||type||'|'||queue"
        "||'|'||due||'|'||ivl||'|'||factor||'|'||reps||'|'||lapses||'|'||\"left\"||'|'||odue"
        "||'|'||odid||'|'||flags||'|'||data FROM cards ORDER BY id"_s);
    rows << queryColumn(path,
        u"SELECT id||'|'||guid||'|'||mid||'|'||mod||'|'||usn||'|'||tags||'|'||flds||'|'||sfld"
        "||'|'||csum||'|'||flags||'|'||data FROM notes ORDER BY id"_s);
    rows << queryColumn(path, u"SELECT usn||'|'||oid||'|'||type FROM graves ORDER BY oid, type"_s);
    rows << queryColumn(path, u"SELECT id||'|'||cid FROM revlog ORDER BY id"_s);
    return rows;
}

} // namespace

class TestBulkEdit : public QObject
{
    Q_OBJECT
private:
    struct Sample
    {
        CollectionFixture fixture;
        qint64 spanish = 0;
        QList<qint64> cards;
        Sample()
        {
            spanish = fixture.collection().createDeck(u"Spanish"_s).value().id;
            for (const QString &front : {u"uno"_s, u"dos"_s, u"tres"_s}) {
                auto card = fixture.collection().addCard({front, u"back"_s, 1, {u"numbers"_s}, {}});
                cards.append(card.value().cardId);
            }
            QVERIFY2(
                fixture.collection().addCard({u"not selected"_s, u"back"_s, 1, {u"other"_s}, {}}), "add");
            // A review and a second later, so each card has history and its version moves.
            QVERIFY2(fixture.collection().answer({cards.at(0), 3, 1000, {}}), "answer");
            fixture.clock.advanceMs(1000);
        }
        Result<BulkResult> apply(const BulkChange &change)
        {
            return fixture.collection().transact(
                [&](WriteContext &context) { return bulkedit::apply(context, change); });
        }
        Result<int> undo(const BulkUndoRecord &record)
        {
            return fixture.collection().transact(
                [&](WriteContext &context) { return bulkedit::undo(context, record); });
        }
        qint64 number(const QString &sql) const { return queryNumber(fixture.path(), sql); }
    };

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void applyThenUndo_changesAllCardsInOneStepAndRestoresEveryRow_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("changed"); // counts the selected cards as changed
        QTest::newRow("change deck") << Kind::SetDeck << u"SELECT count(*) FROM cards WHERE did <> 1"_s;
        QTest::newRow("add tags") << Kind::AddTags
                                  << u"SELECT count(*) FROM notes WHERE tags LIKE '% verbs %'"_s;
        QTest::newRow("remove tags") << Kind::RemoveTags << u"SELECT count(*) FROM notes WHERE tags = ''"_s;
        QTest::newRow("suspend") << Kind::Suspend << u"SELECT count(*) FROM cards WHERE queue = -1"_s;
        QTest::newRow("bury") << Kind::Bury << u"SELECT count(*) FROM cards WHERE queue = -3"_s;
        QTest::newRow("flag") << Kind::Flag << u"SELECT count(*) FROM cards WHERE flags = 2"_s;
        QTest::newRow("delete") << Kind::Delete << u"SELECT 4 - count(*) FROM cards"_s;
    }
    void applyThenUndo_changesAllCardsInOneStepAndRestoresEveryRow()
    {
        QFETCH(Kind, kind);
        QFETCH(QString, changed);
        Sample sample;
        const QStringList before = snapshot(sample.fixture.path());
        const qint64 colModBefore = sample.number(u"SELECT mod FROM col"_s);

        BulkChange change;
        change.kind = kind;
        change.cardIds = sample.cards;
        change.deckId = sample.spanish;
        change.tags = kind == Kind::AddTags ? QStringList {u"verbs"_s} : QStringList {u"NUMBERS"_s};
        change.flag = 2;
        auto applied = sample.apply(change);
        QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().message));
        QCOMPARE(applied->changed, 3);
        QCOMPARE(sample.number(changed), qint64(3));
        QVERIFY(sample.number(u"SELECT mod FROM col"_s) > colModBefore); // one write, stamped like any
        if (kind == Kind::Delete) {
            QCOMPARE(sample.number(u"SELECT count(*) FROM graves"_s), qint64(6)); // 3 cards, 3 notes
            QCOMPARE(sample.number(u"SELECT count(*) FROM revlog"_s), qint64(1)); // history stays, as in Anki
        } else {
            // Every changed card has a new version: a stale edit elsewhere is refused.
            QCOMPARE(sample.number(u"SELECT count(*) FROM cards WHERE usn = -1 AND mod >= %1"_s.arg(
                         sample.fixture.clock.nowSeconds())),
                qint64(3));
        }

        sample.fixture.clock.advanceMs(1000);
        auto undone = sample.undo(applied->undo);
        QVERIFY2(undone, qPrintable(undone ? QString() : undone.error().message));
        QCOMPARE(undone.value(), 3);
        QCOMPARE(snapshot(sample.fixture.path()), before);
    }

    void apply_anUnknownCard_changesNothing()
    {
        Sample sample;
        const QStringList before = snapshot(sample.fixture.path());
        BulkChange change;
        change.kind = Kind::Suspend;
        change.cardIds = {sample.cards.at(0), sample.cards.at(1), 999999};
        QCOMPARE(sample.apply(change).code(), ErrorCode::CardNotFound);
        QCOMPARE(snapshot(sample.fixture.path()), before);
    }

    void undo_afterTheCardChangedElsewhere_isStaleAndUndoesNothing()
    {
        Sample sample;
        BulkChange change;
        change.kind = Kind::Suspend;
        change.cardIds = sample.cards;
        auto applied = sample.apply(change);
        QVERIFY(applied);
        sample.fixture.clock.advanceMs(1000);
        QVERIFY(
            sample.fixture.collection().updateCard(sample.cards.at(1), {u"dos!"_s, u"two"_s, {}, {}, {}}));
        const QStringList before = snapshot(sample.fixture.path());
        QCOMPARE(sample.undo(applied->undo).code(), ErrorCode::StaleCard);
        QCOMPARE(snapshot(sample.fixture.path()), before);
    }

    void apply_cardsAlreadyAsAsked_areNotChangedNorUndone()
    {
        Sample sample;
        BulkChange change;
        change.kind = Kind::SetDeck;
        change.deckId = 1; // where they are
        change.cardIds = sample.cards;
        auto applied = sample.apply(change);
        QVERIFY(applied);
        QCOMPARE(applied->changed, 0);
        QVERIFY(applied->undo.isEmpty());
    }

    void unburyForNewDay_bringsBuriedCardsBackOnTheNextDayOnly()
    {
        Sample sample;
        BulkChange change;
        change.kind = Kind::Bury;
        change.cardIds = {sample.cards.at(1)};
        QVERIFY(sample.apply(change));
        auto unbury = [&sample] {
            return sample.fixture.collection().transact(
                [](WriteContext &context) { return bulkedit::unburyForNewDay(context); });
        };
        QCOMPARE(unbury().value(), 0); // buried today: it stays buried today
        QCOMPARE(
            sample.number(u"SELECT queue FROM cards WHERE id = %1"_s.arg(sample.cards.at(1))), qint64(-3));
        sample.fixture.clock.advanceMs(24 * 3600 * 1000LL);
        QCOMPARE(unbury().value(), 1);
        QCOMPARE(
            sample.number(u"SELECT queue FROM cards WHERE id = %1"_s.arg(sample.cards.at(1))), qint64(0));
        QCOMPARE(unbury().value(), 0); // once a day
    }
};

QTEST_MAIN(TestBulkEdit)
#include "tst_bulkedit.moc"
