// The login throttle keys on accounts, never on a shared address alone: a
// class behind one NAT signs in while one student keeps mistyping.
//
// One source, two backends: registered as tst_loginthrottle (in memory) and
// tst_loginthrottle_pg (JAVUMBO_TEST_BACKEND=postgres: PgLoginThrottle on a
// throw-away PostgreSQL), so both implementations keep one behaviour. What only
// PostgreSQL does (instances counting together) is tst_pgloginthrottle.
#include "common/clock.h"
#include "pgcluster.h"
#include "postgres/pgschema.h"
#include "sessions/memoryloginthrottle.h"
#include "sessions/pgloginthrottle.h"
#include "testpostgres.h"
#include "testsupport.h"

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace javumbo;

namespace {

const QString kSchool = u"192.0.2.1"_s;
const QString kHome = u"198.51.100.7"_s;

// A throttle whose every call must succeed: the rules are under test here,
// failures of the database in tst_loginthrottle_pg's own cases.
class CheckedThrottle
{
public:
    explicit CheckedThrottle(std::unique_ptr<LoginThrottle> throttle) : m_throttle(std::move(throttle)) { }
    std::optional<int> retryAfterSeconds(const QString &username, const QString &address) const
    {
        auto retryAfter = m_throttle->retryAfterSeconds(username, address);
        if (!retryAfter)
            qFatal("retryAfterSeconds: %s", qPrintable(retryAfter.error().message));
        return retryAfter.value();
    }
    void recordFailure(const QString &username, const QString &address)
    {
        if (auto done = m_throttle->recordFailure(username, address); !done)
            qFatal("recordFailure: %s", qPrintable(done.error().message));
    }
    void recordSuccess(const QString &username, const QString &address)
    {
        if (auto done = m_throttle->recordSuccess(username, address); !done)
            qFatal("recordSuccess: %s", qPrintable(done.error().message));
    }

private:
    std::unique_ptr<LoginThrottle> m_throttle;
};

void fail(CheckedThrottle &throttle, const QString &username, const QString &address, int times)
{
    for (int i = 0; i < times; ++i)
        throttle.recordFailure(username, address);
}

} // namespace

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private:
    // PostgreSQL runs only: one server and database for the whole run.
    std::unique_ptr<testsupport::PgCluster> m_cluster;
    std::unique_ptr<postgres::PgDatabase> m_database;

    std::unique_ptr<postgres::PgDatabase> connect()
    {
        auto target = postgres::PgConnectionString::parse(m_cluster->connectionString());
        if (!target)
            qFatal("%s", qPrintable(target.error().message));
        return std::make_unique<postgres::PgDatabase>(target.value());
    }
    // A fresh throttle of the backend under test, with no failures recorded.
    CheckedThrottle makeThrottle(const Clock &clock, LoginThrottle::Policy policy = {})
    {
        if (!testsupport::usePostgres())
            return CheckedThrottle(std::make_unique<MemoryLoginThrottle>(clock, policy));
        if (m_cluster->psql(u"TRUNCATE login_failures"_s).isNull())
            qFatal("%s", qPrintable(m_cluster->error()));
        return CheckedThrottle(std::make_unique<PgLoginThrottle>(*m_database, clock, policy));
    }

private Q_SLOTS:
    void initTestCase()
    {
        testsupport::enterTestMode();
        if (!testsupport::usePostgres())
            return;
        m_cluster = std::make_unique<testsupport::PgCluster>();
        QVERIFY2(m_cluster->start(), qPrintable(m_cluster->error()));
        m_database = connect();
        auto prepared = postgres::preparePgSchema(*m_database);
        QVERIFY2(prepared.ok(), qPrintable(prepared.ok() ? QString() : prepared.error().message));
    }

    void fiveFailuresFromOneAddress_blockThatAccountThere()
    {
        ManualClock clock;
        CheckedThrottle throttle = makeThrottle(clock);
        fail(throttle, u"Alice"_s, kSchool, 4);
        QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, kSchool), std::nullopt);
        throttle.recordFailure(u"ALICE"_s, kSchool);
        QCOMPARE(throttle.retryAfterSeconds(u"aLiCe"_s, kSchool), std::optional(60));
        // The same account elsewhere, and everyone else at the school, are not refused.
        QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, kHome), std::nullopt);
        QCOMPARE(throttle.retryAfterSeconds(u"bob"_s, kSchool), std::nullopt);
    }

    void retryAfter_countsDownWithTheWindow_data()
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
    void retryAfter_countsDownWithTheWindow()
    {
        QFETCH(qint64, elapsedMs);
        QFETCH(std::optional<int>, expected);
        ManualClock clock;
        CheckedThrottle throttle = makeThrottle(clock);
        fail(throttle, u"alice"_s, kSchool, 5);
        clock.advanceMs(elapsedMs);
        const std::optional<int> retryAfter = throttle.retryAfterSeconds(u"alice"_s, kSchool);
        QCOMPARE(retryAfter, expected);
        if (retryAfter)
            QVERIFY(*retryAfter > 0 && *retryAfter <= 60);
    }

    void otherAccountsFailures_neverBlockAnAccount_data()
    {
        QTest::addColumn<int>("accounts");
        QTest::addColumn<int>("failuresEach");
        QTest::newRow("one student mistyping 50 times") << 1 << 50;
        QTest::newRow("five students, five times each") << 5 << 5;
        QTest::newRow("99 made-up names (below the flood guard)") << 99 << 1;
    }
    void otherAccountsFailures_neverBlockAnAccount()
    {
        QFETCH(int, accounts);
        QFETCH(int, failuresEach);
        ManualClock clock;
        CheckedThrottle throttle = makeThrottle(clock);
        for (int a = 0; a < accounts; ++a)
            fail(throttle, u"other%1"_s.arg(a), kSchool, failuresEach);
        for (const QString &name : {u"teacher"_s, u"student7"_s})
            QCOMPARE(throttle.retryAfterSeconds(name, kSchool), std::nullopt);
    }

    void oneAccountFromManyAddresses_isBlockedEverywhere()
    {
        ManualClock clock;
        CheckedThrottle throttle = makeThrottle(clock);
        for (int i = 0; i < 19; ++i) // distributed guessing, four per address: no pair limit reached
            throttle.recordFailure(u"alice"_s, u"203.0.113.%1"_s.arg(i / 4));
        QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, kHome), std::nullopt);
        throttle.recordFailure(u"alice"_s, u"203.0.113.200"_s);
        QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, kHome), std::optional(60));
        QCOMPARE(throttle.retryAfterSeconds(u"bob"_s, kHome), std::nullopt);
    }

    void floodFromOneAddress_allowsOneTryPerAccountThere()
    {
        ManualClock clock;
        CheckedThrottle throttle = makeThrottle(clock);
        for (int i = 0; i < 99; ++i)
            throttle.recordFailure(u"sprayed%1"_s.arg(i), kSchool);
        QCOMPARE(throttle.retryAfterSeconds(u"sprayed0"_s, kSchool), std::nullopt); // one failure each
        throttle.recordFailure(u"sprayed99"_s, kSchool); // the hundredth: a flood
        clock.advanceMs(1000);
        QCOMPARE(throttle.retryAfterSeconds(u"sprayed0"_s, kSchool), std::optional(59));
        QCOMPARE(throttle.retryAfterSeconds(u"sprayed0"_s, kHome), std::nullopt);
        // An account that has not failed there still gets through: its correct password is never refused.
        QCOMPARE(throttle.retryAfterSeconds(u"teacher"_s, kSchool), std::nullopt);
        clock.advanceMs(60000);
        QCOMPARE(throttle.retryAfterSeconds(u"sprayed0"_s, kSchool), std::nullopt);
    }

    void window_slides()
    {
        ManualClock clock;
        CheckedThrottle throttle = makeThrottle(clock);
        for (int i = 0; i < 5; ++i) { // at 0, 10, 20, 30, 40 s
            throttle.recordFailure(u"alice"_s, kSchool);
            clock.advanceMs(10000);
        }
        clock.advanceMs(-5000); // 45 s
        QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, kSchool), std::optional(15));
        clock.advanceMs(15000); // 60 s: the first failure has left the window
        QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, kSchool), std::nullopt);
        throttle.recordFailure(u"alice"_s, kSchool); // 10..60 s: five again
        QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, kSchool), std::optional(10));
    }

    void success_clearsThatAddressOnly()
    {
        ManualClock clock;
        CheckedThrottle throttle = makeThrottle(clock);
        fail(throttle, u"alice"_s, kSchool, 4);
        throttle.recordSuccess(u"ALICE"_s, kSchool);
        fail(throttle, u"alice"_s, kSchool, 4);
        QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, kSchool), std::nullopt);
        // The account-wide count goes on: 4 + 4 here, and 12 from elsewhere.
        fail(throttle, u"alice"_s, u"203.0.113.1"_s, 4);
        fail(throttle, u"alice"_s, u"203.0.113.2"_s, 4);
        fail(throttle, u"alice"_s, u"203.0.113.3"_s, 4);
        QCOMPARE(throttle.retryAfterSeconds(u"alice"_s, kHome), std::optional(60));
    }

    // MemoryLoginThrottle's own bound (both registrations run it; PgLoginThrottle's
    // is deleting failures that left the window: tst_pgloginthrottle).
    void memory_isBounded()
    {
        ManualClock clock;
        MemoryLoginThrottle throttle(clock, LoginThrottle::Policy {.maxTrackedKeys = 100});
        for (int i = 0; i < 1000; ++i)
            (void)throttle.recordFailure(u"made-up-%1"_s.arg(i), QString());
        QVERIFY2(throttle.trackedKeys() <= 100, qPrintable(QString::number(throttle.trackedKeys())));

        // The freshest entries survive a flood: an attacker cannot flush a
        // blocked account by inventing others.
        clock.advanceMs(1);
        for (int i = 0; i < 5; ++i)
            (void)throttle.recordFailure(u"alice"_s, kSchool);
        clock.advanceMs(1);
        for (int i = 0; i < 60; ++i)
            (void)throttle.recordFailure(u"flood-%1"_s.arg(i), QString());
        QVERIFY(throttle.trackedKeys() <= 100);
        QVERIFY(throttle.retryAfterSeconds(u"alice"_s, kSchool).value().has_value());

        clock.advanceMs(60000);
        (void)throttle.recordFailure(u"late"_s, QString());
        for (int i = 0; i < 100; ++i)
            (void)throttle.recordFailure(u"later-%1"_s.arg(i), QString());
        QVERIFY(throttle.trackedKeys() <= 100);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
