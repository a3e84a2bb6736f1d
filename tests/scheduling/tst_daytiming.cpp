// Collection days (docs/scheduling.md §3): today, the next day boundary and col.crt,
// across time zones, DST changes and rollover hours. Expected instants are
// written as UTC calendar times, independent of the code under test.

#include "scheduling/daytiming.h"

#include <QDateTime>
#include <QStandardPaths>
#include <QTest>

using namespace javumbo::scheduling;

namespace {

qint64 utc(int year, int month, int day, int hour, int minute, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC).toSecsSinceEpoch();
}

constexpr qint64 s_crt = 1704081600; // 2024-01-01 04:00Z (§8)

} // namespace

class TestDayTiming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void dayTiming_countsLocalRollovers_data();
    void dayTiming_countsLocalRollovers();
    void collectionCreationTime_isLastRolloverAtOrBeforeNow_data();
    void collectionCreationTime_isLastRolloverAtOrBeforeNow();
    void today_advancesExactlyAtNextDayAt();
};

void TestDayTiming::dayTiming_countsLocalRollovers_data()
{
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("crt");
    QTest::addColumn<int>("creationOffset");
    QTest::addColumn<int>("localOffset");
    QTest::addColumn<int>("rollover");
    QTest::addColumn<int>("today");
    QTest::addColumn<qint64>("nextDayAt");

    const qint64 day1 = utc(2024, 1, 2, 4, 0);
    QTest::newRow("§8 d0 10:00") << utc(2024, 1, 1, 10, 0) << s_crt << 0 << 0 << 4 << 0 << day1;
    QTest::newRow("§8 d0 27:55, U=300") << utc(2024, 1, 2, 3, 55) << s_crt << 0 << 0 << 4 << 0 << day1;
    QTest::newRow("one second before rollover") << day1 - 1 << s_crt << 0 << 0 << 4 << 0 << day1;
    QTest::newRow("exactly at rollover is the new day") << day1 << s_crt << 0 << 0 << 4 << 1 << day1 + 86400;
    QTest::newRow("at crt itself") << s_crt << s_crt << 0 << 0 << 4 << 0 << day1;
    QTest::newRow("before crt clamps to day 0") << s_crt - 3600 << s_crt << 0 << 0 << 4 << 0 << s_crt;
    QTest::newRow("§8 d82 10:00") << utc(2024, 3, 23, 10, 0) << s_crt << 0 << 0 << 4 << 82
                                  << utc(2024, 3, 24, 4, 0);

    // UTC+2 (-120): crt is 04:00 local = 02:00Z.
    const qint64 crtPlus2 = utc(2024, 3, 10, 2, 0);
    QTest::newRow("UTC+2 03:59 local")
        << utc(2024, 3, 11, 1, 59) << crtPlus2 << -120 << -120 << 4 << 0 << utc(2024, 3, 11, 2, 0);
    QTest::newRow("UTC+2 04:00 local")
        << utc(2024, 3, 11, 2, 0) << crtPlus2 << -120 << -120 << 4 << 1 << utc(2024, 3, 12, 2, 0);
    QTest::newRow("UTC+2 late evening")
        << utc(2024, 3, 11, 21, 30) << crtPlus2 << -120 << -120 << 4 << 1 << utc(2024, 3, 12, 2, 0);

    // UTC-5 (300): crt is 04:00 local = 09:00Z.
    const qint64 crtMinus5 = utc(2023, 12, 31, 9, 0);
    QTest::newRow("UTC-5 03:59 local")
        << utc(2024, 1, 1, 8, 59) << crtMinus5 << 300 << 300 << 4 << 0 << utc(2024, 1, 1, 9, 0);
    QTest::newRow("UTC-5 04:00 local")
        << utc(2024, 1, 1, 9, 0) << crtMinus5 << 300 << 300 << 4 << 1 << utc(2024, 1, 2, 9, 0);

    // Created in winter (CET, -60), answering in summer (CEST, -120): days follow local time.
    const qint64 crtCet = utc(2024, 1, 1, 3, 0);
    QTest::newRow("DST: 03:59 CEST") << utc(2024, 4, 1, 1, 59) << crtCet << -60 << -120 << 4 << 90
                                     << utc(2024, 4, 1, 2, 0);
    QTest::newRow("DST: 04:00 CEST") << utc(2024, 4, 1, 2, 0) << crtCet << -60 << -120 << 4 << 91
                                     << utc(2024, 4, 2, 2, 0);

    // India, UTC+5:30 (-330).
    const qint64 crtIndia = utc(2024, 1, 1, 22, 30); // 2024-01-02 04:00 local
    QTest::newRow("UTC+5:30 next morning")
        << utc(2024, 1, 2, 22, 30) << crtIndia << -330 << -330 << 4 << 1 << utc(2024, 1, 3, 22, 30);

    // Rollover at midnight and at 23:00.
    const qint64 midnight = utc(2024, 1, 1, 0, 0);
    QTest::newRow("rollover 0, 23:59:59")
        << utc(2024, 1, 1, 23, 59, 59) << midnight << 0 << 0 << 0 << 0 << utc(2024, 1, 2, 0, 0);
    QTest::newRow("rollover 0, midnight")
        << utc(2024, 1, 2, 0, 0) << midnight << 0 << 0 << 0 << 1 << utc(2024, 1, 3, 0, 0);
    QTest::newRow("rollover 23") << utc(2024, 1, 2, 23, 0) << utc(2024, 1, 1, 23, 0) << 0 << 0 << 23 << 1
                                 << utc(2024, 1, 3, 23, 0);
}

void TestDayTiming::dayTiming_countsLocalRollovers()
{
    QFETCH(qint64, now);
    QFETCH(qint64, crt);
    QFETCH(int, creationOffset);
    QFETCH(int, localOffset);
    QFETCH(int, rollover);
    QFETCH(int, today);
    QFETCH(qint64, nextDayAt);

    const DayTiming timing = dayTiming(now, crt, creationOffset, localOffset, rollover);
    QCOMPARE(timing.now, now);
    QCOMPARE(timing.today, today);
    QCOMPARE(timing.nextDayAt, nextDayAt);
    QCOMPARE(timing.secondsUntilNextDay(), nextDayAt - now);
}

void TestDayTiming::collectionCreationTime_isLastRolloverAtOrBeforeNow_data()
{
    QTest::addColumn<qint64>("now");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("rollover");
    QTest::addColumn<qint64>("crt");

    QTest::newRow("§8: 10:00Z") << utc(2024, 1, 1, 10, 0) << 0 << 4 << s_crt;
    QTest::newRow("exactly 04:00Z") << s_crt << 0 << 4 << s_crt;
    QTest::newRow("03:59:59Z is the previous day") << s_crt - 1 << 0 << 4 << utc(2023, 12, 31, 4, 0);
    QTest::newRow("UTC+2") << utc(2024, 3, 10, 13, 0) << -120 << 4 << utc(2024, 3, 10, 2, 0);
    QTest::newRow("UTC+2 after local midnight")
        << utc(2024, 3, 10, 23, 0) << -120 << 4 << utc(2024, 3, 10, 2, 0);
    QTest::newRow("UTC-5 at 03:00 local") << utc(2024, 1, 1, 8, 0) << 300 << 4 << utc(2023, 12, 31, 9, 0);
    QTest::newRow("rollover 0") << utc(2024, 1, 1, 10, 0) << 0 << 0 << utc(2024, 1, 1, 0, 0);
    QTest::newRow("UTC+5:30") << utc(2024, 1, 2, 5, 0) << -330 << 4 << utc(2024, 1, 1, 22, 30);
}

void TestDayTiming::collectionCreationTime_isLastRolloverAtOrBeforeNow()
{
    QFETCH(qint64, now);
    QFETCH(int, offset);
    QFETCH(int, rollover);
    QFETCH(qint64, crt);

    QCOMPARE(collectionCreationTime(now, offset, rollover), crt);
    // A collection is on day 0 when it is created.
    QCOMPARE(dayTiming(now, crt, offset, offset, rollover).today, 0);
}

void TestDayTiming::today_advancesExactlyAtNextDayAt()
{
    for (int offset : {0, -120, 300, -330, 720, -840}) {
        for (int rollover : {0, 4, 23}) {
            const qint64 crt = collectionCreationTime(s_crt, offset, rollover);
            // Step through ten days in uneven strides.
            for (qint64 now = crt; now < crt + 10 * 86400; now += 3607) {
                const DayTiming timing = dayTiming(now, crt, offset, offset, rollover);
                const qint64 u = timing.secondsUntilNextDay();
                QVERIFY(u > 0 && u <= 86400);
                QCOMPARE(dayTiming(timing.nextDayAt - 1, crt, offset, offset, rollover).today, timing.today);
                QCOMPARE(dayTiming(timing.nextDayAt, crt, offset, offset, rollover).today, timing.today + 1);
                QCOMPARE(int((now - crt) / 86400), timing.today);
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestDayTiming)
#include "tst_daytiming.moc"
