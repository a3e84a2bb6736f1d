#include "metrics/histogram.h"

#include <cmath>
#include <limits>

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using javumbo::metrics::Histogram;
using javumbo::metrics::HistogramSnapshot;

class TestHistogram : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void construction_sortsAndDeduplicatesBounds();
    void observe_valueOnABoundCountsInThatBucket();
    void observe_ignoresNanAndClampsNegativeToZero();
    void quantile_interpolatesWithinBuckets_data();
    void quantile_interpolatesWithinBuckets();
};

void TestHistogram::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestHistogram::construction_sortsAndDeduplicatesBounds()
{
    const Histogram histogram({1, 0.1, std::numeric_limits<double>::infinity(), 1, std::nan("")});
    QCOMPARE(histogram.upperBounds(), QList<double>({0.1, 1}));
    QCOMPARE(histogram.snapshot().cumulativeCounts, QList<quint64>({0, 0, 0}));
    QCOMPARE(Histogram().upperBounds().size(), 14);
}

void TestHistogram::observe_valueOnABoundCountsInThatBucket()
{
    Histogram histogram({0.1, 1});
    histogram.observe(0.1); // "le": less than or equal
    histogram.observe(0.1000001);
    histogram.observe(1);
    histogram.observe(1.5);
    const HistogramSnapshot snapshot = histogram.snapshot();
    QCOMPARE(snapshot.upperBounds, QList<double>({0.1, 1}));
    QCOMPARE(snapshot.cumulativeCounts, QList<quint64>({1, 3, 4}));
    QCOMPARE(snapshot.count, quint64(4));
    QCOMPARE(snapshot.sum, 2.7000001);
}

void TestHistogram::observe_ignoresNanAndClampsNegativeToZero()
{
    Histogram histogram({0.1});
    histogram.observe(std::numeric_limits<double>::quiet_NaN());
    histogram.observe(-5);
    const HistogramSnapshot snapshot = histogram.snapshot();
    QCOMPARE(snapshot.cumulativeCounts, QList<quint64>({1, 1}));
    QCOMPARE(snapshot.sum, 0.0);
}

void TestHistogram::quantile_interpolatesWithinBuckets_data()
{
    QTest::addColumn<QList<double>>("observations");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");

    // Default bounds; 0.003 lies in (0.0025, 0.005], 0.0002 in (0, 0.0005], 0.002 in (0.001, 0.0025].
    const QList<double> uniform(100, 0.003);
    QTest::newRow("one bucket, p50") << uniform << 0.50 << 0.0025 + 0.0025 * 0.50;
    QTest::newRow("one bucket, p95") << uniform << 0.95 << 0.0025 + 0.0025 * 0.95;
    QTest::newRow("one bucket, p99") << uniform << 0.99 << 0.0025 + 0.0025 * 0.99;
    QTest::newRow("one bucket, p0 is its lower edge") << uniform << 0.0 << 0.0025;
    QTest::newRow("one bucket, p100 is its upper edge") << uniform << 1.0 << 0.005;

    const QList<double> split = QList<double>(50, 0.0002) + QList<double>(50, 0.002);
    QTest::newRow("split, p25 inside the first bucket") << split << 0.25 << 0.00025;
    QTest::newRow("split, p50 at the first bucket's top") << split << 0.50 << 0.0005;
    QTest::newRow("split, p75 skips the empty bucket") << split << 0.75 << 0.001 + 0.0015 * 0.5;

    // 10 + 30 + 60: rank 90 falls 50 of 60 into (0.005, 0.01].
    const QList<double> three
        = QList<double>(10, 0.0001) + QList<double>(30, 0.002) + QList<double>(60, 0.007);
    QTest::newRow("three buckets, p90") << three << 0.90 << 0.005 + 0.005 * 50.0 / 60.0;
    QTest::newRow("three buckets, p10") << three << 0.10 << 0.0005;

    QTest::newRow("beyond the last bound: highest finite bound") << QList<double>(10, 20.0) << 0.99 << 10.0;
    QTest::newRow("empty") << QList<double>() << 0.5 << 0.0;
}

void TestHistogram::quantile_interpolatesWithinBuckets()
{
    QFETCH(QList<double>, observations);
    QFETCH(double, q);
    QFETCH(double, expected);
    Histogram histogram;
    for (const double seconds : std::as_const(observations))
        histogram.observe(seconds);
    const double estimate = histogram.quantile(q);
    QVERIFY2(std::abs(estimate - expected) < 1e-12,
        qPrintable(u"estimated %1, expected %2"_s.arg(estimate, 0, 'g', 17).arg(expected, 0, 'g', 17)));
}

QTEST_GUILESS_MAIN(TestHistogram)
#include "tst_histogram.moc"
