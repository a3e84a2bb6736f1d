// previewIntervals (docs/scheduling.md §7): seconds per button, from the same code
// path as answerCard, so a preview is always what the answer applies.

#include "scheduling/answer.h"
#include "scheduling/fuzz.h"
#include "scheduling/preview.h"
#include "schedulingfixtures.h"

#include <QStandardPaths>
#include <QTest>

using namespace javumbo::scheduling;
using namespace javumbo::scheduling::fixtures;

using Intervals = std::array<qint64, 4>;

namespace {

constexpr qint64 s_day = 86400;
const qint64 s_now = at(10, 10, 0);

// What an applied answer scheduled, read from the card alone.
qint64 appliedSeconds(const CardState &card, const DayTiming &timing, qint64 learningFuzzSeconds)
{
    if (card.queue == QueueLearning)
        return card.due - timing.now - learningFuzzSeconds;
    return (card.due - timing.today) * s_day;
}

} // namespace

class TestPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void preview_showsEachButton_data();
    void preview_showsEachButton();
    void preview_showsLearningDelaysUnfuzzed();
    void preview_seededEqualsAnswerForManyCards();
    void preview_seededIsDeterministic();
    void preview_refusesSuspendedOrBuried();
};

void TestPreview::preview_showsEachButton_data()
{
    QTest::addColumn<CardState>("card");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<Intervals>("expected");

    QTest::newRow("new") << newCard() << s_now << Intervals {60, 330, 600, 4 * s_day};
    QTest::newRow("learning on 10m") << learningCard(s_now, 1, 1) << s_now
                                     << Intervals {60, 600, s_day, 4 * s_day};
    QTest::newRow("review ivl 10") << reviewCard(10, 2500, 10) << s_now
                                   << Intervals {600, 12 * s_day, 25 * s_day, 33 * s_day};
    QTest::newRow("review §8 C row 1")
        << reviewCard(100, 2500, 2) << s_now << Intervals {600, 120 * s_day, 260 * s_day, 351 * s_day};
    QTest::newRow("relearning") << relearningCard(s_now, 3, 2300, 1, 8, 1) << s_now
                                << Intervals {600, 900, 3 * s_day, 4 * s_day};
    // At 03:55 (U = 300) steps of 330 s and 600 s land on the next day.
    QTest::newRow("new card at night")
        << newCard() << at(0, 27, 55) << Intervals {60, s_day, s_day, 4 * s_day};
}

void TestPreview::preview_showsEachButton()
{
    QFETCH(CardState, card);
    QFETCH(qint64, now);
    QFETCH(Intervals, expected);

    const auto preview = previewIntervals(card, DeckConfig {}, timingAt(now), FuzzSource::off());
    QVERIFY(preview.ok());
    QCOMPARE(*preview, expected);
}

void TestPreview::preview_showsLearningDelaysUnfuzzed()
{
    const FuzzSource fuzz = FuzzSource::fixed(0.99f);
    const auto preview = previewIntervals(newCard(), DeckConfig {}, timingAt(s_now), fuzz);
    QVERIFY(preview.ok());
    QCOMPARE((*preview)[2], qint64(600));
    // Easy graduation is fuzzed with the card's u: 4 days → 5 at u = 0.99 (§8 G).
    QCOMPARE((*preview)[3], 5 * s_day);

    const auto good = answerCard(newCard(), Ease::Good, DeckConfig {}, timingAt(s_now), fuzz, 0);
    QVERIFY(good.ok());
    QCOMPARE(good->card.due, s_now + 600 + learningFuzz(600, 0.99f));
    QVERIFY(good->card.due > s_now + 600);
}

void TestPreview::preview_seededEqualsAnswerForManyCards()
{
    const FuzzSource fuzz = FuzzSource::seeded();
    const DayTiming timing = timingAt(s_now);
    int checked = 0;
    for (int i = 0; i < 500; ++i) {
        const QList<CardState> cards {newCard(i), learningCard(s_now, 1 + i % 2, i % 5),
            reviewCard(1 + i * 7 % 400, 1300 + (i * 37) % 1500, 10 - i % 20, i % 30),
            relearningCard(s_now, 1 + i % 30, 2000, 1, 9, 1)};
        for (CardState card : cards) {
            card.id = 1704081600000 + qint64(i) * 1009;
            const auto preview = previewIntervals(card, DeckConfig {}, timing, fuzz);
            QVERIFY(preview.ok());
            for (Ease ease : {Ease::Again, Ease::Hard, Ease::Good, Ease::Easy}) {
                const auto outcome = answerCard(card, ease, DeckConfig {}, timing, fuzz, 0);
                QVERIFY(outcome.ok());
                const qint64 extra = outcome->card.queue == QueueLearning
                    ? learningFuzz(-outcome->revlog.ivl, fuzz.unit(card.id, card.reps))
                    : 0;
                QCOMPARE((*preview)[size_t(int(ease) - 1)], appliedSeconds(outcome->card, timing, extra));
                ++checked;
            }
        }
    }
    QCOMPARE(checked, 500 * 4 * 4);
}

void TestPreview::preview_seededIsDeterministic()
{
    const CardState card = reviewCard(100, 2500, 2, 17);
    const DayTiming timing = timingAt(s_now);
    const auto first = previewIntervals(card, DeckConfig {}, timing, FuzzSource::seeded());
    const auto second = previewIntervals(card, DeckConfig {}, timing, FuzzSource::seeded());
    QVERIFY(first.ok() && second.ok());
    QCOMPARE(*first, *second);
    // The seeded u really fuzzes: the same card with other reps lands elsewhere.
    bool differs = false;
    for (int reps = 18; reps < 40 && !differs; ++reps) {
        CardState other = card;
        other.reps = reps;
        const auto preview = previewIntervals(other, DeckConfig {}, timing, FuzzSource::seeded());
        QVERIFY(preview.ok());
        differs = *preview != *first;
    }
    QVERIFY(differs);
}

void TestPreview::preview_refusesSuspendedOrBuried()
{
    CardState card = reviewCard(10, 2500, 10);
    card.queue = QueueSuspended;
    const auto preview = previewIntervals(card, DeckConfig {}, timingAt(s_now), FuzzSource::off());
    QVERIFY(!preview.ok());
    QCOMPARE(preview.code(), javumbo::ErrorCode::CardNotReviewable);
}

QTEST_GUILESS_MAIN(TestPreview)
#include "tst_preview.moc"
