// Expired sessions and Idempotency-Keys are deleted periodically (issue 14:
// purgeExpired() existed but nothing called it, so idempotency.db grew without
// bound and expired sessions stayed until presented again). Pinned clock.
#include "services/backend.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace javumbo;

class TestHousekeeping : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock {testsupport::kDay0TenAmMs};
    UserLockRegistry m_locks;
    std::unique_ptr<Backend> m_backend;
    qint64 m_user = 0;

    qint64 sessions() const
    {
        return testsupport::queryNumber(
            m_backend->context().adminDbPath(), u"SELECT count(*) FROM sessions"_s);
    }
    qint64 keys() const
    {
        return testsupport::queryNumber(
            m_backend->context().idempotencyDbPath(), u"SELECT count(*) FROM idempotency"_s);
    }
    void start(std::chrono::milliseconds purgeInterval)
    {
        m_dir = std::make_unique<QTemporaryDir>();
        BackendOptions options = testsupport::backendOptions(m_dir->path());
        options.purgeInterval = purgeInterval;
        m_backend = std::make_unique<Backend>(options, m_clock, m_locks);
        QVERIFY(m_backend->initialize());
        auto account
            = m_backend->accounts().registerUser({u"kept"_s, u"long enough"_s, {}, u"k@example.org"_s, {}});
        QVERIFY(account);
        m_user = account->id;
        QVERIFY(m_backend->sessions().create(m_user));
        auto added = m_backend->cards().addOnce(m_user, {u"f"_s, u"b"_s, 1, {}, {}}, u"key"_s, "hash",
            [](const collection::CardRecord &) { return QByteArray("{}"); });
        QVERIFY(added);
        QCOMPARE(sessions(), qint64(1));
        QCOMPARE(keys(), qint64(1));
    }

private slots:
    void init() { testsupport::enterTestMode(); }
    void cleanup()
    {
        storage::Database::closeAllOnThisThread();
        m_backend.reset();
        m_dir.reset();
    }

    void purgeExpired_deletesWhatExpiredAndKeepsTheRest()
    {
        start(std::chrono::hours(1));
        m_backend->purgeExpired();
        QCOMPARE(sessions(), qint64(1)); // nothing expired yet
        QCOMPARE(keys(), qint64(1));
        m_clock.advanceMs(std::chrono::milliseconds(std::chrono::days(31)).count());
        m_backend->purgeExpired();
        QCOMPARE(sessions(), qint64(0));
        QCOMPARE(keys(), qint64(0));
    }

    void theHousekeeperPurgesWithoutBeingAsked()
    {
        start(std::chrono::milliseconds(20));
        m_clock.advanceMs(std::chrono::milliseconds(std::chrono::days(31)).count());
        QTRY_COMPARE_WITH_TIMEOUT(keys(), qint64(0), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(sessions(), qint64(0), 10000);
        QVERIFY(m_backend->housekeeper().runs() > 0);
    }
};

QTEST_GUILESS_MAIN(TestHousekeeping)
#include "tst_housekeeping.moc"
