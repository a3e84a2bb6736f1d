// What only the PostgreSQL throttle does: several instances count one set of
// failures, a database that cannot be reached is an error, and failures that
// left the window are deleted (docs/postgresql.md §7). The rules themselves
// are tst_loginthrottle's, run against this throttle as tst_loginthrottle_pg.
#include "common/clock.h"
#include "pgcluster.h"
#include "postgres/pgschema.h"
#include "sessions/pgloginthrottle.h"

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace javumbo;

namespace {

const QString kSchool = u"192.0.2.1"_s;
const QString kHome = u"198.51.100.7"_s;

std::optional<int> retryAfter(const LoginThrottle &throttle, const QString &username, const QString &address)
{
    auto seconds = throttle.retryAfterSeconds(username, address);
    if (!seconds)
        qFatal("retryAfterSeconds: %s", qPrintable(seconds.error().message));
    return seconds.value();
}

void fail(LoginThrottle &throttle, const QString &username, const QString &address, int times = 1)
{
    for (int i = 0; i < times; ++i) {
        if (auto done = throttle.recordFailure(username, address); !done)
            qFatal("recordFailure: %s", qPrintable(done.error().message));
    }
}

} // namespace

class TestPgLoginThrottle : public QObject
{
    Q_OBJECT

private:
    testsupport::PgCluster m_cluster;
    // Two instances' connections to the one database.
    std::unique_ptr<postgres::PgDatabase> m_first;
    std::unique_ptr<postgres::PgDatabase> m_second;

    std::unique_ptr<postgres::PgDatabase> connect()
    {
        auto target = postgres::PgConnectionString::parse(m_cluster.connectionString());
        if (!target)
            qFatal("%s", qPrintable(target.error().message));
        return std::make_unique<postgres::PgDatabase>(target.value());
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error()));
        m_first = connect();
        m_second = connect();
        auto prepared = postgres::preparePgSchema(*m_first);
        QVERIFY2(prepared.ok(), qPrintable(prepared.ok() ? QString() : prepared.error().message));
    }
    void init() { QVERIFY(!m_cluster.psql(u"TRUNCATE login_failures"_s).isNull()); }

    // Failed logins spread over instances are refused as soon as on one.
    void failuresSpreadOverInstances_countTogether()
    {
        ManualClock clock;
        PgLoginThrottle first(*m_first, clock);
        PgLoginThrottle second(*m_second, clock);
        fail(first, u"alice"_s, kSchool, 3);
        fail(second, u"alice"_s, kSchool, 2);
        QCOMPARE(retryAfter(first, u"alice"_s, kSchool), std::optional(60));
        QCOMPARE(retryAfter(second, u"alice"_s, kSchool), std::optional(60));
        // Account-wide: ten addresses, two failures each, alternating instances.
        for (int i = 0; i < 20; ++i)
            fail(i % 2 ? first : second, u"bob"_s, u"203.0.113.%1"_s.arg(i / 2));
        QCOMPARE(retryAfter(second, u"bob"_s, kHome), std::optional(60));
        // A valid login on one instance clears that pair on the other too.
        QVERIFY(second.recordSuccess(u"alice"_s, kSchool).ok());
        QCOMPARE(retryAfter(first, u"alice"_s, kSchool), std::nullopt);
    }

    // The table stays bounded by the window: a failure deletes those that left it.
    void failuresOutOfTheWindow_areDeleted()
    {
        ManualClock clock;
        PgLoginThrottle throttle(*m_first, clock);
        for (int i = 0; i < 50; ++i)
            fail(throttle, u"made-up-%1"_s.arg(i), kSchool);
        QCOMPARE(m_cluster.psql(u"SELECT count(*) FROM login_failures"_s), u"50"_s);
        clock.advanceMs(60000); // the window: all of them have left it
        fail(throttle, u"late"_s, kSchool);
        QCOMPARE(m_cluster.psql(u"SELECT count(*) FROM login_failures"_s), u"1"_s);
        QCOMPARE(retryAfter(throttle, u"made-up-0"_s, kSchool), std::nullopt);
    }

    // The database unreachable: an error (503), never a login let through unchecked.
    void anUnreachableDatabase_isAnErrorNotAPass()
    {
        ManualClock clock;
        PgLoginThrottle throttle(*m_first, clock);
        QVERIFY(m_cluster.stop(testsupport::PgCluster::StopMode::Immediate));
        const auto seconds = throttle.retryAfterSeconds(u"alice"_s, kSchool);
        const auto recorded = throttle.recordFailure(u"alice"_s, kSchool);
        QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error()));
        QVERIFY(!seconds.ok());
        QCOMPARE(seconds.code(), ErrorCode::StorageUnavailable);
        QVERIFY(!recorded.ok());
        QCOMPARE(recorded.code(), ErrorCode::StorageUnavailable);
        QVERIFY(throttle.retryAfterSeconds(u"alice"_s, kSchool).ok()); // reconnected
    }
};

QTEST_GUILESS_MAIN(TestPgLoginThrottle)
#include "tst_pgloginthrottle.moc"
