// Every worked example of docs/scheduling.md §8 (defaults, fuzz Off unless the
// table says otherwise), on §8's clock: UTC, rollover 4, crt 1704081600.

#include "scheduling/answer.h"
#include "scheduling/fuzz.h"
#include "schedulingfixtures.h"

#include <QStandardPaths>
#include <QTest>

using namespace javumbo::scheduling;
using namespace javumbo::scheduling::fixtures;

namespace {

constexpr int s_timeMs = 4000;

// The card after an answer; the id never changes.
CardState card(int type, int queue, qint64 due, int ivl, int factor, int left, int reps, int lapses = 0)
{
    return makeCard(type, queue, due, ivl, factor, left, reps, lapses);
}

struct Step
{
    const char *name;
    qint64 now;
    Ease ease;
    CardState expected;
    RevlogEntry revlog;
};

void addRow(const char *name, const CardState &before, qint64 now, Ease ease, const CardState &expected,
    const RevlogEntry &revlog)
{
    QTest::newRow(name) << before << now << int(ease) << expected << revlog;
}

// Each row starts from the previous row's expected card, so a table is
// checked row by row and, through that, as one chain.
CardState addSequence(const CardState &start, const QList<Step> &steps)
{
    CardState before = start;
    for (const Step &step : steps) {
        addRow(step.name, before, step.now, step.ease, step.expected, step.revlog);
        before = step.expected;
    }
    return before;
}

RevlogEntry log(int ease, qint64 ivl, qint64 lastIvl, int factor, int type)
{
    return revlog(ease, ivl, lastIvl, factor, type, s_timeMs);
}

} // namespace

class TestWorkedExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void answer_matchesWorkedExample_data();
    void answer_matchesWorkedExample();
    void reviewAnswer_matchesTableC_data();
    void reviewAnswer_matchesTableC();
    void fixedFuzz_matchesTableG_data();
    void fixedFuzz_matchesTableG();
    void lapse_marksLeechAsTableH_data();
    void lapse_marksLeechAsTableH();
};

void TestWorkedExamples::answer_matchesWorkedExample_data()
{
    QTest::addColumn<CardState>("before");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<int>("ease");
    QTest::addColumn<CardState>("expected");
    QTest::addColumn<RevlogEntry>("expectedRevlog");

    // A. New card, Good every time, on time.
    const CardState a2 = card(TypeReview, QueueReview, 1, 1, 2500, 0, 2);
    addSequence(newCard(1),
        {
            {"A1 new Good", at(0, 10, 0), Ease::Good, card(1, 1, 1704103800, 0, 0, 1, 1),
                log(3, -600, 0, 0, 0)},
            {"A2 learning Good graduates", at(0, 10, 10), Ease::Good, a2, log(3, 1, -600, 2500, 0)},
            {"A3 review Good", at(1, 10, 0), Ease::Good, card(2, 2, 4, 3, 2500, 0, 3), log(3, 3, 1, 2500, 1)},
            {"A4 7.5 rounds to 8", at(4, 10, 0), Ease::Good, card(2, 2, 12, 8, 2500, 0, 4),
                log(3, 8, 3, 2500, 1)},
            {"A5", at(12, 10, 0), Ease::Good, card(2, 2, 32, 20, 2500, 0, 5), log(3, 20, 8, 2500, 1)},
            {"A6", at(32, 10, 0), Ease::Good, card(2, 2, 82, 50, 2500, 0, 6), log(3, 50, 20, 2500, 1)},
            {"A7", at(82, 10, 0), Ease::Good, card(2, 2, 207, 125, 2500, 0, 7), log(3, 125, 50, 2500, 1)},
        });
    addRow("A3' Hard would be 2", a2, at(1, 10, 0), Ease::Hard, card(2, 2, 3, 2, 2350, 0, 3),
        log(2, 2, 1, 2350, 1));
    addRow("A3' Easy would be 4", a2, at(1, 10, 0), Ease::Easy, card(2, 2, 5, 4, 2650, 0, 3),
        log(4, 4, 1, 2650, 1));

    // B. Learning with Hard, Again, Easy; lastIvl is the current step, not the wait.
    addSequence(newCard(1),
        {
            {"B1 new Hard", at(0, 10, 0), Ease::Hard, card(1, 1, 1704103530, 0, 0, 2, 1),
                log(2, -330, 0, 0, 0)},
            {"B2 Hard again", at(0, 10, 6), Ease::Hard, card(1, 1, 1704103890, 0, 0, 2, 2),
                log(2, -330, -60, 0, 0)},
            {"B3 Again", at(0, 10, 12), Ease::Again, card(1, 1, 1704103980, 0, 0, 2, 3),
                log(1, -60, -60, 0, 0)},
            {"B4 Easy graduates", at(0, 10, 13), Ease::Easy, card(2, 2, 4, 4, 2500, 0, 4),
                log(4, 4, -60, 2500, 0)},
        });

    // D. Lapse and relearning.
    const CardState d1 = card(TypeRelearning, QueueLearning, 1708423800, 1, 2300, 1, 7, 1);
    addSequence(reviewCard(20, 2500, 50, 6, 0),
        {
            {"D1 review Again lapses", at(50, 10, 0), Ease::Again, d1, log(1, -600, 20, 2300, 1)},
            {"D2 relearning Good", at(50, 10, 10), Ease::Good, card(2, 2, 51, 1, 2300, 0, 8, 1),
                log(3, 1, -600, 2300, 2)},
            {"D3", at(51, 10, 0), Ease::Good, card(2, 2, 54, 3, 2300, 0, 9, 1), log(3, 3, 1, 2300, 1)},
            {"D4", at(54, 10, 0), Ease::Good, card(2, 2, 61, 7, 2300, 0, 10, 1), log(3, 7, 3, 2300, 1)},
        });
    const CardState d2Hard = card(3, 1, at(50, 10, 10) + 900, 1, 2300, 1, 8, 1);
    addRow("D2' relearning Hard", d1, at(50, 10, 10), Ease::Hard, d2Hard, log(2, -900, -600, 2300, 2));
    addRow("D2' then Easy", d2Hard, at(50, 10, 25), Ease::Easy, card(2, 2, 52, 2, 2300, 0, 9, 1),
        log(4, 2, -600, 2300, 2));
    addRow("D2' relearning Again", d1, at(50, 10, 10), Ease::Again,
        card(3, 1, at(50, 10, 10) + 600, 1, 2300, 1, 8, 1), log(1, -600, -600, 2300, 2));

    // E. A step crossing the day boundary goes to queue 3, counted in days.
    addSequence(newCard(1),
        {
            {"E1 Good at 03:55, U=300", at(0, 27, 55), Ease::Good, card(1, 3, 1, 0, 0, 1, 1),
                log(3, 1, 0, 0, 0)},
            {"E2 Good next day", at(1, 10, 0), Ease::Good, card(2, 2, 2, 1, 2500, 0, 2),
                log(3, 1, -600, 2500, 0)},
        });

    // F. Ease floor: Hard on each due day.
    const QList<int> intervals {2, 3, 4, 5, 6, 7, 8, 10, 12, 14};
    const QList<int> factors {2350, 2200, 2050, 1900, 1750, 1600, 1450, 1300, 1300, 1300};
    static QList<QByteArray> names;
    CardState before = reviewCard(1, 2500, 1, 5, 0);
    for (qsizetype i = 0; i < intervals.size(); ++i) {
        const qint64 today = before.due;
        const CardState after
            = card(2, 2, today + intervals[i], intervals[i], factors[i], 0, before.reps + 1);
        names.append("F Hard #" + QByteArray::number(i + 1));
        addRow(names.last().constData(), before, at(int(today), 10, 0), Ease::Hard, after,
            log(2, intervals[i], before.ivl, factors[i], 1));
        before = after;
    }
}

void TestWorkedExamples::answer_matchesWorkedExample()
{
    QFETCH(CardState, before);
    QFETCH(qint64, now);
    QFETCH(int, ease);
    QFETCH(CardState, expected);
    QFETCH(RevlogEntry, expectedRevlog);

    const auto outcome
        = answerCard(before, *easeFromInt(ease), DeckConfig {}, timingAt(now), FuzzSource::off(), s_timeMs);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome->card, expected);
    QCOMPARE(outcome->revlog, expectedRevlog);
    QVERIFY(!outcome->becameLeech);
}

void TestWorkedExamples::reviewAnswer_matchesTableC_data()
{
    QTest::addColumn<int>("ivl");
    QTest::addColumn<int>("factor");
    QTest::addColumn<int>("daysLate");
    QTest::addColumn<DeckConfig>("config");
    QTest::addColumn<int>("ease");
    QTest::addColumn<int>("expectedIvl");
    QTest::addColumn<int>("expectedFactor");

    DeckConfig slower;
    slower.intervalModifier = 0.8f;
    DeckConfig flatHard;
    flatHard.hardFactor = 1.0f;

    struct Row
    {
        const char *name;
        int ivl, factor, late;
        DeckConfig config;
        int hard, hardFactor, good, easy, easyFactor;
    };
    const QList<Row> rows {
        {"100/2500/8 (Anki's test)", 100, 2500, 8, {}, 120, 2350, 260, 351, 2650},
        {"10/2500/0", 10, 2500, 0, {}, 12, 2350, 25, 33, 2650},
        {"10/2500/6", 10, 2500, 6, {}, 12, 2350, 33, 52, 2650},
        {"10/2500/8 (float easy 58)", 10, 2500, 8, {}, 12, 2350, 35, 58, 2650},
        {"10/2100/10 (float good 31)", 10, 2100, 10, {}, 12, 1950, 31, 55, 2250},
        {"1/1300/0", 1, 1300, 0, {}, 2, 1300, 3, 4, 1450},
        {"20000/2500/0 maxIvl squeeze", 20000, 2500, 0, {}, 24000, 2350, 36500, 36500, 2650},
        {"10/2500/0 ivlFct 0.8", 10, 2500, 0, slower, 11, 2350, 20, 26, 2650},
        {"10/2500/0 hardFactor 1.0", 10, 2500, 0, flatHard, 10, 2350, 25, 33, 2650},
    };
    static QList<QByteArray> names;
    for (const Row &row : rows) {
        const auto add = [&](const char *button, Ease ease, int ivl, int factor) {
            names.append(QByteArray(row.name) + ' ' + button);
            QTest::newRow(names.last().constData())
                << row.ivl << row.factor << row.late << row.config << int(ease) << ivl << factor;
        };
        add("Hard", Ease::Hard, row.hard, row.hardFactor);
        add("Good", Ease::Good, row.good, row.factor);
        add("Easy", Ease::Easy, row.easy, row.easyFactor);
    }
}

void TestWorkedExamples::reviewAnswer_matchesTableC()
{
    QFETCH(int, ivl);
    QFETCH(int, factor);
    QFETCH(int, daysLate);
    QFETCH(DeckConfig, config);
    QFETCH(int, ease);
    QFETCH(int, expectedIvl);
    QFETCH(int, expectedFactor);

    const int today = 200;
    const CardState before = reviewCard(ivl, factor, today - daysLate, 5, 0);
    const auto outcome
        = answerCard(before, *easeFromInt(ease), config, timingAt(at(today, 10, 0)), FuzzSource::off(), 0);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome->card, card(2, 2, today + expectedIvl, expectedIvl, expectedFactor, 0, 6));
    QCOMPARE(outcome->revlog, revlog(ease, expectedIvl, ivl, expectedFactor, 1));
}

void TestWorkedExamples::fixedFuzz_matchesTableG_data()
{
    QTest::addColumn<CardState>("before");
    QTest::addColumn<DeckConfig>("config");
    QTest::addColumn<int>("daysLate");
    QTest::addColumn<int>("ease");
    QTest::addColumn<bool>("fuzzOff");
    QTest::addColumn<float>("u");
    QTest::addColumn<int>("expectedIvl");

    static QList<QByteArray> names;
    const auto add = [](const QByteArray &name, const CardState &before, const DeckConfig &config, int late,
                         Ease ease, bool off, float u, int ivl) {
        names.append(name);
        QTest::newRow(names.last().constData()) << before << config << late << int(ease) << off << u << ivl;
    };
    const auto addReview = [&](const char *name, int ivl, int late, float u, int hard, int good, int easy) {
        const CardState before = reviewCard(ivl, 2500, 0, 5, 0);
        add(QByteArray(name) + " Hard", before, {}, late, Ease::Hard, false, u, hard);
        add(QByteArray(name) + " Good", before, {}, late, Ease::Good, false, u, good);
        add(QByteArray(name) + " Easy", before, {}, late, Ease::Easy, false, u, easy);
    };
    addReview("ivl 10 u=0", 10, 0, 0.0f, 11, 22, 29);
    addReview("ivl 10 u=0.5", 10, 0, 0.5f, 13, 25, 33);
    addReview("ivl 10 u=0.99", 10, 0, 0.99f, 14, 28, 36);
    addReview("ivl 100 late 8 u=0", 100, 8, 0.0f, 112, 245, 331);
    addReview("ivl 100 late 8 u=0.5", 100, 8, 0.5f, 120, 260, 351);
    addReview("ivl 100 late 8 u=0.99", 100, 8, 0.99f, 128, 275, 371);

    add("easy graduation u=0", newCard(), {}, 0, Ease::Easy, false, 0.0f, 3);
    add("easy graduation u=0.5", newCard(), {}, 0, Ease::Easy, false, 0.5f, 4);
    add("easy graduation u=0.99", newCard(), {}, 0, Ease::Easy, false, 0.99f, 5);

    const CardState floor = reviewCard(1, 1300, 0, 5, 0);
    add("ivl 1 factor 1300 u=0.99 Hard", floor, {}, 0, Ease::Hard, false, 0.99f, 2);
    add("ivl 1 factor 1300 u=0.99 Good", floor, {}, 0, Ease::Good, false, 0.99f, 4);
    add("ivl 1 factor 1300 u=0.99 Easy", floor, {}, 0, Ease::Easy, false, 0.99f, 6);

    DeckConfig half;
    half.lapseMultiplier = 0.5f;
    const CardState lapsing = reviewCard(100, 2500, 0, 5, 0);
    add("lapse mult 0.5 Off", lapsing, half, 0, Ease::Again, true, 0.0f, 50);
    add("lapse mult 0.5 u=0", lapsing, half, 0, Ease::Again, false, 0.0f, 46);
    add("lapse mult 0.5 u=0.5", lapsing, half, 0, Ease::Again, false, 0.5f, 50);
    add("lapse mult 0.5 u=0.99", lapsing, half, 0, Ease::Again, false, 0.99f, 54);
}

void TestWorkedExamples::fixedFuzz_matchesTableG()
{
    QFETCH(CardState, before);
    QFETCH(DeckConfig, config);
    QFETCH(int, daysLate);
    QFETCH(int, ease);
    QFETCH(bool, fuzzOff);
    QFETCH(float, u);
    QFETCH(int, expectedIvl);

    const int today = 300;
    CardState card = before;
    if (card.type == TypeReview)
        card.due = today - daysLate;
    const FuzzSource fuzz = fuzzOff ? FuzzSource::off() : FuzzSource::fixed(u);
    const auto outcome = answerCard(card, *easeFromInt(ease), config, timingAt(at(today, 10, 0)), fuzz, 0);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome->card.ivl, expectedIvl);
    if (outcome->card.type == TypeReview)
        QCOMPARE(outcome->card.due, qint64(today + expectedIvl));
    else
        QCOMPARE(outcome->card.type, int(TypeRelearning));
}

void TestWorkedExamples::lapse_marksLeechAsTableH_data()
{
    QTest::addColumn<int>("lapsesBefore");
    QTest::addColumn<int>("leechAction");
    QTest::addColumn<bool>("expectedLeech");
    QTest::addColumn<int>("expectedQueue");

    QTest::newRow("7 -> 8 tags, keeps queue 1") << 7 << 1 << true << int(QueueLearning);
    QTest::newRow("7 -> 8 suspends with action 0") << 7 << 0 << true << int(QueueSuspended);
    QTest::newRow("11 -> 12 tags") << 11 << 1 << true << int(QueueLearning);
    QTest::newRow("15 -> 16 tags") << 15 << 1 << true << int(QueueLearning);
    QTest::newRow("15 -> 16 suspends") << 15 << 0 << true << int(QueueSuspended);
    QTest::newRow("6 -> 7 not yet") << 6 << 0 << false << int(QueueLearning);
    QTest::newRow("8 -> 9 not again") << 8 << 0 << false << int(QueueLearning);
    QTest::newRow("9 -> 10") << 9 << 1 << false << int(QueueLearning);
    QTest::newRow("12 -> 13") << 12 << 0 << false << int(QueueLearning);
    QTest::newRow("13 -> 14") << 13 << 0 << false << int(QueueLearning);
}

void TestWorkedExamples::lapse_marksLeechAsTableH()
{
    QFETCH(int, lapsesBefore);
    QFETCH(int, leechAction);
    QFETCH(bool, expectedLeech);
    QFETCH(int, expectedQueue);

    DeckConfig config;
    config.leechAction = leechAction;
    const CardState before = reviewCard(20, 2500, 50, 30, lapsesBefore);
    const auto outcome
        = answerCard(before, Ease::Again, config, timingAt(at(50, 10, 0)), FuzzSource::off(), 0);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome->becameLeech, expectedLeech);
    QCOMPARE(outcome->card.queue, expectedQueue);
    QCOMPARE(outcome->card.type, int(TypeRelearning));
    QCOMPARE(outcome->card.lapses, lapsesBefore + 1);
    QCOMPARE(outcome->card.due, at(50, 10, 0) + 600);
}

QTEST_GUILESS_MAIN(TestWorkedExamples)
#include "tst_workedexamples.moc"
