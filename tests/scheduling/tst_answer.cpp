// answerCard: every state × every button, the edge cases of docs/scheduling.md §4
// and the refusals. Defaults and fuzz Off unless a row says otherwise; the
// clock is §8's (UTC, rollover 4), answering on day 10 at 10:00 (U = 18 h).

#include "scheduling/answer.h"
#include "scheduling/fuzz.h"
#include "schedulingfixtures.h"

#include <QStandardPaths>
#include <QTest>

#include <limits>

using namespace javumbo::scheduling;
using namespace javumbo::scheduling::fixtures;

namespace {

const qint64 s_now = at(10, 10, 0);

QByteArray rowName(const char *state, Ease ease)
{
    static const char *const buttons[] = {"Again", "Hard", "Good", "Easy"};
    return QByteArray(state) + " x " + buttons[int(ease) - 1];
}

void addRow(const QByteArray &name, const DeckConfig &config, const CardState &before, qint64 now, Ease ease,
    const CardState &expected, const RevlogEntry &revlog)
{
    static QList<QByteArray> names; // QTest keeps the pointer
    names.append(name);
    QTest::newRow(names.last().constData()) << config << before << now << int(ease) << expected << revlog;
}

void addColumns()
{
    QTest::addColumn<DeckConfig>("config");
    QTest::addColumn<CardState>("before");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<int>("ease");
    QTest::addColumn<CardState>("expected");
    QTest::addColumn<RevlogEntry>("expectedRevlog");
}

void checkRow()
{
    QFETCH(DeckConfig, config);
    QFETCH(CardState, before);
    QFETCH(qint64, now);
    QFETCH(int, ease);
    QFETCH(CardState, expected);
    QFETCH(RevlogEntry, expectedRevlog);

    const auto outcome = answerCard(before, *easeFromInt(ease), config, timingAt(now), FuzzSource::off(), 0);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome->card, expected);
    QCOMPARE(outcome->revlog, expectedRevlog);
}

} // namespace

class TestAnswer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void answer_everyStateAndButton_data();
    void answer_everyStateAndButton() { checkRow(); }
    void answer_edgeCase_data();
    void answer_edgeCase() { checkRow(); }
    void answer_refusesSuspendedOrBuried_data();
    void answer_refusesSuspendedOrBuried();
    void answer_refusesUnknownTypeAndEase();
    void answer_capsRevlogTime_data();
    void answer_capsRevlogTime();
    void leech_rule_data();
    void leech_rule();
    void leech_onlyAfterReviewLapse();
    void leech_offWithThresholdZero();
    void leech_suspendsReviewCardWithoutRelearnSteps();
    void learningPlacement_isFuzzedOnlyInQueueOne();
};

void TestAnswer::answer_everyStateAndButton_data()
{
    addColumns();
    const DeckConfig defaults;
    const DeckConfig dayStep = withSteps({1.0f, 1440.0f}, {10.0f});

    // New card: learning steps 1m 10m from the start.
    const CardState fresh = newCard(7);
    addRow(rowName("new", Ease::Again), defaults, fresh, s_now, Ease::Again,
        makeCard(1, 1, s_now + 60, 0, 0, 2, 1), revlog(1, -60, 0, 0, 0));
    addRow(rowName("new", Ease::Hard), defaults, fresh, s_now, Ease::Hard,
        makeCard(1, 1, s_now + 330, 0, 0, 2, 1), revlog(2, -330, 0, 0, 0));
    addRow(rowName("new", Ease::Good), defaults, fresh, s_now, Ease::Good,
        makeCard(1, 1, s_now + 600, 0, 0, 1, 1), revlog(3, -600, 0, 0, 0));
    addRow(rowName("new", Ease::Easy), defaults, fresh, s_now, Ease::Easy, makeCard(2, 2, 14, 4, 2500, 0, 1),
        revlog(4, 4, 0, 2500, 0));

    // Learning, waiting for the 10m step.
    const CardState learning = learningCard(s_now - 30, 1, 3);
    addRow(rowName("learning", Ease::Again), defaults, learning, s_now, Ease::Again,
        makeCard(1, 1, s_now + 60, 0, 0, 2, 4), revlog(1, -60, -600, 0, 0));
    addRow(rowName("learning", Ease::Hard), defaults, learning, s_now, Ease::Hard,
        makeCard(1, 1, s_now + 600, 0, 0, 1, 4), revlog(2, -600, -600, 0, 0));
    addRow(rowName("learning", Ease::Good), defaults, learning, s_now, Ease::Good,
        makeCard(2, 2, 11, 1, 2500, 0, 4), revlog(3, 1, -600, 2500, 0));
    addRow(rowName("learning", Ease::Easy), defaults, learning, s_now, Ease::Easy,
        makeCard(2, 2, 14, 4, 2500, 0, 4), revlog(4, 4, -600, 2500, 0));

    // Learning in queue 3, on a one-day step (1m 1d): its lastIvl is in days.
    const CardState dayLearning = dayLearningCard(10, 1, 3);
    addRow(rowName("learning queue 3", Ease::Again), dayStep, dayLearning, s_now, Ease::Again,
        makeCard(1, 1, s_now + 60, 0, 0, 2, 4), revlog(1, -60, 1, 0, 0));
    addRow(rowName("learning queue 3", Ease::Hard), dayStep, dayLearning, s_now, Ease::Hard,
        makeCard(1, 3, 11, 0, 0, 1, 4), revlog(2, 1, 1, 0, 0));
    addRow(rowName("learning queue 3", Ease::Good), dayStep, dayLearning, s_now, Ease::Good,
        makeCard(2, 2, 11, 1, 2500, 0, 4), revlog(3, 1, 1, 2500, 0));
    addRow(rowName("learning queue 3", Ease::Easy), dayStep, dayLearning, s_now, Ease::Easy,
        makeCard(2, 2, 14, 4, 2500, 0, 4), revlog(4, 4, 1, 2500, 0));

    // Review, ivl 10, on time.
    const CardState review = reviewCard(10, 2500, 10, 5, 0);
    addRow(rowName("review", Ease::Again), defaults, review, s_now, Ease::Again,
        makeCard(3, 1, s_now + 600, 1, 2300, 1, 6, 1), revlog(1, -600, 10, 2300, 1));
    addRow(rowName("review", Ease::Hard), defaults, review, s_now, Ease::Hard,
        makeCard(2, 2, 22, 12, 2350, 0, 6), revlog(2, 12, 10, 2350, 1));
    addRow(rowName("review", Ease::Good), defaults, review, s_now, Ease::Good,
        makeCard(2, 2, 35, 25, 2500, 0, 6), revlog(3, 25, 10, 2500, 1));
    addRow(rowName("review", Ease::Easy), defaults, review, s_now, Ease::Easy,
        makeCard(2, 2, 43, 33, 2650, 0, 6), revlog(4, 33, 10, 2650, 1));

    // Relearning with a post-lapse interval of 3 days; Again re-applies mult 0.
    const CardState relearning = relearningCard(s_now - 10, 3, 2300, 1, 8, 2);
    addRow(rowName("relearning", Ease::Again), defaults, relearning, s_now, Ease::Again,
        makeCard(3, 1, s_now + 600, 1, 2300, 1, 9, 2), revlog(1, -600, -600, 2300, 2));
    addRow(rowName("relearning", Ease::Hard), defaults, relearning, s_now, Ease::Hard,
        makeCard(3, 1, s_now + 900, 3, 2300, 1, 9, 2), revlog(2, -900, -600, 2300, 2));
    addRow(rowName("relearning", Ease::Good), defaults, relearning, s_now, Ease::Good,
        makeCard(2, 2, 13, 3, 2300, 0, 9, 2), revlog(3, 3, -600, 2300, 2));
    addRow(rowName("relearning", Ease::Easy), defaults, relearning, s_now, Ease::Easy,
        makeCard(2, 2, 14, 4, 2300, 0, 9, 2), revlog(4, 4, -600, 2300, 2));
}

void TestAnswer::answer_edgeCase_data()
{
    addColumns();
    const DeckConfig noLearn = withSteps({}, {10.0f});
    const DeckConfig noRelearn = withSteps({1.0f, 10.0f}, {});
    const DeckConfig oneStep = withSteps({10.0f}, {10.0f});

    addRow("no learning steps: new Again graduates", noLearn, newCard(), s_now, Ease::Again,
        makeCard(2, 2, 11, 1, 2500, 0, 1), revlog(1, 1, 0, 2500, 0));
    addRow("no learning steps: new Hard graduates", noLearn, newCard(), s_now, Ease::Hard,
        makeCard(2, 2, 11, 1, 2500, 0, 1), revlog(2, 1, 0, 2500, 0));
    addRow("no learning steps: new Good graduates", noLearn, newCard(), s_now, Ease::Good,
        makeCard(2, 2, 11, 1, 2500, 0, 1), revlog(3, 1, 0, 2500, 0));
    addRow("no learning steps: learning card Again graduates, lastIvl 0", noLearn, learningCard(s_now, 1, 2),
        s_now, Ease::Again, makeCard(2, 2, 11, 1, 2500, 0, 3), revlog(1, 1, 0, 2500, 0));

    addRow("no relearn steps: lapse goes straight to review", noRelearn, reviewCard(10, 2500, 10, 5, 0),
        s_now, Ease::Again, makeCard(2, 2, 11, 1, 2300, 0, 6, 1), revlog(1, 1, 10, 2300, 1));
    addRow("no relearn steps: relearning Again keeps ivl", noRelearn, relearningCard(s_now, 3, 2300, 1, 8, 2),
        s_now, Ease::Again, makeCard(2, 2, 13, 3, 2300, 0, 9, 2), revlog(1, 3, 0, 2300, 2));
    addRow("no relearn steps: relearning Hard keeps ivl", noRelearn, relearningCard(s_now, 3, 2300, 1, 8, 2),
        s_now, Ease::Hard, makeCard(2, 2, 13, 3, 2300, 0, 9, 2), revlog(2, 3, 0, 2300, 2));

    addRow("one step: new Hard is 1.5 x the step", oneStep, newCard(), s_now, Ease::Hard,
        makeCard(1, 1, s_now + 900, 0, 0, 1, 1), revlog(2, -900, 0, 0, 0));
    addRow("one step: new Good graduates", oneStep, newCard(), s_now, Ease::Good,
        makeCard(2, 2, 11, 1, 2500, 0, 1), revlog(3, 1, 0, 2500, 0));
    addRow("one 1d step: Hard 1.5 d rounds to 2 d, queue 3", withSteps({1440.0f}, {10.0f}), newCard(), s_now,
        Ease::Hard, makeCard(1, 3, 12, 0, 0, 1, 1), revlog(2, 2, 0, 0, 0));
    addRow("1m 50h: Hard mean 25 h rounds to 1 d", withSteps({1.0f, 3000.0f}, {10.0f}), newCard(), s_now,
        Ease::Hard, makeCard(1, 3, 11, 0, 0, 2, 1), revlog(2, 1, 0, 0, 0));
    addRow("half-minute step is 30 s", withSteps({0.5f, 10.0f}, {10.0f}), newCard(), s_now, Ease::Again,
        makeCard(1, 1, s_now + 30, 0, 0, 2, 1), revlog(1, -30, 0, 0, 0));

    addRow("2 d step crosses to day + 2", withSteps({1.0f, 2880.0f}, {10.0f}), newCard(), s_now, Ease::Good,
        makeCard(1, 3, 12, 0, 0, 1, 1), revlog(3, 2, 0, 0, 0));
    addRow("relearning step crossing the day (U=120)", DeckConfig {}, reviewCard(20, 2500, 5, 5, 0),
        at(5, 27, 58), Ease::Again, makeCard(3, 3, 6, 1, 2300, 1, 6, 1), revlog(1, 1, 20, 2300, 1));
    addRow("step within U stays queue 1 at night (U=300)", DeckConfig {}, newCard(), at(0, 27, 55),
        Ease::Again, makeCard(1, 1, at(0, 27, 55) + 60, 0, 0, 2, 1), revlog(1, -60, 0, 0, 0));
    addRow("lastIvl of a step crossing the day is in days", DeckConfig {}, learningCard(at(0, 27, 50), 1, 1),
        at(0, 27, 55), Ease::Again, makeCard(1, 1, at(0, 27, 55) + 60, 0, 0, 2, 2), revlog(1, -60, 1, 0, 0));

    addRow("v2 left 1002 is on the first step", DeckConfig {}, learningCard(s_now, 1002, 2), s_now,
        Ease::Good, makeCard(1, 1, s_now + 600, 0, 0, 1, 3), revlog(3, -600, -60, 0, 0));
    addRow("v2 left 2001 is on the last step", DeckConfig {}, learningCard(s_now, 2001, 2), s_now, Ease::Good,
        makeCard(2, 2, 11, 1, 2500, 0, 3), revlog(3, 1, -600, 2500, 0));
    addRow("v2 left: Hard writes the plain count", DeckConfig {}, learningCard(s_now, 1002, 2), s_now,
        Ease::Hard, makeCard(1, 1, s_now + 330, 0, 0, 2, 3), revlog(2, -330, -60, 0, 0));
    addRow("v2 relearning left 1001: Good graduates", DeckConfig {},
        relearningCard(s_now, 4, 2300, 1001, 8, 1), s_now, Ease::Good, makeCard(2, 2, 14, 4, 2300, 0, 9, 1),
        revlog(3, 4, -600, 2300, 2));
    addRow("left above the steps is pulled to the first", DeckConfig {}, learningCard(s_now, 5, 2), s_now,
        Ease::Good, makeCard(1, 1, s_now + 600, 0, 0, 1, 3), revlog(3, -600, -60, 0, 0));
    addRow("left 0 on a learning card is the last step", DeckConfig {}, learningCard(s_now, 0, 2), s_now,
        Ease::Good, makeCard(2, 2, 11, 1, 2500, 0, 3), revlog(3, 1, -600, 2500, 0));

    DeckConfig max30;
    max30.maximumInterval = 30;
    const CardState ivl25 = reviewCard(25, 2500, 10, 5, 0);
    addRow("maxIvl 30 squeezes Hard", max30, ivl25, s_now, Ease::Hard, makeCard(2, 2, 40, 30, 2350, 0, 6),
        revlog(2, 30, 25, 2350, 1));
    addRow("maxIvl 30 squeezes Good", max30, ivl25, s_now, Ease::Good, makeCard(2, 2, 40, 30, 2500, 0, 6),
        revlog(3, 30, 25, 2500, 1));
    addRow("maxIvl 30 squeezes Easy", max30, ivl25, s_now, Ease::Easy, makeCard(2, 2, 40, 30, 2650, 0, 6),
        revlog(4, 30, 25, 2650, 1));
    DeckConfig max2;
    max2.maximumInterval = 2;
    addRow("maxIvl caps the easy graduation", max2, newCard(), s_now, Ease::Easy,
        makeCard(2, 2, 12, 2, 2500, 0, 1), revlog(4, 2, 0, 2500, 0));
    DeckConfig max3;
    max3.maximumInterval = 3;
    max3.minimumInterval = 5;
    addRow("minInt above maxIvl is clamped to maxIvl", max3, reviewCard(3, 2500, 10, 5, 0), s_now,
        Ease::Again, makeCard(3, 1, s_now + 600, 3, 2300, 1, 6, 1), revlog(1, -600, 3, 2300, 1));
    addRow("relearning Easy is not clamped to maxIvl", max3, relearningCard(s_now, 3, 2300, 1, 8, 1), s_now,
        Ease::Easy, makeCard(2, 2, 14, 4, 2300, 0, 9, 1), revlog(4, 4, -600, 2300, 2));

    addRow("early review counts as on time", DeckConfig {}, reviewCard(10, 2500, 15, 5, 0), s_now, Ease::Good,
        makeCard(2, 2, 35, 25, 2500, 0, 6), revlog(3, 25, 10, 2500, 1));
    addRow("ease below the floor rises to 1300 on Hard", DeckConfig {}, reviewCard(10, 1000, 10, 5, 0), s_now,
        Ease::Hard, makeCard(2, 2, 22, 12, 1300, 0, 6), revlog(2, 12, 10, 1300, 1));
    addRow("ease 1400 drops to the 1300 floor on Again", DeckConfig {}, reviewCard(10, 1400, 10, 5, 0), s_now,
        Ease::Again, makeCard(3, 1, s_now + 600, 1, 1300, 1, 6, 1), revlog(1, -600, 10, 1300, 1));
    DeckConfig hardBelowOne;
    hardBelowOne.hardFactor = 0.5f;
    addRow("hardFactor 0.5 may shorten the interval", hardBelowOne, reviewCard(10, 2500, 10, 5, 0), s_now,
        Ease::Hard, makeCard(2, 2, 15, 5, 2350, 0, 6), revlog(2, 5, 10, 2350, 1));
    DeckConfig customStart;
    customStart.initialFactor = 1800;
    customStart.graduatingInterval = 3;
    addRow("graduation uses initialFactor and new.ints[0]", customStart, learningCard(s_now, 1, 1), s_now,
        Ease::Good, makeCard(2, 2, 13, 3, 1800, 0, 2), revlog(3, 3, -600, 1800, 0));
}

void TestAnswer::answer_refusesSuspendedOrBuried_data()
{
    QTest::addColumn<CardState>("card");
    const QList<std::pair<const char *, CardState>> states {
        {"new", newCard()},
        {"learning", learningCard(s_now, 1, 1)},
        {"review", reviewCard(10, 2500, 10)},
        {"relearning", relearningCard(s_now, 1, 2300, 1, 8, 1)},
    };
    static QList<QByteArray> names;
    for (const auto &[name, state] : states) {
        for (int queue : {int(QueueSuspended), int(QueueSchedBuried), int(QueueUserBuried)}) {
            CardState hidden = state;
            hidden.queue = queue;
            names.append(QByteArray(name) + " queue " + QByteArray::number(queue));
            QTest::newRow(names.last().constData()) << hidden;
        }
    }
}

void TestAnswer::answer_refusesSuspendedOrBuried()
{
    QFETCH(CardState, card);
    for (Ease ease : {Ease::Again, Ease::Hard, Ease::Good, Ease::Easy}) {
        const auto outcome = answerCard(card, ease, DeckConfig {}, timingAt(s_now), FuzzSource::off(), 0);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.code(), javumbo::ErrorCode::CardNotReviewable);
    }
}

void TestAnswer::answer_refusesUnknownTypeAndEase()
{
    CardState corrupt = newCard();
    corrupt.type = 7;
    const auto badType
        = answerCard(corrupt, Ease::Good, DeckConfig {}, timingAt(s_now), FuzzSource::off(), 0);
    QVERIFY(!badType.ok());
    QCOMPARE(badType.code(), javumbo::ErrorCode::StorageCorrupt);

    for (int value : {0, 5, -1}) {
        const auto badEase = answerCard(
            newCard(), static_cast<Ease>(value), DeckConfig {}, timingAt(s_now), FuzzSource::off(), 0);
        QVERIFY(!badEase.ok());
        QCOMPARE(badEase.code(), javumbo::ErrorCode::InvalidEase);
    }
}

void TestAnswer::answer_capsRevlogTime_data()
{
    QTest::addColumn<int>("maxTaken");
    QTest::addColumn<qint64>("taken");
    QTest::addColumn<int>("expected");

    QTest::newRow("under the cap") << 60 << qint64(12345) << 12345;
    QTest::newRow("at the cap") << 60 << qint64(60000) << 60000;
    QTest::newRow("over the cap") << 60 << qint64(75000) << 60000;
    QTest::newRow("cap 30 s") << 30 << qint64(45000) << 30000;
    QTest::newRow("not sent") << 60 << qint64(0) << 0;
    QTest::newRow("negative is 0") << 60 << qint64(-5) << 0;
    QTest::newRow("huge") << 60 << std::numeric_limits<qint64>::max() << 60000;
}

void TestAnswer::answer_capsRevlogTime()
{
    QFETCH(int, maxTaken);
    QFETCH(qint64, taken);
    QFETCH(int, expected);

    DeckConfig config;
    config.maxAnswerSeconds = maxTaken;
    const auto outcome = answerCard(newCard(), Ease::Good, config, timingAt(s_now), FuzzSource::off(), taken);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome->revlog.timeMs, expected);
}

void TestAnswer::leech_rule_data()
{
    QTest::addColumn<int>("lapses");
    QTest::addColumn<int>("threshold");
    QTest::addColumn<bool>("leech");

    const QList<std::tuple<int, int, bool>> rows {{7, 8, false}, {8, 8, true}, {9, 8, false}, {11, 8, false},
        {12, 8, true}, {14, 8, false}, {16, 8, true}, {20, 8, true}, {4, 5, false}, {5, 5, true},
        {6, 5, false}, {8, 5, true}, {11, 5, true}, {3, 3, true}, {4, 3, false}, {5, 3, true}, {1, 1, true},
        {2, 1, true}, {0, 0, false}, {8, 0, false}, {100, 0, false}};
    static QList<QByteArray> names;
    for (const auto &[lapses, threshold, leech] : rows) {
        names.append("lapses " + QByteArray::number(lapses) + " threshold " + QByteArray::number(threshold));
        QTest::newRow(names.last().constData()) << lapses << threshold << leech;
    }
}

void TestAnswer::leech_rule()
{
    QFETCH(int, lapses);
    QFETCH(int, threshold);
    QFETCH(bool, leech);
    QCOMPARE(isLeechLapse(lapses, threshold), leech);
}

void TestAnswer::leech_onlyAfterReviewLapse()
{
    // A relearning card's Again is not a lapse: lapses stay, no leech.
    const CardState relearning = relearningCard(s_now, 1, 2300, 1, 20, 8);
    const auto outcome
        = answerCard(relearning, Ease::Again, DeckConfig {}, timingAt(s_now), FuzzSource::off(), 0);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome->card.lapses, 8);
    QVERIFY(!outcome->becameLeech);

    const auto hard = answerCard(
        reviewCard(10, 2500, 10, 20, 7), Ease::Hard, DeckConfig {}, timingAt(s_now), FuzzSource::off(), 0);
    QVERIFY(hard.ok());
    QCOMPARE(hard->card.lapses, 7);
    QVERIFY(!hard->becameLeech);
}

void TestAnswer::leech_offWithThresholdZero()
{
    DeckConfig config;
    config.leechThreshold = 0;
    config.leechAction = 0;
    const auto outcome = answerCard(
        reviewCard(10, 2500, 10, 20, 7), Ease::Again, config, timingAt(s_now), FuzzSource::off(), 0);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome->card.lapses, 8);
    QVERIFY(!outcome->becameLeech);
    QCOMPARE(outcome->card.queue, int(QueueLearning));
}

void TestAnswer::leech_suspendsReviewCardWithoutRelearnSteps()
{
    DeckConfig config = withSteps({1.0f, 10.0f}, {});
    config.leechAction = 0;
    const auto outcome = answerCard(
        reviewCard(10, 2500, 10, 20, 7), Ease::Again, config, timingAt(s_now), FuzzSource::off(), 0);
    QVERIFY(outcome.ok());
    QVERIFY(outcome->becameLeech);
    QCOMPARE(outcome->card, makeCard(TypeReview, QueueSuspended, 11, 1, 2300, 0, 21, 8));
}

void TestAnswer::learningPlacement_isFuzzedOnlyInQueueOne()
{
    // 600 s: extra = 150, floor(0.5 × 150) = 75; revlog keeps the unfuzzed delay.
    const auto good
        = answerCard(newCard(), Ease::Good, DeckConfig {}, timingAt(s_now), FuzzSource::fixed(0.5f), 0);
    QVERIFY(good.ok());
    QCOMPARE(good->card.due, s_now + 600 + 75);
    QCOMPARE(good->revlog.ivl, qint64(-600));

    // 60 s: extra = 15, floor(0.99 × 15) = 14.
    const auto again
        = answerCard(newCard(), Ease::Again, DeckConfig {}, timingAt(s_now), FuzzSource::fixed(0.99f), 0);
    QVERIFY(again.ok());
    QCOMPARE(again->card.due, s_now + 60 + 14);

    // A queue-3 placement is a day number and never fuzzed.
    const auto night = answerCard(
        newCard(), Ease::Good, DeckConfig {}, timingAt(at(0, 27, 55)), FuzzSource::fixed(0.99f), 0);
    QVERIFY(night.ok());
    QCOMPARE(night->card.queue, int(QueueDayLearning));
    QCOMPARE(night->card.due, qint64(1));
}

QTEST_GUILESS_MAIN(TestAnswer)
#include "tst_answer.moc"
