// Undoing answers with what the collection itself keeps (collection/undolog.h):
// exactly what an answer changed comes back, several answers deep, and never
// over a change made since.
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::collection;
using testsupport::queryColumn;
using testsupport::queryNumber;

namespace {

constexpr qint64 kDayMs = 86400LL * 1000;

} // namespace

class TestUndoLog : public QObject
{
    Q_OBJECT
private:
    // Every column of the card and its note, as text: "restored exactly".
    static QString cardRow(const testsupport::CollectionFixture &fixture, qint64 cardId)
    {
        return queryColumn(fixture.path(),
            u"SELECT c.id||'|'||c.nid||'|'||c.did||'|'||c.ord||'|'||c.mod||'|'||c.usn||'|'||c.type||'|'||"
            "c.queue||'|'||c.due||'|'||c.ivl||'|'||c.factor||'|'||c.reps||'|'||c.lapses||'|'||c.left||'|'||"
            "c.odue||'|'||c.odid||'|'||c.flags||'|'||c.data||'|'||n.flds||'|'||n.tags||'|'||n.mod||'|'||n.usn"
            " FROM cards c JOIN notes n ON n.id = c.nid WHERE c.id = %1"_s.arg(cardId))
            .value(0);
    }
    static QString decks(const testsupport::CollectionFixture &fixture)
    {
        return queryColumn(fixture.path(), u"SELECT decks FROM col"_s).value(0);
    }
    static qint64 revlogRows(const testsupport::CollectionFixture &fixture)
    {
        return queryNumber(fixture.path(), u"SELECT count(*) FROM revlog"_s);
    }

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void undo_restoresCardCountersAndRevlog_data()
    {
        QTest::addColumn<int>("ease");
        QTest::addColumn<int>("earlierAnswers");
        QTest::newRow("new card, again") << 1 << 0;
        QTest::newRow("new card, good") << 3 << 0;
        QTest::newRow("new card, easy") << 4 << 0;
        QTest::newRow("learning card, good") << 3 << 1;
        QTest::newRow("review card, hard") << 2 << 3;
        QTest::newRow("review card, again (a lapse)") << 1 << 3;
    }
    void undo_restoresCardCountersAndRevlog()
    {
        QFETCH(int, ease);
        QFETCH(int, earlierAnswers);
        testsupport::CollectionFixture fixture;
        UserCollection &collection = fixture.collection();
        const qint64 child = collection.createDeck(u"Parent::Child"_s)->id;
        const auto card = collection.addCard({u"front"_s, u"back"_s, child, {u"t1"_s}}).value();
        for (int i = 0; i < earlierAnswers; ++i) {
            QVERIFY(collection.answer({card.cardId, 3, 1000, {}}));
            fixture.clock.advanceMs(3 * kDayMs);
        }
        const QString rowBefore = cardRow(fixture, card.cardId);
        const QString decksBefore = decks(fixture);
        const qint64 revlogBefore = revlogRows(fixture);
        fixture.clock.advanceMs(1000);

        const auto answered = collection.answer({card.cardId, ease, 2500, {}});
        QVERIFY2(answered, qPrintable(answered ? QString() : answered.error().message));
        QVERIFY(answered->undoId > 0);
        QCOMPARE(revlogRows(fixture), revlogBefore + 1);
        QVERIFY(cardRow(fixture, card.cardId) != rowBefore);
        QVERIFY(decks(fixture) != decksBefore); // the day counters of the deck and its parent

        fixture.clock.advanceMs(1000);
        const auto restored = collection.undoAnswer(answered->undoId);
        QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().message));
        QCOMPARE(cardRow(fixture, card.cardId), rowBefore);
        QCOMPARE(revlogRows(fixture), revlogBefore);
        QCOMPARE(decks(fixture), decksBefore);
        QCOMPARE(restored->state.reps, earlierAnswers);
        QCOMPARE(restored->etag(), collection.card(card.cardId)->etag());
    }

    void undo_ofTheAnswerThatMadeALeech_removesTheTag()
    {
        testsupport::CollectionFixture fixture;
        UserCollection &collection = fixture.collection();
        const auto card = collection.addCard({u"hard word"_s, u"b"_s, 1, {u"keep"_s}}).value();
        QVERIFY(collection.answer({card.cardId, 4, 0, {}}));
        qint64 lastUndo = 0;
        QString rowBefore;
        for (int lapse = 1; lapse <= 8; ++lapse) {
            const auto current = collection.card(card.cardId).value();
            fixture.clock.setNowMs(testsupport::kDay0TenAmMs + current.state.due * kDayMs);
            rowBefore = cardRow(fixture, card.cardId);
            lastUndo = collection.answer({card.cardId, 1, 0, {}})->undoId;
            if (lapse < 8)
                QVERIFY(collection.answer({card.cardId, 3, 0, {}}));
        }
        QCOMPARE(collection.card(card.cardId)->tags, (QStringList {u"keep"_s, u"leech"_s}));
        QVERIFY(collection.undoAnswer(lastUndo));
        QCOMPARE(collection.card(card.cardId)->tags, QStringList {u"keep"_s});
        QCOMPARE(cardRow(fixture, card.cardId), rowBefore); // the note's mod and usn too
    }

    void undo_severalAnswersDeep_inAnyOrder()
    {
        testsupport::CollectionFixture fixture;
        UserCollection &collection = fixture.collection();
        QList<qint64> cards, undoIds;
        QStringList rowsBefore;
        for (int i = 0; i < 3; ++i) {
            cards.append(fixture.addCard(u"card %1"_s.arg(i)).cardId);
            rowsBefore.append(cardRow(fixture, cards.last()));
        }
        for (int i = 0; i < 3; ++i)
            undoIds.append(collection.answer({cards[i], 3, 1000, {}})->undoId);
        QCOMPARE(QSet<qint64>(undoIds.cbegin(), undoIds.cend()).size(), 3);
        // The middle one first, then the others: each restores its own card only.
        QVERIFY(collection.undoAnswer(undoIds[1]));
        QCOMPARE(cardRow(fixture, cards[1]), rowsBefore[1]);
        QVERIFY(cardRow(fixture, cards[0]) != rowsBefore[0]);
        QCOMPARE(revlogRows(fixture), qint64(2));
        QVERIFY(collection.undoAnswer(undoIds[2]));
        QVERIFY(collection.undoAnswer(undoIds[0]));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(cardRow(fixture, cards[i]), rowsBefore[i]);
        QCOMPARE(revlogRows(fixture), qint64(0));
    }

    void undo_outOfOrder_keepsTheOtherAnswersInTheDayCounters()
    {
        testsupport::CollectionFixture fixture;
        UserCollection &collection = fixture.collection();
        const qint64 first = fixture.addCard(u"first"_s).cardId;
        const qint64 second = fixture.addCard(u"second"_s).cardId;
        const qint64 firstUndo = collection.answer({first, 3, 1000, {}})->undoId;
        const qint64 secondUndo = collection.answer({second, 3, 2000, {}})->undoId;
        const auto counter = [&](const QString &key) {
            const QJsonObject all = QJsonDocument::fromJson(decks(fixture).toUtf8()).object();
            return all.value(u"1"_s).toObject().value(key).toArray().at(1).toInteger();
        };
        QCOMPARE(counter(u"newToday"_s), 2);
        // The first answer goes back; the second, made after it, stays counted.
        QVERIFY(collection.undoAnswer(firstUndo));
        QCOMPARE(counter(u"newToday"_s), 1);
        QCOMPARE(counter(u"timeToday"_s), 2000);
        QVERIFY(collection.undoAnswer(secondUndo));
        QCOMPARE(counter(u"newToday"_s), 0);
        QCOMPARE(counter(u"timeToday"_s), 0);
    }

    void undo_twice_unknown_or_cardChangedSince_isRefusedAndChangesNothing()
    {
        testsupport::CollectionFixture fixture;
        UserCollection &collection = fixture.collection();
        const auto card = fixture.addCard(u"front"_s);
        const qint64 first = collection.answer({card.cardId, 3, 1000, {}})->undoId;
        QVERIFY(collection.undoAnswer(first));
        QCOMPARE(collection.undoAnswer(first).code(), ErrorCode::NothingToUndo);
        QCOMPARE(collection.undoAnswer(424242).code(), ErrorCode::NothingToUndo);

        const qint64 second = collection.answer({card.cardId, 3, 1000, {}})->undoId;
        QVERIFY(second != first); // never handed out twice, even within one millisecond
        const qint64 later = collection.answer({card.cardId, 3, 1000, {}})->undoId;
        QCOMPARE(collection.undoAnswer(second).code(), ErrorCode::StaleCard); // a later answer changed it
        QVERIFY(collection.undoAnswer(later));
        QVERIFY(collection.setSuspended(card.cardId, true)); // an edit in the same second
        const QString rowAfterEdit = cardRow(fixture, card.cardId);
        QCOMPARE(collection.undoAnswer(second).code(), ErrorCode::StaleCard);
        QCOMPARE(cardRow(fixture, card.cardId), rowAfterEdit);
        QCOMPARE(revlogRows(fixture), qint64(1));
        QVERIFY(collection.deleteCard(card.cardId));
        QCOMPARE(collection.undoAnswer(second).code(), ErrorCode::StaleCard);
    }

    void undo_keepsTheLastTenAnswersAndADay()
    {
        testsupport::CollectionFixture fixture;
        UserCollection &collection = fixture.collection();
        QList<qint64> undoIds;
        for (int i = 0; i < 12; ++i)
            undoIds.append(collection.answer({fixture.addCard(u"c%1"_s.arg(i)).cardId, 3, 1000, {}})->undoId);
        // Within a day, all twelve are kept.
        QVERIFY(collection.undoAnswer(undoIds[0]));
        fixture.clock.advanceMs(kDayMs + 1000);
        // A day later only the last ten are: the second answer expired, the third is still there.
        QCOMPARE(collection.undoAnswer(undoIds[1]).code(), ErrorCode::NothingToUndo);
        QVERIFY(collection.undoAnswer(undoIds[2]));
        QCOMPARE(queryNumber(fixture.path(), u"SELECT count(*) FROM javumbo_undo"_s), qint64(10));
    }
};

QTEST_GUILESS_MAIN(TestUndoLog)
#include "tst_undolog.moc"
