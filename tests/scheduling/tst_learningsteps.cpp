// The step helpers of docs/scheduling.md §4.2.

#include "scheduling/learningsteps.h"

#include <QStandardPaths>
#include <QTest>

using namespace javumbo::scheduling;

using Steps = QList<float>;

class TestLearningSteps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void stepSeconds_truncatesFloatMinutes_data();
    void stepSeconds_truncatesFloatMinutes();
    void delays_followSpec_data();
    void delays_followSpec();
};

void TestLearningSteps::stepSeconds_truncatesFloatMinutes_data()
{
    QTest::addColumn<float>("minutes");
    QTest::addColumn<qint64>("seconds");

    QTest::newRow("1 m") << 1.0f << qint64(60);
    QTest::newRow("0.5 m") << 0.5f << qint64(30);
    QTest::newRow("1.01 m truncates") << 1.01f << qint64(60);
    QTest::newRow("0.1 m: 6.0000002 s") << 0.1f << qint64(6);
    QTest::newRow("1 d") << 1440.0f << qint64(86400);
    QTest::newRow("negative is 0") << -3.0f << qint64(0);
    QTest::newRow("huge saturates to u32") << 1e12f << qint64(4294967295);
}

void TestLearningSteps::stepSeconds_truncatesFloatMinutes()
{
    QFETCH(float, minutes);
    QFETCH(qint64, seconds);
    QCOMPARE(LearningSteps::stepSeconds(minutes), seconds);
}

void TestLearningSteps::delays_followSpec_data()
{
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<int>("left");
    QTest::addColumn<int>("index");
    QTest::addColumn<qint64>("current");
    QTest::addColumn<qint64>("hard");
    QTest::addColumn<qint64>("good"); // -1: graduates
    QTest::addColumn<int>("leftAfterGood");

    const Steps defaults {1.0f, 10.0f};
    QTest::newRow("1m 10m, left 2") << defaults << 2 << 0 << qint64(60) << qint64(330) << qint64(600) << 1;
    QTest::newRow("1m 10m, left 1") << defaults << 1 << 1 << qint64(600) << qint64(600) << qint64(-1) << 0;
    QTest::newRow("1m 10m, left 1002 (v2)")
        << defaults << 1002 << 0 << qint64(60) << qint64(330) << qint64(600) << 1;
    QTest::newRow("1m 10m, left 3 pulled in")
        << defaults << 3 << 0 << qint64(60) << qint64(330) << qint64(600) << 1;
    QTest::newRow("1m 10m, left 0 pulled in")
        << defaults << 0 << 1 << qint64(600) << qint64(600) << qint64(-1) << 0;
    QTest::newRow("10m alone: 1.5 x")
        << Steps {10.0f} << 1 << 0 << qint64(600) << qint64(900) << qint64(-1) << 0;
    QTest::newRow("1d alone: 1.5 d rounds to 2 d")
        << Steps {1440.0f} << 1 << 0 << qint64(86400) << qint64(172800) << qint64(-1) << 0;
    QTest::newRow("3d alone: capped at step + 1 d")
        << Steps {4320.0f} << 1 << 0 << qint64(259200) << qint64(345600) << qint64(-1) << 0;
    QTest::newRow("1m 50h: mean rounds to 1 d")
        << Steps {1.0f, 3000.0f} << 2 << 0 << qint64(60) << qint64(86400) << qint64(180000) << 1;
    QTest::newRow("1m 1d: mean stays in seconds")
        << Steps {1.0f, 1440.0f} << 2 << 0 << qint64(60) << qint64(43230) << qint64(86400) << 1;
    QTest::newRow("three steps, middle")
        << Steps {1.0f, 10.0f, 60.0f} << 2 << 1 << qint64(600) << qint64(600) << qint64(3600) << 1;
    QTest::newRow("no steps") << Steps {} << 0 << 0 << qint64(0) << qint64(0) << qint64(-1) << 0;
}

void TestLearningSteps::delays_followSpec()
{
    QFETCH(Steps, steps);
    QFETCH(int, left);
    QFETCH(int, index);
    QFETCH(qint64, current);
    QFETCH(qint64, hard);
    QFETCH(qint64, good);
    QFETCH(int, leftAfterGood);

    const LearningSteps helper(steps);
    QCOMPARE(helper.indexFor(left), index);
    QCOMPARE(helper.currentDelay(left), current);
    QCOMPARE(helper.hardDelay(left), hard);
    QCOMPARE(helper.goodDelay(left).value_or(-1), good);
    QCOMPARE(helper.leftAfterGood(left), leftAfterGood);
    QCOMPARE(helper.againDelay(), steps.isEmpty() ? 0 : LearningSteps::stepSeconds(steps.first()));
}

QTEST_GUILESS_MAIN(TestLearningSteps)
#include "tst_learningsteps.moc"
