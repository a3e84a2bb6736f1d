// UserLockRegistry::run(): queued work runs on the holder's thread (flat
// combining), in arrival order, within the budget, exactly once, and with
// the same exclusion, timeouts and exceptions as a plain acquisition.
#include "locking/userlockregistry.h"
#include "lockprobes.h"
#include "testsupport.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <QList>
#include <QTest>

using namespace std::chrono_literals;
using javumbo::CombiningBudget;
using javumbo::ErrorCode;
using javumbo::UserLockGuard;
using javumbo::UserLockRegistry;
using javumbo::lockprobes::waitersOf;

namespace {

constexpr std::chrono::milliseconds LongWait = 30s;

UserLockRegistry::Options budget(int maxTasks)
{
    // A time budget no scheduler hiccup reaches: the task count decides.
    return {.holdWarningThreshold = 1min, .combining = CombiningBudget {maxTasks, 1h}};
}

// What one queued run() saw: where its work ran, and in which turn.
struct Trace
{
    std::thread::id caller;
    std::thread::id ranOn;
    int turn = -1;
    bool ok = false;
};

// Queues `count` run() calls behind `holder`, one at a time so their order is
// known, then releases the holder and waits for all of them.
QList<Trace> queueBehind(UserLockRegistry &registry, qint64 user, UserLockGuard &holder, int count)
{
    QList<Trace> traces(count);
    int turn = 0; // guarded by the user lock itself
    {
        std::vector<std::jthread> threads;
        for (int i = 0; i < count; ++i) {
            threads.emplace_back([&, i] {
                traces[i].caller = std::this_thread::get_id();
                const auto ran = registry.run(user, LongWait, [&] {
                    traces[i].ranOn = std::this_thread::get_id();
                    traces[i].turn = turn++;
                });
                traces[i].ok = ran.ok();
            });
            if (!QTest::qWaitFor([&] { return waitersOf(registry, user) == i + 1; }, 10000))
                qFatal("waiter %d never queued", i);
        }
        holder.release();
    }
    return traces;
}

} // namespace

class TestLockCombining : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { javumbo::testsupport::enterTestMode(); }

    void freeLock_runsOnTheCallersThreadWithoutWaiting()
    {
        UserLockRegistry registry;
        std::thread::id ranOn;
        const auto ran = registry.run(1, LongWait, [&] { ranOn = std::this_thread::get_id(); });
        QVERIFY(ran);
        QCOMPARE(ran.value(), 0.0);
        QCOMPARE(ranOn, std::this_thread::get_id());
        const auto stats = registry.statistics(1);
        QCOMPARE(stats->acquisitions, quint64(1));
        QCOMPARE(stats->combined, quint64(0));
        QVERIFY(!stats->held);
    }

    void queuedWork_runsOnTheFirstWaitersThreadInArrivalOrder()
    {
        constexpr qint64 user = 2;
        constexpr int count = 6;
        UserLockRegistry registry(budget(100));
        UserLockGuard holder = registry.acquire(user, 0ms);
        const QList<Trace> traces = queueBehind(registry, user, holder, count);

        for (int i = 0; i < count; ++i) {
            QVERIFY(traces[i].ok);
            QCOMPARE(traces[i].turn, i);
            // The first waiter is handed the lock and runs everybody's work.
            QCOMPARE(traces[i].ranOn, traces[0].caller);
        }
        const auto stats = registry.statistics(user);
        QCOMPARE(stats->acquisitions, quint64(count + 1));
        QCOMPARE(stats->contended, quint64(count));
        QCOMPARE(stats->combined, quint64(count - 1));
        QCOMPARE(stats->waiters, 0);
        QVERIFY(!stats->held);
    }

    void budget_handsTheLockOnAfterMaxTasks()
    {
        constexpr qint64 user = 3;
        UserLockRegistry registry(budget(2));
        UserLockGuard holder = registry.acquire(user, 0ms);
        const QList<Trace> traces = queueBehind(registry, user, holder, 5);

        // 0 runs its own work and two more, then hands the lock to 3, which runs 3 and 4.
        const QList<int> runner {0, 0, 0, 3, 3};
        for (int i = 0; i < 5; ++i) {
            QVERIFY(traces[i].ok);
            QCOMPARE(traces[i].turn, i);
            QCOMPARE(traces[i].ranOn, traces[runner[i]].caller);
        }
        QCOMPARE(registry.statistics(user)->combined, quint64(3));
    }

    void plainWaiter_endsCombiningAndGetsTheLockInItsTurn()
    {
        constexpr qint64 user = 4;
        UserLockRegistry registry(budget(100));
        QList<char> order; // guarded by the user lock
        std::thread::id firstCaller, firstRanOn, lastCaller, lastRanOn;
        // Queues a run() that records its caller's thread and the thread its work ran on.
        const auto queueRun = [&](char name, std::thread::id &caller, std::thread::id &ranOn) {
            return [&, name] {
                caller = std::this_thread::get_id();
                (void)registry.run(user, LongWait, [&] {
                    ranOn = std::this_thread::get_id();
                    order.append(name);
                });
            };
        };
        {
            std::vector<std::jthread> threads;
            UserLockGuard holder = registry.acquire(user, 0ms);
            threads.emplace_back(queueRun('A', firstCaller, firstRanOn));
            QTRY_COMPARE(waitersOf(registry, user), 1);
            threads.emplace_back([&] {
                const UserLockGuard guard = registry.acquire(user, LongWait);
                if (guard.isLocked())
                    order.append('B');
            });
            QTRY_COMPARE(waitersOf(registry, user), 2);
            threads.emplace_back(queueRun('C', lastCaller, lastRanOn));
            QTRY_COMPARE(waitersOf(registry, user), 3);
            holder.release();
        }
        QCOMPARE(order, QList<char>({'A', 'B', 'C'}));
        QCOMPARE(firstRanOn, firstCaller);
        // B needed the lock itself, so C was handed the lock after it, not combined.
        QCOMPARE(lastRanOn, lastCaller);
        QCOMPARE(registry.statistics(user)->combined, quint64(0));
    }

    void exception_isRethrownOnTheCallersThread()
    {
        constexpr qint64 user = 5;
        UserLockRegistry registry(budget(100));
        std::thread::id throwerCaller, throwerRanOn;
        QString caught;
        bool firstOk = false;
        {
            std::vector<std::jthread> threads;
            UserLockGuard holder = registry.acquire(user, 0ms);
            threads.emplace_back([&] { firstOk = registry.run(user, LongWait, [] {}).ok(); });
            QTRY_COMPARE(waitersOf(registry, user), 1);
            threads.emplace_back([&] {
                throwerCaller = std::this_thread::get_id();
                try {
                    (void)registry.run(user, LongWait, [&] {
                        throwerRanOn = std::this_thread::get_id();
                        throw std::runtime_error("boom");
                    });
                } catch (const std::runtime_error &error) {
                    caught = QString::fromLatin1(error.what());
                }
            });
            QTRY_COMPARE(waitersOf(registry, user), 2);
            holder.release();
        }
        QVERIFY(firstOk);
        QVERIFY(throwerRanOn != throwerCaller); // thrown on the combining thread...
        QCOMPARE(caught, QStringLiteral("boom")); // ...caught by its own caller
        QVERIFY(registry.acquire(user, 0ms).isLocked());
    }

    void timeout_runsNothingAndReportsUserBusy()
    {
        constexpr qint64 user = 6;
        UserLockRegistry registry;
        UserLockGuard holder = registry.acquire(user, 0ms);
        bool ran = false;
        std::optional<javumbo::Result<double>> result;
        std::thread([&] { result = registry.run(user, 50ms, [&] { ran = true; }); }).join();
        QVERIFY(!ran);
        QVERIFY(!result->ok());
        QCOMPARE(result->code(), ErrorCode::UserBusy);
        const auto stats = registry.statistics(user);
        QCOMPARE(stats->timeouts, quint64(1));
        QCOMPARE(stats->waiters, 0);
        holder.release();
        QVERIFY(registry.run(user, 0ms, [&] { ran = true; }));
        QVERIFY(ran);
    }

    void stress_runAndAcquireExcludeEachOther()
    {
        // A plain counter: a lost increment or a second thread inside shows.
        constexpr int threadCount = 8;
        constexpr int rounds = 2000;
        constexpr qint64 user = 7;
        UserLockRegistry registry;
        long long counter = 0;
        std::atomic<int> inside {0};
        std::atomic<int> maxInside {0};
        std::atomic<int> failures {0};
        const auto critical = [&] {
            const int now = ++inside;
            int seen = maxInside.load();
            while (now > seen && !maxInside.compare_exchange_weak(seen, now)) { }
            ++counter;
            --inside;
        };
        {
            std::vector<std::jthread> threads;
            for (int t = 0; t < threadCount; ++t) {
                threads.emplace_back([&, t] {
                    for (int i = 0; i < rounds; ++i) {
                        if ((t + i) % 3 == 0) {
                            const UserLockGuard guard = registry.acquire(user, LongWait);
                            if (!guard.isLocked())
                                ++failures;
                            else
                                critical();
                        } else if (!registry.run(user, LongWait, critical)) {
                            ++failures;
                        }
                    }
                });
            }
        }
        QCOMPARE(failures.load(), 0);
        QCOMPARE(counter, static_cast<long long>(threadCount) * rounds);
        QCOMPARE(maxInside.load(), 1);
        const auto stats = registry.statistics(user);
        QCOMPARE(stats->acquisitions, quint64(threadCount * rounds));
        QVERIFY(!stats->held);
    }
};

QTEST_GUILESS_MAIN(TestLockCombining)
#include "tst_lockcombining.moc"
