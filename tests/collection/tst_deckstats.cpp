// The Statistics page's figures from the revlog: a deck filter (children
// included), answers and study time per day, the answer buttons split as
// Anki's graph splits them, and true retention for young and mature reviews.
#include "collection/deckstats.h"
#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;
using namespace javumbo::collection;
using javumbo::testsupport::CollectionFixture;

class TestDeckStats : public QObject
{
    Q_OBJECT
private:
    struct Answer
    {
        qint64 cardId;
        int ease;
        int type; // 0 learning, 1 review, 2 relearning
        int lastInterval;
        int timeMs;
        qint64 atMs;
    };
    static void writeRevlog(CollectionFixture &fixture, const QList<Answer> &answers)
    {
        auto written = fixture.collection().transact([&](WriteContext &context) -> Result<void> {
            for (const Answer &answer : answers) {
                storage::Query insert(context.db(),
                    u"INSERT INTO revlog ($userColumn id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                    " VALUES ($userValue ?, ?, -1, ?, 1, ?, 2500, ?, ?)"_s);
                insert.bind(answer.atMs).bind(answer.cardId).bind(answer.ease).bind(answer.lastInterval);
                insert.bind(answer.timeMs).bind(answer.type);
                if (auto done = insert.exec(); !done)
                    return done;
            }
            return {};
        });
        QVERIFY2(written, "revlog");
    }
    static DeckStatsReport stats(CollectionFixture &fixture, std::optional<qint64> deck)
    {
        auto view = ReadView::open(fixture.path(), fixture.clock);
        auto report = deckStats(view.value(), deck, 7);
        if (!report)
            qFatal("deckStats: %s", qPrintable(report.error().message));
        return report.value();
    }

private slots:
    void initTestCase() { testsupport::enterTestMode(); }

    void report_countsButtonsRetentionAndTime_forTheWholeCollectionAndOneDeck()
    {
        CollectionFixture fixture;
        const qint64 spanish = fixture.collection().createDeck(u"Spanish"_s).value().id;
        const qint64 verbs = fixture.collection().createDeck(u"Spanish::Verbs"_s).value().id;
        const qint64 a = fixture.addCard(u"a"_s, u"x"_s, spanish).cardId;
        const qint64 b = fixture.addCard(u"b"_s, u"x"_s, verbs).cardId;
        const qint64 c = fixture.addCard(u"c"_s, u"x"_s, 1).cardId;
        const qint64 now = fixture.clock.nowMs();
        const qint64 yesterday = now - 86400 * 1000LL;
        writeRevlog(fixture,
            {
                {a, 1, 1, 5, 4000, now - 5000}, // young, failed
                {a, 3, 1, 5, 6000, now - 4000}, // young, passed
                {b, 4, 1, 30, 2000, now - 3000}, // mature, passed
                {b, 1, 1, 30, 3000, now - 2000}, // mature, failed
                {c, 3, 0, -60, 10000, now - 1000}, // a learning step, in Default
                {a, 2, 2, -600, 60000, yesterday}, // relearning, yesterday
            });

        const DeckStatsReport all = stats(fixture, std::nullopt);
        QCOMPARE(all.cards, qint64(3));
        QCOMPARE(all.reviews.size(), 7);
        QCOMPARE(all.reviews.constLast(), qint64(5));
        QCOMPARE(all.reviews.at(5), qint64(1));
        QCOMPARE(all.reviewsToday, qint64(5));
        QCOMPARE(all.studySeconds.constLast(), qint64(25));
        QCOMPARE(all.studySeconds.at(5), qint64(60));
        QCOMPARE(all.buttons.learning, (std::array<qint64, 4> {0, 1, 1, 0}));
        QCOMPARE(all.buttons.young, (std::array<qint64, 4> {1, 0, 1, 0}));
        QCOMPARE(all.buttons.mature, (std::array<qint64, 4> {1, 0, 0, 1}));
        QCOMPARE(all.retention.youngPassed, qint64(1));
        QCOMPARE(all.retention.youngTotal, qint64(2));
        QCOMPARE(all.retention.maturePassed, qint64(1));
        QCOMPARE(all.retention.matureTotal, qint64(2));

        // Spanish with its child Verbs; Default's learning step is left out.
        const DeckStatsReport deck = stats(fixture, spanish);
        QCOMPARE(deck.cards, qint64(2));
        QCOMPARE(deck.newCards, qint64(2));
        QCOMPARE(deck.reviewsToday, qint64(4));
        QCOMPARE(deck.secondsToday, qint64(15));
        QCOMPARE(deck.buttons.learning, (std::array<qint64, 4> {0, 1, 0, 0}));
        QCOMPARE(deck.retention.youngTotal + deck.retention.matureTotal, qint64(4));

        const DeckStatsReport child = stats(fixture, verbs);
        QCOMPARE(child.reviewsToday, qint64(2));
        QCOMPARE(child.retention.matureTotal, qint64(2));
        QCOMPARE(child.retention.youngTotal, qint64(0));
    }

    void report_unknownDeck_isDeckNotFound()
    {
        CollectionFixture fixture;
        auto view = ReadView::open(fixture.path(), fixture.clock);
        QCOMPARE(deckStats(view.value(), 4242, 7).code(), ErrorCode::DeckNotFound);
    }
};

QTEST_MAIN(TestDeckStats)
#include "tst_deckstats.moc"
