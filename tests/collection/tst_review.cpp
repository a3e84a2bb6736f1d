#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::collection;
using javumbo::testsupport::queryColumn;
using javumbo::testsupport::queryNumber;

namespace {
constexpr qint64 kDayMs = 86400LL * 1000;
constexpr qint64 kNow = testsupport::kDay0TenAmMs / 1000;
} // namespace

class TestReview : public QObject
{
    Q_OBJECT
private:
    static QJsonArray deckCounter(const QString &path, const QString &key)
    {
        const QJsonObject decks
            = QJsonDocument::fromJson(queryColumn(path, u"SELECT decks FROM col"_s).value(0).toUtf8())
                  .object();
        return decks.value(u"1"_s).toObject().value(key).toArray();
    }

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void answer_newCardGood_updatesCardAndWritesOneRevlogRow()
    {
        testsupport::CollectionFixture fixture;
        const auto added = fixture.addCard(u"q"_s);
        const auto answered = fixture.collection().answer({added.cardId, 3, 4200, 0});
        QVERIFY(answered);
        QCOMPARE(answered->state.type, 1);
        QCOMPARE(answered->state.queue, 1);
        QCOMPARE(answered->state.due, kNow + 600);
        QCOMPARE(answered->state.left, 1);
        QCOMPARE(answered->state.reps, 1);
        const QString path = fixture.path();
        QCOMPARE(queryNumber(path, u"SELECT count(*) FROM revlog"_s), qint64(1));
        QCOMPARE(queryColumn(path,
                     u"SELECT (CASE WHEN cid = %1 THEN 1 ELSE 0 END) || '/' || ease || '/' || ivl || '/' || "
                     u"lastIvl || '/'"
                     " || factor || '/' || time || '/' || type FROM revlog"_s.arg(added.cardId)),
            QStringList {u"1/3/-600/0/0/4200/0"_s});
        QCOMPARE(queryNumber(path, u"SELECT id FROM revlog"_s), testsupport::kDay0TenAmMs);
        QCOMPARE(queryNumber(path, u"SELECT queue FROM cards"_s), qint64(1));
        QCOMPARE(queryNumber(path, u"SELECT usn FROM cards"_s), qint64(-1));
        QCOMPARE(deckCounter(path, u"newToday"_s), (QJsonArray {0, 1}));
        QCOMPARE(deckCounter(path, u"revToday"_s), (QJsonArray {0, 0}));
        QCOMPARE(deckCounter(path, u"timeToday"_s), (QJsonArray {0, 4200}));
    }

    void answer_recordsAChangedLocalOffset()
    {
        // docs/scheduling.md §3/§12: the offset of the machine that runs Javumbo is
        // kept in col.conf.localOffset whenever it changes.
        testsupport::CollectionFixture fixture;
        const auto added = fixture.addCard(u"q"_s);
        fixture.clock.setOffsetMinutesWest(300);
        QVERIFY(fixture.collection().answer({added.cardId, 3, 0, {}}));
        const QJsonObject conf = QJsonDocument::fromJson(
            queryColumn(fixture.path(), u"SELECT conf FROM col"_s).value(0).toUtf8())
                                     .object();
        QCOMPARE(conf.value(u"localOffset"_s).toInt(), 300);
        QCOMPARE(conf.value(u"creationOffset"_s).toInt(), 0);
    }

    void answer_sameMillisecond_revlogIdsStayUnique()
    {
        testsupport::CollectionFixture fixture;
        const auto a = fixture.addCard(u"a"_s);
        const auto b = fixture.addCard(u"b"_s);
        QVERIFY(fixture.collection().answer({a.cardId, 3, 0, {}}));
        QVERIFY(fixture.collection().answer({b.cardId, 3, 0, {}}));
        QCOMPARE(queryNumber(fixture.path(), u"SELECT count(DISTINCT id) FROM revlog"_s), qint64(2));
    }

    void answer_refusals_writeNothing()
    {
        testsupport::CollectionFixture fixture;
        const auto added = fixture.addCard(u"q"_s);
        QCOMPARE(fixture.collection().answer({added.cardId, 3, 0, 5}).code(), ErrorCode::AlreadyAnswered);
        QCOMPARE(fixture.collection().answer({added.cardId, 0, 0, {}}).code(), ErrorCode::InvalidEase);
        QCOMPARE(fixture.collection().answer({added.cardId, 5, 0, {}}).code(), ErrorCode::InvalidEase);
        QCOMPARE(fixture.collection().answer({424242, 3, 0, {}}).code(), ErrorCode::CardNotFound);
        QCOMPARE(fixture.collection().answer({added.cardId, 3, -1, {}}).code(), ErrorCode::BadRequest);
        QVERIFY(fixture.collection().setSuspended(added.cardId, true));
        QCOMPARE(fixture.collection().answer({added.cardId, 3, 0, {}}).code(), ErrorCode::CardNotReviewable);
        QCOMPARE(queryNumber(fixture.path(), u"SELECT count(*) FROM revlog"_s), qint64(0));
        QCOMPARE(queryNumber(fixture.path(), u"SELECT reps FROM cards"_s), qint64(0));
    }

    void answer_expectedRepsGuardsAgainstDoubleSubmit()
    {
        testsupport::CollectionFixture fixture;
        const auto added = fixture.addCard(u"q"_s);
        QVERIFY(fixture.collection().answer({added.cardId, 3, 0, 0}));
        QCOMPARE(fixture.collection().answer({added.cardId, 3, 0, 0}).code(), ErrorCode::AlreadyAnswered);
        QCOMPARE(queryNumber(fixture.path(), u"SELECT count(*) FROM revlog"_s), qint64(1));
    }

    void nextCard_previewsAllFourButtons()
    {
        testsupport::CollectionFixture fixture;
        fixture.addCard(u"q"_s);
        const auto next = fixture.collection().nextCard(1);
        QVERIFY(next && next.value());
        const std::array<qint64, 4> expected {60, 330, 600, 4 * 86400};
        QCOMPARE(next.value()->intervals, expected);
        QCOMPARE(next.value()->counts.newCount, 1);
    }

    void nextCard_followsSection7Order()
    {
        testsupport::CollectionFixture fixture;
        const auto a = fixture.addCard(u"a"_s);
        const auto b = fixture.addCard(u"b"_s);
        fixture.addCard(u"c"_s);
        auto &collection = fixture.collection();
        QCOMPARE(collection.nextCard(1).value()->card.cardId, a.cardId); // new cards by position
        QVERIFY(collection.answer({a.cardId, 3, 0, {}})); // a: learning, due in 10 min
        auto next = collection.nextCard(1).value();
        QCOMPARE(next->card.cardId, b.cardId); // a is not due yet, so a new card comes first
        QCOMPARE(next->counts.learning, 1); // but it is counted within the learn-ahead limit
        QCOMPARE(next->counts.newCount, 2);
        fixture.clock.advanceMs(601 * 1000);
        QCOMPARE(collection.nextCard(1).value()->card.cardId, a.cardId); // due learning first
        QVERIFY(collection.answer({a.cardId, 3, 0, {}})); // a graduates: review due tomorrow
        fixture.clock.advanceMs(kDayMs);
        next = collection.nextCard(1).value();
        QCOMPARE(next->card.cardId, a.cardId); // due reviews before new cards
        QCOMPARE(next->counts.review, 1);
    }

    void nextCard_learnAheadLimit_thenNothing()
    {
        testsupport::CollectionFixture fixture;
        const auto a = fixture.addCard(u"a"_s);
        QVERIFY(fixture.collection().answer({a.cardId, 3, 0, {}}));
        // Only a learning card due in 600 s (< collapseTime 1200): shown ahead of time.
        QCOMPARE(fixture.collection().nextCard(1).value()->card.cardId, a.cardId);
        QVERIFY(fixture.collection().answer({a.cardId, 4, 0, {}})); // Easy: review in 4 days
        QVERIFY(!fixture.collection().nextCard(1).value());
        QCOMPARE(fixture.collection().counts(1)->review, 0);
    }

    void newCardsPerDayLimit_resetsOnTheNextDay()
    {
        testsupport::CollectionFixture fixture;
        QList<qint64> ids;
        for (int i = 0; i < 25; ++i)
            ids.append(fixture.addCard(u"q%1"_s.arg(i)).cardId);
        for (int i = 0; i < 20; ++i) {
            const auto next = fixture.collection().nextCard(1).value();
            QVERIFY(next);
            QCOMPARE(next->counts.newCount, 20 - i);
            QVERIFY(fixture.collection().answer({next->card.cardId, 4, 0, {}}));
        }
        QVERIFY(!fixture.collection().nextCard(1).value()); // 5 new left, but the day's limit is used
        fixture.clock.advanceMs(kDayMs);
        QCOMPARE(fixture.collection().counts(1)->newCount, 5);
        QCOMPARE(deckCounter(fixture.path(), u"newToday"_s),
            (QJsonArray {0, 20})); // stored counter belongs to day 0
    }

    void preview_equalsAppliedAnswer_withSeededFuzz_data()
    {
        QTest::addColumn<int>("ease");
        for (int ease = 1; ease <= 4; ++ease)
            QTest::addRow("ease %d", ease) << ease;
    }
    void preview_equalsAppliedAnswer_withSeededFuzz()
    {
        QFETCH(int, ease);
        testsupport::CollectionFixture fixture(scheduling::FuzzSource::seeded());
        const auto card = fixture.addCard(u"q"_s);
        QVERIFY(fixture.collection().answer({card.cardId, 4, 0, {}})); // review, 3..5 days with fuzz
        for (int day = 0; day < 3; ++day) { // a few fuzzed reviews to get larger intervals
            const auto current = fixture.collection().card(card.cardId).value();
            fixture.clock.setNowMs(testsupport::kDay0TenAmMs + current.state.due * kDayMs);
            QVERIFY(fixture.collection().answer({card.cardId, 3, 0, {}}));
        }
        const auto current = fixture.collection().card(card.cardId).value();
        fixture.clock.setNowMs(testsupport::kDay0TenAmMs + current.state.due * kDayMs);
        const auto next = fixture.collection().nextCard(1).value();
        QVERIFY(next);
        QCOMPARE(next->card.cardId, card.cardId);
        const qint64 today = current.state.due;
        const auto answered = fixture.collection().answer({card.cardId, ease, 0, {}}).value();
        const qint64 preview = next->intervals[size_t(ease - 1)];
        if (answered.state.queue == 1) {
            // Learning delays are previewed unfuzzed (§7); the placement adds learning fuzz (§5).
            const qint64 applied = answered.state.due - fixture.clock.nowSeconds();
            QVERIFY2(applied >= preview && applied < preview + std::min<qint64>(preview / 4, 300),
                qPrintable(QString::number(applied)));
        } else {
            QCOMPARE((answered.state.due - today) * 86400, preview);
        }
    }

    void lapses_tagLeechAtEight()
    {
        testsupport::CollectionFixture fixture;
        const auto card = fixture.addCard(u"hard word"_s);
        QVERIFY(fixture.collection().answer({card.cardId, 4, 0, {}}));
        for (int lapse = 1; lapse <= 8; ++lapse) {
            const auto current = fixture.collection().card(card.cardId).value();
            QCOMPARE(current.tags.contains(u"leech"_s), false);
            fixture.clock.setNowMs(testsupport::kDay0TenAmMs + current.state.due * kDayMs);
            const auto lapsed = fixture.collection().answer({card.cardId, 1, 0, {}}).value();
            QCOMPARE(lapsed.state.lapses, lapse);
            if (lapse < 8)
                QVERIFY(fixture.collection().answer({card.cardId, 3, 0, {}})); // relearned: review tomorrow
        }
        QVERIFY(fixture.collection().card(card.cardId)->tags.contains(u"leech"_s));
        QCOMPARE(queryColumn(fixture.path(), u"SELECT tags FROM notes"_s).value(0), u" leech "_s);
    }

    void stats_countCardsReviewsAndDue()
    {
        testsupport::CollectionFixture fixture;
        const auto a = fixture.addCard(u"a"_s);
        fixture.addCard(u"b"_s);
        const auto c = fixture.addCard(u"c"_s);
        QVERIFY(fixture.collection().answer({a.cardId, 4, 0, {}}));
        QVERIFY(fixture.collection().answer({c.cardId, 3, 0, {}}));
        QVERIFY(fixture.collection().setSuspended(c.cardId, true));
        const auto stats = fixture.collection().stats();
        QVERIFY(stats);
        QCOMPARE(stats->cards, qint64(3));
        QCOMPARE(stats->notes, qint64(3));
        QCOMPARE(stats->reviewsToday, qint64(2));
        QCOMPARE(stats->decks, qint64(1));
        QCOMPARE(stats->newCards, qint64(1));
        QCOMPARE(stats->reviewCards, qint64(1));
        QCOMPARE(stats->suspendedCards, qint64(1));
        QCOMPARE(stats->dueToday, qint64(0));
        fixture.clock.advanceMs(4 * kDayMs);
        QCOMPARE(fixture.collection().stats()->dueToday, qint64(1));
        QCOMPARE(fixture.collection().stats()->reviewsToday, qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestReview)
#include "tst_review.moc"
