#include "common/clock.h"
#include "sessions/loginthrottle.h"
#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;

namespace {

const QString kAddress = u"192.0.2.1"_s;
const QString kOtherAddress = u"198.51.100.7"_s;

void fail(LoginThrottle &throttle, const QString &username, const QString &address, int times)
{
    for (int i = 0; i < times; ++i)
        throttle.recordFailure(username, address);
}

} // namespace

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testsupport::enterTestMode(); }

    void fiveFailures_blockUsernameInAnyCase();
    void fiveFailures_retryAfterIsWithinWindow_data();
    void fiveFailures_retryAfterIsWithinWindow();
    void failuresFromOneAddress_blockEveryUsername();
    void window_slides();
    void success_clearsUsernameButNotAddress();
    void memory_isBounded();
};

void TestLoginThrottle::fiveFailures_blockUsernameInAnyCase()
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    fail(throttle, u"Alice"_s, QString(), 4);
    QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, kAddress), std::nullopt);
    throttle.recordFailure(u"ALICE"_s, QString());
    QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, kAddress), std::optional(60));
    QCOMPARE(throttle.retryAfterSeconds(u"aLiCe"_s, kOtherAddress), std::optional(60));
    QCOMPARE(throttle.retryAfterSeconds(u"bob"_s, kAddress), std::nullopt);
}

void TestLoginThrottle::fiveFailures_retryAfterIsWithinWindow_data()
{
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<std::optional<int>>("expected");
    QTest::newRow("at once") << qint64(0) << std::optional(60);
    QTest::newRow("1 ms later") << qint64(1) << std::optional(60);
    QTest::newRow("30 s later") << qint64(30000) << std::optional(30);
    QTest::newRow("59.5 s later") << qint64(59500) << std::optional(1);
    QTest::newRow("59.999 s later") << qint64(59999) << std::optional(1);
    QTest::newRow("60 s later") << qint64(60000) << std::optional<int>();
    QTest::newRow("an hour later") << qint64(3600000) << std::optional<int>();
}

void TestLoginThrottle::fiveFailures_retryAfterIsWithinWindow()
{
    QFETCH(qint64, elapsedMs);
    QFETCH(std::optional<int>, expected);
    ManualClock clock;
    LoginThrottle throttle(clock);
    fail(throttle, u"alice"_s, kAddress, 5);
    clock.advanceMs(elapsedMs);
    const std::optional<int> retryAfter = throttle.retryAfterSeconds(u"alice"_s, QString());
    QCOMPARE(retryAfter, expected);
    if (retryAfter)
        QVERIFY(*retryAfter > 0 && *retryAfter <= 60);
}

void TestLoginThrottle::failuresFromOneAddress_blockEveryUsername()
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    for (int i = 0; i < 5; ++i)
        throttle.recordFailure(u"guess%1"_s.arg(i), kAddress);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(throttle.retryAfterSeconds(u"guess%1"_s.arg(i), kOtherAddress), std::nullopt);
    QCOMPARE(throttle.retryAfterSeconds(u"victim"_s, kAddress), std::optional(60));
    QCOMPARE(throttle.retryAfterSeconds(u"victim"_s, kOtherAddress), std::nullopt);
    QCOMPARE(throttle.retryAfterSeconds(u"victim"_s, QString()), std::nullopt);
    clock.advanceMs(60000);
    QCOMPARE(throttle.retryAfterSeconds(u"victim"_s, kAddress), std::nullopt);
}

void TestLoginThrottle::window_slides()
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    for (int i = 0; i < 5; ++i) { // at 0, 10, 20, 30, 40 s
        throttle.recordFailure(u"alice"_s, QString());
        clock.advanceMs(10000);
    }
    clock.advanceMs(-5000); // 45 s
    QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, QString()), std::optional(15));
    clock.advanceMs(15000); // 60 s: the first failure has left the window
    QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, QString()), std::nullopt);
    throttle.recordFailure(u"alice"_s, QString()); // 10..60 s: five again
    QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, QString()), std::optional(10));
}

void TestLoginThrottle::success_clearsUsernameButNotAddress()
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    fail(throttle, u"alice"_s, kAddress, 5);
    QVERIFY(throttle.retryAfterSeconds(u"alice"_s, kOtherAddress).has_value());
    throttle.recordSuccess(u"ALICE"_s, kAddress);
    QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, kOtherAddress), std::nullopt);
    QCOMPARE(throttle.retryAfterSeconds(u"bob"_s, kAddress), std::optional(60));

    fail(throttle, u"alice"_s, kOtherAddress, 4);
    QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, QString()), std::nullopt);
    throttle.recordFailure(u"alice"_s, kOtherAddress);
    QVERIFY(throttle.retryAfterSeconds(u"alice"_s, QString()).has_value());
}

void TestLoginThrottle::memory_isBounded()
{
    ManualClock clock;
    LoginThrottle throttle(clock,
        LoginThrottle::Policy {.maxFailures = 5, .window = std::chrono::seconds {60}, .maxTrackedKeys = 100});
    for (int i = 0; i < 1000; ++i)
        throttle.recordFailure(u"made-up-%1"_s.arg(i), QString());
    QVERIFY2(throttle.trackedKeys() <= 100, qPrintable(QString::number(throttle.trackedKeys())));

    // The freshest entries survive a flood: an attacker cannot flush a
    // blocked name by inventing others.
    clock.advanceMs(1);
    fail(throttle, u"alice"_s, kAddress, 5);
    clock.advanceMs(1);
    for (int i = 0; i < 60; ++i)
        throttle.recordFailure(u"flood-%1"_s.arg(i), QString());
    QVERIFY(throttle.trackedKeys() <= 100);
    QVERIFY(throttle.retryAfterSeconds(u"alice"_s, QString()).has_value());

    clock.advanceMs(60000);
    throttle.recordFailure(u"late"_s, QString());
    for (int i = 0; i < 100; ++i)
        throttle.recordFailure(u"later-%1"_s.arg(i), QString());
    QVERIFY(throttle.trackedKeys() <= 100);
}

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
