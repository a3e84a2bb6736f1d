#include "locking/userlockregistry.h"
#include "lockprobes.h"
#include "testsupport.h"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

#include <QRegularExpression>
#include <QScopeGuard>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using javumbo::ErrorCode;
using javumbo::UserLockGuard;
using javumbo::UserLockRegistry;
using javumbo::lockprobes::isHeld;
using javumbo::lockprobes::waitersOf;

namespace {

// Generous: a correct lock grants long before this; it only bounds a hang.
constexpr std::chrono::milliseconds LongWait = 30s;

double msBetween(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

// Widens the window in which a second thread inside the critical section
// would be seen, without making the verdict depend on timing.
void dawdle()
{
    for (int i = 0; i < 50; ++i)
        std::this_thread::yield();
}

} // namespace

class TestUserLockRegistry : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void firstUse_racingThreadsShareOneLock();
    void waiters_acquireInArrivalOrder();
    void release_handsOffToFrontWaiterWithoutBarging();
    void timeout_reportsUserBusyAndLeavesQueue();
    void timedOutWaiter_doesNotBlockWaiterBehindIt();
    void timeoutRacingHandOff_neverLosesTheLock();
    void unboundedTimeout_waitsUntilGranted();
    void statistics_countAcquisitionsContentionAndTimeouts();
    void statistics_maxWaitAndHoldCoverMeasuredIntervals();
    void statistics_areSortedByUser();
    void longHold_logsWarning();
    void shortHold_logsNothing();
    void differentUsers_neverBlockEachOther();
    void stress_plainCounterSeesEveryIncrement();
    void guard_movesOwnershipAndReleasesEarly();
    void lockResult_movesGuardOut();
};

void TestUserLockRegistry::initTestCase()
{
    javumbo::testsupport::enterTestMode();
}

void TestUserLockRegistry::firstUse_racingThreadsShareOneLock()
{
    // Each round races all threads onto a user nobody has asked for yet;
    // many rounds, because one race rarely hits the creation window.
    constexpr int threadCount = 16;
    constexpr int rounds = 200;
    constexpr qint64 firstUser = 1000;
    UserLockRegistry registry;
    std::barrier start(threadCount);
    std::atomic<int> inside {0};
    std::atomic<int> maxInside {0};
    std::atomic<int> locked {0};
    {
        std::vector<std::jthread> threads;
        for (int i = 0; i < threadCount; ++i) {
            threads.emplace_back([&] {
                for (int round = 0; round < rounds; ++round) {
                    start.arrive_and_wait();
                    const UserLockGuard guard = registry.acquire(firstUser + round, LongWait);
                    if (!guard.isLocked())
                        continue;
                    ++locked;
                    const int now = ++inside;
                    int seen = maxInside.load();
                    while (now > seen && !maxInside.compare_exchange_weak(seen, now)) { }
                    dawdle();
                    --inside;
                }
            });
        }
    }

    QCOMPARE(locked.load(), threadCount * rounds);
    QCOMPARE(maxInside.load(), 1);
    const QList<javumbo::UserLockStats> all = registry.statistics();
    QCOMPARE(all.size(), rounds);
    for (const javumbo::UserLockStats &stats : all) {
        // A lock replaced by a racing creator would have lost acquisitions.
        QCOMPARE(stats.acquisitions, quint64(threadCount));
        QCOMPARE(stats.waiters, 0);
        QVERIFY(!stats.held);
    }
}

void TestUserLockRegistry::waiters_acquireInArrivalOrder()
{
    constexpr int waiterCount = 8;
    constexpr qint64 user = 2001;
    UserLockRegistry registry;
    QList<int> order;
    std::atomic<int> failures {0};
    {
        // Declared before the holder so an early return releases, then joins.
        std::vector<std::jthread> threads;
        UserLockGuard holder = registry.acquire(user, 0ms);
        QVERIFY(holder.isLocked());
        for (int i = 0; i < waiterCount; ++i) {
            threads.emplace_back([&, i] {
                const UserLockGuard guard = registry.acquire(user, LongWait);
                if (!guard.isLocked()) {
                    ++failures;
                    return;
                }
                order.append(i); // protected by the user lock itself
            });
            QTRY_COMPARE(waitersOf(registry, user), i + 1);
        }
        holder.release();
    }

    QCOMPARE(failures.load(), 0);
    QList<int> expected;
    for (int i = 0; i < waiterCount; ++i)
        expected.append(i);
    QCOMPARE(order, expected);
    const auto stats = registry.statistics(user);
    QCOMPARE(stats->acquisitions, quint64(waiterCount + 1));
    QCOMPARE(stats->contended, quint64(waiterCount));
}

void TestUserLockRegistry::release_handsOffToFrontWaiterWithoutBarging()
{
    constexpr qint64 user = 2002;
    UserLockRegistry registry;
    std::latch letGo(1);
    std::atomic<bool> waiterLocked {false};
    {
        std::jthread waiter;
        UserLockGuard holder = registry.acquire(user, 0ms);
        QVERIFY(holder.isLocked());
        const auto letGoOnExit = qScopeGuard([&] { letGo.count_down(); });
        waiter = std::jthread([&] {
            const UserLockGuard guard = registry.acquire(user, LongWait);
            waiterLocked = guard.isLocked();
            letGo.wait();
        });
        QTRY_COMPARE(waitersOf(registry, user), 1);

        holder.release();
        // The lock went to the queued waiter at release, whether or not it
        // has woken up yet: a newcomer must not slip in between.
        const UserLockGuard newcomer = registry.acquire(user, 0ms);
        QVERIFY(!newcomer.isLocked());
        QVERIFY(isHeld(registry, user));
        QCOMPARE(waitersOf(registry, user), 0);
    }

    QVERIFY(waiterLocked.load());
    const auto stats = registry.statistics(user);
    QCOMPARE(stats->acquisitions, quint64(2));
    QCOMPARE(stats->contended, quint64(1));
    QCOMPARE(stats->timeouts, quint64(1));
    QVERIFY(!stats->held);
}

void TestUserLockRegistry::timeout_reportsUserBusyAndLeavesQueue()
{
    constexpr qint64 user = 987654;
    UserLockRegistry registry;
    UserLockGuard holder = registry.acquire(user, 0ms);
    QVERIFY(holder.isLocked());

    std::optional<javumbo::Error> error;
    std::thread([&] {
        const auto result = registry.lock(user, 50ms);
        if (!result.ok())
            error = result.error();
    }).join();
    QVERIFY(error);
    QCOMPARE(error->code, ErrorCode::UserBusy);
    QVERIFY2(error->message.contains(u"987654"_s), qPrintable(error->message));
    QVERIFY2(error->message.contains(u"50 ms"_s), qPrintable(error->message));

    bool locked = true;
    qint64 reportedUser = 0;
    double waitedMs = 0.0;
    std::thread([&] {
        const UserLockGuard guard = registry.acquire(user, 50ms);
        locked = guard.isLocked();
        reportedUser = guard.userId();
        waitedMs = guard.waitedMs();
    }).join();
    QVERIFY(!locked);
    QCOMPARE(reportedUser, user);
    QVERIFY2(waitedMs >= 50.0, qPrintable(QString::number(waitedMs)));

    auto stats = registry.statistics(user);
    QCOMPARE(stats->waiters, 0);
    QCOMPARE(stats->timeouts, quint64(2));
    QCOMPARE(stats->acquisitions, quint64(1));
    QVERIFY(stats->held);

    holder.release();
    const UserLockGuard later = registry.acquire(user, 0ms);
    QVERIFY(later.isLocked());
}

void TestUserLockRegistry::timedOutWaiter_doesNotBlockWaiterBehindIt()
{
    constexpr qint64 user = 3002;
    UserLockRegistry registry(UserLockRegistry::Options {.holdWarningThreshold = 1min});
    std::atomic<bool> frontLocked {true};
    std::atomic<bool> backLocked {false};
    {
        std::jthread front;
        std::jthread back;
        UserLockGuard holder = registry.acquire(user, 0ms);
        QVERIFY(holder.isLocked());
        // Long enough for the second waiter to queue behind it first.
        front = std::jthread([&] { frontLocked = registry.acquire(user, 2000ms).isLocked(); });
        QTRY_COMPARE(waitersOf(registry, user), 1);
        back = std::jthread([&] { backLocked = registry.acquire(user, LongWait).isLocked(); });
        QTRY_COMPARE(waitersOf(registry, user), 2);

        front.join();
        QVERIFY(!frontLocked.load());
        QCOMPARE(waitersOf(registry, user), 1);
        holder.release();
    }

    QVERIFY(backLocked.load());
    const auto stats = registry.statistics(user);
    QCOMPARE(stats->timeouts, quint64(1));
    QCOMPARE(stats->acquisitions, quint64(2));
    QCOMPARE(stats->waiters, 0);
    QVERIFY(!stats->held);
}

void TestUserLockRegistry::timeoutRacingHandOff_neverLosesTheLock()
{
    // 1 ms budgets against short holds make grants and deadlines collide; a
    // hand-off to a waiter that then reports a timeout would leave the lock
    // held forever.
    constexpr int threadCount = 4;
    constexpr int rounds = 300;
    constexpr qint64 user = 3003;
    UserLockRegistry registry;
    std::latch start(threadCount);
    std::atomic<quint64> locked {0};
    std::atomic<quint64> timedOut {0};
    {
        std::vector<std::jthread> threads;
        for (int i = 0; i < threadCount; ++i) {
            threads.emplace_back([&] {
                start.arrive_and_wait();
                for (int round = 0; round < rounds; ++round) {
                    const UserLockGuard guard = registry.acquire(user, 1ms);
                    if (guard.isLocked()) {
                        ++locked;
                        dawdle();
                    } else {
                        ++timedOut;
                    }
                }
            });
        }
    }

    const auto stats = registry.statistics(user);
    QCOMPARE(locked.load() + timedOut.load(), quint64(threadCount * rounds));
    QCOMPARE(stats->acquisitions, locked.load());
    QCOMPARE(stats->timeouts, timedOut.load());
    QCOMPARE(stats->waiters, 0);
    QVERIFY(!stats->held);
    QVERIFY(registry.acquire(user, 0ms).isLocked());
}

void TestUserLockRegistry::unboundedTimeout_waitsUntilGranted()
{
    constexpr qint64 user = 3004;
    UserLockRegistry registry;
    std::atomic<bool> waiterLocked {false};
    {
        std::jthread waiter;
        UserLockGuard holder = registry.acquire(user, 0ms);
        waiter = std::jthread(
            [&] { waiterLocked = registry.acquire(user, std::chrono::milliseconds::max()).isLocked(); });
        QTRY_COMPARE(waitersOf(registry, user), 1);
        holder.release();
    }
    QVERIFY(waiterLocked.load());
    QCOMPARE(registry.statistics(user)->timeouts, quint64(0));
}

void TestUserLockRegistry::statistics_countAcquisitionsContentionAndTimeouts()
{
    constexpr qint64 user = 4001;
    UserLockRegistry registry;
    QVERIFY(!registry.statistics(user));

    std::mutex observedMutex;
    QList<double> observed;
    registry.setWaitObserver([&](qint64 userId, double waitedMs) {
        if (userId != user)
            return;
        std::lock_guard guard(observedMutex);
        observed.append(waitedMs);
    });

    {
        const UserLockGuard guard = registry.acquire(user, 0ms);
        QVERIFY(guard.isLocked());
        QCOMPARE(guard.waitedMs(), 0.0);
        const auto stats = registry.statistics(user);
        QCOMPARE(stats->userId, user);
        QCOMPARE(stats->acquisitions, quint64(1));
        QCOMPARE(stats->contended, quint64(0));
        QCOMPARE(stats->waiters, 0);
        QVERIFY(stats->held);

        // Not recursive: the holder asking again is just another timeout.
        QVERIFY(!registry.acquire(user, 5ms).isLocked());
        QCOMPARE(registry.statistics(user)->timeouts, quint64(1));
    }
    QVERIFY(!isHeld(registry, user));

    {
        std::jthread waiter;
        UserLockGuard holder = registry.acquire(user, 0ms);
        waiter = std::jthread([&] { registry.acquire(user, LongWait); });
        QTRY_COMPARE(waitersOf(registry, user), 1);
        QCOMPARE(registry.statistics(user)->contended, quint64(0));
        holder.release();
    }

    const auto stats = registry.statistics(user);
    QCOMPARE(stats->acquisitions, quint64(3));
    QCOMPARE(stats->contended, quint64(1));
    QCOMPARE(stats->timeouts, quint64(1));
    QCOMPARE(stats->waiters, 0);
    QVERIFY(!stats->held);

    std::lock_guard guard(observedMutex);
    QCOMPARE(observed.size(), 3); // successful acquisitions only
    QCOMPARE(stats->maxWaitMs, *std::max_element(observed.cbegin(), observed.cend()));
}

void TestUserLockRegistry::statistics_maxWaitAndHoldCoverMeasuredIntervals()
{
    using Clock = std::chrono::steady_clock;
    constexpr qint64 user = 4002;
    UserLockRegistry registry;
    double waiterWaitedMs = -1.0;
    Clock::time_point heldFrom;
    Clock::time_point waiterSeen;
    Clock::time_point releasedAt;
    {
        std::jthread waiter;
        UserLockGuard holder = registry.acquire(user, 0ms);
        heldFrom = Clock::now();
        waiter = std::jthread([&] { waiterWaitedMs = registry.acquire(user, LongWait).waitedMs(); });
        QTRY_COMPARE(waitersOf(registry, user), 1);
        waiterSeen = Clock::now();
        releasedAt = Clock::now();
        holder.release();
    }

    // The registry's intervals enclose the ones measured here, so these hold
    // however fast or slow the machine is.
    auto stats = registry.statistics(user);
    QVERIFY(waiterWaitedMs >= msBetween(waiterSeen, releasedAt));
    QCOMPARE(stats->maxWaitMs, waiterWaitedMs);
    QVERIFY(stats->maxHoldMs >= msBetween(heldFrom, releasedAt));

    // A later, shorter uncontended acquisition never lowers the maxima.
    const double maxWaitBefore = stats->maxWaitMs;
    const double maxHoldBefore = stats->maxHoldMs;
    registry.acquire(user, 0ms).release();
    stats = registry.statistics(user);
    QCOMPARE(stats->maxWaitMs, maxWaitBefore);
    QVERIFY(stats->maxHoldMs >= maxHoldBefore);
}

void TestUserLockRegistry::statistics_areSortedByUser()
{
    UserLockRegistry registry;
    for (const qint64 user : {42, 7, 1000, -3, 19})
        registry.acquire(user, 0ms);
    QList<qint64> users;
    for (const javumbo::UserLockStats &stats : registry.statistics())
        users.append(stats.userId);
    QCOMPARE(users, (QList<qint64> {-3, 7, 19, 42, 1000}));
}

void TestUserLockRegistry::longHold_logsWarning()
{
    UserLockRegistry registry(UserLockRegistry::Options {.holdWarningThreshold = 1ms});
    QTest::ignoreMessage(QtWarningMsg,
        QRegularExpression(u"^user 5001 held its lock for [0-9.]+ ms \\(warning threshold 1 ms\\)$"_s));
    const UserLockGuard guard = registry.acquire(5001, 0ms);
    QVERIFY(guard.isLocked());
    // Not synchronisation: the hold itself must outlast the threshold.
    std::this_thread::sleep_for(5ms);
}

void TestUserLockRegistry::shortHold_logsNothing()
{
    QTest::failOnWarning(QRegularExpression(u"held its lock"_s));
    UserLockRegistry registry;
    registry.acquire(5002, 0ms).release();
    QVERIFY(registry.statistics(5002)->maxHoldMs < 1000.0);
}

void TestUserLockRegistry::differentUsers_neverBlockEachOther()
{
    constexpr qint64 userA = 6001;
    constexpr qint64 userB = 6002;
    UserLockRegistry registry;
    const UserLockGuard holderA = registry.acquire(userA, 0ms);
    QVERIFY(holderA.isLocked());

    bool aFromOtherThread = true;
    bool bFromOtherThread = false;
    bool bResultOk = false;
    std::thread([&] {
        aFromOtherThread = registry.acquire(userA, 0ms).isLocked();
        bFromOtherThread = registry.acquire(userB, 0ms).isLocked();
        bResultOk = registry.lock(userB, 1ms).ok();
    }).join();
    QVERIFY(!aFromOtherThread); // the control: A really is busy
    QVERIFY(bFromOtherThread);
    QVERIFY(bResultOk);
    QCOMPARE(registry.statistics(userB)->timeouts, quint64(0));
}

void TestUserLockRegistry::stress_plainCounterSeesEveryIncrement()
{
    constexpr int threadCount = 8;
    constexpr int rounds = 2000;
    constexpr qint64 user = 7001;
    UserLockRegistry registry;
    std::latch start(threadCount);
    int counter = 0; // deliberately not atomic: only the lock protects it
    std::atomic<int> failures {0};
    {
        std::vector<std::jthread> threads;
        for (int i = 0; i < threadCount; ++i) {
            threads.emplace_back([&] {
                start.arrive_and_wait();
                for (int round = 0; round < rounds; ++round) {
                    const UserLockGuard guard = registry.acquire(user, LongWait);
                    if (!guard.isLocked()) {
                        ++failures;
                        continue;
                    }
                    ++counter;
                }
            });
        }
    }

    QCOMPARE(failures.load(), 0);
    QCOMPARE(counter, threadCount * rounds);
    const auto stats = registry.statistics(user);
    QCOMPARE(stats->acquisitions, quint64(threadCount * rounds));
    QCOMPARE(stats->waiters, 0);
    QVERIFY(!stats->held);
}

void TestUserLockRegistry::guard_movesOwnershipAndReleasesEarly()
{
    UserLockRegistry registry;
    const UserLockGuard empty;
    QVERIFY(!empty.isLocked());

    UserLockGuard first = registry.acquire(8001, 0ms);
    UserLockGuard moved(std::move(first));
    QVERIFY(!first.isLocked());
    QVERIFY(moved.isLocked());
    QCOMPARE(moved.userId(), qint64(8001));
    QVERIFY(isHeld(registry, 8001));

    UserLockGuard other = registry.acquire(8002, 0ms);
    moved = std::move(other); // drops 8001, takes over 8002
    QVERIFY(!other.isLocked());
    QVERIFY(!isHeld(registry, 8001));
    QVERIFY(isHeld(registry, 8002));
    QCOMPARE(moved.userId(), qint64(8002));

    moved.release();
    QVERIFY(!moved.isLocked());
    QVERIFY(!isHeld(registry, 8002));

    // A second release of a spent guard must not free someone else's hold.
    const UserLockGuard next = registry.acquire(8002, 0ms);
    QVERIFY(next.isLocked());
    moved.release();
    first.release();
    QVERIFY(isHeld(registry, 8002));
    QVERIFY(!registry.acquire(8002, 0ms).isLocked());
    QCOMPARE(registry.statistics(8002)->acquisitions, quint64(2));
}

void TestUserLockRegistry::lockResult_movesGuardOut()
{
    UserLockRegistry registry;
    UserLockGuard guard;
    {
        javumbo::Result<UserLockGuard> result = registry.lock(8101, 0ms);
        QVERIFY(result.ok());
        guard = std::move(result).value();
    }
    // The Result is gone; the lock stayed with the guard it was moved into.
    QVERIFY(guard.isLocked());
    QVERIFY(isHeld(registry, 8101));
    QCOMPARE(registry.lock(8101, 0ms).code(), ErrorCode::UserBusy);
    guard.release();
    QVERIFY(!isHeld(registry, 8101));
}

QTEST_GUILESS_MAIN(TestUserLockRegistry)
#include "tst_userlockregistry.moc"
