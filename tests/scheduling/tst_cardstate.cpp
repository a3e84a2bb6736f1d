// Buttons, queues from types (§1) and the daily limits (§7).

#include "scheduling/cardstate.h"
#include "scheduling/deckconfig.h"
#include "scheduling/ease.h"
#include "scheduling/limits.h"

#include <QStandardPaths>
#include <QTest>

using namespace javumbo::scheduling;

class TestCardState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void easeFromInt_acceptsOnlyOneToFour_data();
    void easeFromInt_acceptsOnlyOneToFour();
    void queueForType_restoresQueueAfterUnsuspend_data();
    void queueForType_restoresQueueAfterUnsuspend();
    void dailyLimits_newCardsUseUpReviewLimit_data();
    void dailyLimits_newCardsUseUpReviewLimit();
};

void TestCardState::easeFromInt_acceptsOnlyOneToFour_data()
{
    QTest::addColumn<int>("value");
    QTest::addColumn<bool>("valid");

    for (int value : {-1, 0, 1, 2, 3, 4, 5, 100})
        QTest::addRow("%d", value) << value << (value >= 1 && value <= 4);
}

void TestCardState::easeFromInt_acceptsOnlyOneToFour()
{
    QFETCH(int, value);
    QFETCH(bool, valid);

    const std::optional<Ease> ease = easeFromInt(value);
    QCOMPARE(ease.has_value(), valid);
    if (valid)
        QCOMPARE(int(*ease), value);
}

void TestCardState::queueForType_restoresQueueAfterUnsuspend_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<qint64>("due");
    QTest::addColumn<int>("queue");

    QTest::newRow("new") << int(TypeNew) << qint64(12) << int(QueueNew);
    QTest::newRow("review") << int(TypeReview) << qint64(300) << int(QueueReview);
    QTest::newRow("learning, timestamp due") << int(TypeLearning) << qint64(1704103800) << int(QueueLearning);
    QTest::newRow("learning, day due") << int(TypeLearning) << qint64(12) << int(QueueDayLearning);
    QTest::newRow("relearning, timestamp due")
        << int(TypeRelearning) << qint64(1704103800) << int(QueueLearning);
    QTest::newRow("relearning, day due") << int(TypeRelearning) << qint64(12) << int(QueueDayLearning);
    QTest::newRow("due exactly 1000000000 is a day")
        << int(TypeLearning) << qint64(1000000000) << int(QueueDayLearning);
    QTest::newRow("due 1000000001 is a timestamp")
        << int(TypeLearning) << qint64(1000000001) << int(QueueLearning);
    QTest::newRow("corrupt type stays hidden") << 9 << qint64(0) << int(QueueSuspended);
}

void TestCardState::queueForType_restoresQueueAfterUnsuspend()
{
    QFETCH(int, type);
    QFETCH(qint64, due);
    QFETCH(int, queue);
    QCOMPARE(queueForType(type, due), queue);
}

void TestCardState::dailyLimits_newCardsUseUpReviewLimit_data()
{
    QTest::addColumn<int>("newPerDay");
    QTest::addColumn<int>("reviewsPerDay");
    QTest::addColumn<int>("newToday");
    QTest::addColumn<int>("reviewsToday");
    QTest::addColumn<int>("reviewsLeft");
    QTest::addColumn<int>("newLeft");

    QTest::newRow("fresh day") << 20 << 200 << 0 << 0 << 200 << 20;
    QTest::newRow("some of each") << 20 << 200 << 5 << 50 << 145 << 15;
    QTest::newRow("new limit reached") << 20 << 200 << 20 << 10 << 170 << 0;
    QTest::newRow("reviews squeeze new") << 20 << 200 << 2 << 190 << 8 << 8;
    QTest::newRow("review limit reached") << 20 << 200 << 10 << 190 << 0 << 0;
    QTest::newRow("over the limits") << 20 << 200 << 25 << 300 << 0 << 0;
    QTest::newRow("limits lowered mid-day") << 5 << 200 << 10 << 0 << 190 << 0;
    QTest::newRow("zero limits") << 0 << 0 << 0 << 0 << 0 << 0;
}

void TestCardState::dailyLimits_newCardsUseUpReviewLimit()
{
    QFETCH(int, newPerDay);
    QFETCH(int, reviewsPerDay);
    QFETCH(int, newToday);
    QFETCH(int, reviewsToday);
    QFETCH(int, reviewsLeft);
    QFETCH(int, newLeft);

    DeckConfig config;
    config.newPerDay = newPerDay;
    config.reviewsPerDay = reviewsPerDay;
    const DailyLimits limits = dailyLimits(config, newToday, reviewsToday);
    QCOMPARE(limits.reviewsLeft, reviewsLeft);
    QCOMPARE(limits.newLeft, newLeft);
}

QTEST_GUILESS_MAIN(TestCardState)
#include "tst_cardstate.moc"
