// Review and learning fuzz (docs/scheduling.md §5) and the three fuzz sources.

#include "scheduling/fuzz.h"

#include <QSet>
#include <QStandardPaths>
#include <QTest>

#include <array>

#include <cmath>
#include <limits>

using namespace javumbo::scheduling;

namespace {
// The largest u a source can yield.
constexpr float s_maxU = 0x1.fffffep-1f;
constexpr int s_maxIvl = 36500;
} // namespace

class TestFuzz : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void reviewFuzz_coversSpecRange_data();
    void reviewFuzz_coversSpecRange();
    void reviewFuzz_respectsBounds_data();
    void reviewFuzz_respectsBounds();
    void reviewFuzz_uNearOneStaysAtUpperBound();
    void learningFuzz_addsAtMostAQuarterUpToFiveMinutes_data();
    void learningFuzz_addsAtMostAQuarterUpToFiveMinutes();
    void off_isOffAndYieldsZero();
    void fixed_pinsUInsideUnitInterval();
    void seeded_isDeterministicPerCardAndReps();
    void seeded_usesSplitMix64OfIdPlusReps();
    void seeded_isSpreadOverUnitInterval();
};

void TestFuzz::reviewFuzz_coversSpecRange_data()
{
    QTest::addColumn<float>("x");
    QTest::addColumn<int>("low");
    QTest::addColumn<int>("high");

    QTest::newRow("1 (no fuzz)") << 1.0f << 1 << 1;
    QTest::newRow("2.4 (no fuzz)") << 2.4f << 2 << 2;
    QTest::newRow("2.5") << 2.5f << 2 << 4;
    QTest::newRow("4") << 4.0f << 3 << 5;
    QTest::newRow("7") << 7.0f << 5 << 9;
    QTest::newRow("10") << 10.0f << 8 << 12;
    QTest::newRow("17") << 17.0f << 14 << 20;
    QTest::newRow("37") << 37.0f << 33 << 41;
    QTest::newRow("100") << 100.0f << 93 << 107;
    QTest::newRow("365") << 365.0f << 345 << 385;
}

void TestFuzz::reviewFuzz_coversSpecRange()
{
    QFETCH(float, x);
    QFETCH(int, low);
    QFETCH(int, high);

    QCOMPARE(fuzzedInterval(x, 1, s_maxIvl, 0.0f), low);
    QCOMPARE(fuzzedInterval(x, 1, s_maxIvl, s_maxU), high);
    // Every day of the range is reachable, and nothing outside it.
    QSet<int> seen;
    for (int i = 0; i < 1000; ++i) {
        const int days = fuzzedInterval(x, 1, s_maxIvl, float(i) / 1000.0f);
        QVERIFY2(days >= low && days <= high, qPrintable(QString::number(days)));
        seen.insert(days);
    }
    QCOMPARE(seen.size(), high - low + 1);
}

void TestFuzz::reviewFuzz_respectsBounds_data()
{
    QTest::addColumn<float>("x");
    QTest::addColumn<int>("lo");
    QTest::addColumn<int>("hi");
    QTest::addColumn<int>("low");
    QTest::addColumn<int>("high");

    QTest::newRow("lo raises the bottom") << 12.0f << 11 << s_maxIvl << 11 << 14;
    QTest::newRow("x below lo is raised to lo") << 3.0f << 6 << s_maxIvl << 6 << 8;
    QTest::newRow("hi caps the top") << 100.0f << 1 << 100 << 93 << 100;
    QTest::newRow("x above hi is lowered to hi") << 200.0f << 1 << 30 << 27 << 30;
    QTest::newRow("lo above hi collapses to hi") << 50.0f << 60 << 40 << 40 << 40;
    QTest::newRow("lo = hi") << 20.0f << 30 << 30 << 30 << 30;
    QTest::newRow("maxIvl 1") << 5.0f << 1 << 1 << 1 << 1;
}

void TestFuzz::reviewFuzz_respectsBounds()
{
    QFETCH(float, x);
    QFETCH(int, lo);
    QFETCH(int, hi);
    QFETCH(int, low);
    QFETCH(int, high);

    QCOMPARE(fuzzedInterval(x, lo, hi, 0.0f), low);
    QCOMPARE(fuzzedInterval(x, lo, hi, s_maxU), high);
}

void TestFuzz::reviewFuzz_uNearOneStaysAtUpperBound()
{
    // 345 + 0.99999994 × 41 rounds to exactly 386.0f in float: only the final
    // min() keeps the result at 385.
    QCOMPARE(std::floor(345.0f + s_maxU * 41.0f), 386.0f);
    QCOMPARE(fuzzedInterval(365.0f, 1, s_maxIvl, s_maxU), 385);
}

void TestFuzz::learningFuzz_addsAtMostAQuarterUpToFiveMinutes_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<float>("u");
    QTest::addColumn<qint64>("extra");

    QTest::newRow("60 s, u=0") << qint64(60) << 0.0f << qint64(0);
    QTest::newRow("60 s, max u") << qint64(60) << s_maxU << qint64(14);
    QTest::newRow("600 s, u=0.5") << qint64(600) << 0.5f << qint64(75);
    QTest::newRow("600 s, max u") << qint64(600) << s_maxU << qint64(149);
    QTest::newRow("1200 s, max u") << qint64(1200) << s_maxU << qint64(299);
    QTest::newRow("1 h, max u capped at 5 min") << qint64(3600) << s_maxU << qint64(299);
    QTest::newRow("3 s has no room") << qint64(3) << s_maxU << qint64(0);
    QTest::newRow("0 s") << qint64(0) << s_maxU << qint64(0);
}

void TestFuzz::learningFuzz_addsAtMostAQuarterUpToFiveMinutes()
{
    QFETCH(qint64, seconds);
    QFETCH(float, u);
    QFETCH(qint64, extra);
    QCOMPARE(learningFuzz(seconds, u), extra);
}

void TestFuzz::off_isOffAndYieldsZero()
{
    const FuzzSource off = FuzzSource::off();
    QVERIFY(off.isOff());
    QCOMPARE(off.unit(123, 4), 0.0f);
    QVERIFY(!FuzzSource::fixed(0.5f).isOff());
    QVERIFY(!FuzzSource::seeded().isOff());
}

void TestFuzz::fixed_pinsUInsideUnitInterval()
{
    QCOMPARE(FuzzSource::fixed(0.25f).unit(1, 0), 0.25f);
    QCOMPARE(FuzzSource::fixed(0.25f).unit(999, 77), 0.25f);
    QCOMPARE(FuzzSource::fixed(1.0f).unit(1, 0), s_maxU);
    QCOMPARE(FuzzSource::fixed(7.0f).unit(1, 0), s_maxU);
    QCOMPARE(FuzzSource::fixed(-0.5f).unit(1, 0), 0.0f);
    QCOMPARE(FuzzSource::fixed(std::numeric_limits<float>::quiet_NaN()).unit(1, 0), 0.0f);
}

void TestFuzz::seeded_isDeterministicPerCardAndReps()
{
    const FuzzSource first = FuzzSource::seeded();
    const FuzzSource second = FuzzSource::seeded();
    QCOMPARE(first.unit(1704081600123, 5), second.unit(1704081600123, 5));
    // The seed is id + reps, so the next answer of the same card differs.
    int differing = 0;
    for (int reps = 0; reps < 100; ++reps)
        differing += first.unit(1704081600123, reps) != first.unit(1704081600123, reps + 1) ? 1 : 0;
    QVERIFY(differing >= 99);
    QCOMPARE(first.unit(1000, 7), first.unit(1007, 0));
}

void TestFuzz::seeded_usesSplitMix64OfIdPlusReps()
{
    // Reference value of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
    QCOMPARE(splitMix64(0), Q_UINT64_C(0xe220a8397b1dcdaf));
    QCOMPARE(FuzzSource::seeded().unit(0, 0), float(0xe220a8) / 16777216.0f);
    QCOMPARE(FuzzSource::seeded().unit(-5, 5), float(0xe220a8) / 16777216.0f);
}

void TestFuzz::seeded_isSpreadOverUnitInterval()
{
    const FuzzSource seeded = FuzzSource::seeded();
    std::array<int, 10> deciles {};
    const int samples = 100000;
    for (int i = 0; i < samples; ++i) {
        const float u = seeded.unit(1704081600000 + qint64(i) * 1000, i % 50);
        QVERIFY(u >= 0.0f && u < 1.0f);
        ++deciles[size_t(u * 10.0f)];
    }
    for (int count : deciles)
        QVERIFY2(std::abs(count - samples / 10) < samples / 100, qPrintable(QString::number(count)));
}

QTEST_GUILESS_MAIN(TestFuzz)
#include "tst_fuzz.moc"
