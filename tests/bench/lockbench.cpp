#include "lockbench.h"

#include "locking/userlockregistry.h"

#include <atomic>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace javumbo {

namespace {

using Clock = std::chrono::steady_clock;

double perSecond(double operations, Clock::duration elapsed)
{
    return operations / std::chrono::duration<double>(elapsed).count();
}

} // namespace

void benchLocks(QTextStream &out)
{
    constexpr int uncontendedRounds = 1'000'000;
    constexpr int threadCount = 8;
    constexpr std::chrono::milliseconds contendedWindow = 1s;

    {
        UserLockRegistry registry;
        registry.acquire(1, 0ms).release(); // create the entry outside the timing
        const Clock::time_point start = Clock::now();
        for (int i = 0; i < uncontendedRounds; ++i)
            registry.acquire(1, 1s).release();
        const Clock::duration elapsed = Clock::now() - start;
        out << u"locks, uncontended:        %1 acquire/release per second"_s.arg(
            perSecond(uncontendedRounds, elapsed), 0, 'f', 0)
            << Qt::endl;
    }

    {
        // Time-boxed rather than counted: with a fixed count, early threads
        // can finish before late ones start and nothing is ever contended.
        UserLockRegistry registry;
        std::latch ready(threadCount + 1);
        std::atomic<bool> stop {false};
        std::atomic<quint64> operations {0};
        Clock::time_point start;
        {
            std::vector<std::jthread> threads;
            for (int t = 0; t < threadCount; ++t) {
                threads.emplace_back([&] {
                    quint64 done = 0;
                    ready.arrive_and_wait();
                    while (!stop.load(std::memory_order_relaxed)) {
                        registry.acquire(1, 60s).release();
                        ++done;
                    }
                    operations += done;
                });
            }
            ready.arrive_and_wait();
            start = Clock::now();
            std::this_thread::sleep_for(contendedWindow);
            stop = true;
        }
        const Clock::duration elapsed = Clock::now() - start;
        const UserLockStats stats = registry.statistics(1).value_or(UserLockStats {});
        out << u"locks, %1 threads, 1 user: %2 acquire/release per second (%3 of %4 contended, "
               "%5 timeouts), longest wait %6 ms"_s.arg(threadCount)
                   .arg(perSecond(double(operations.load()), elapsed), 0, 'f', 0)
                   .arg(stats.contended)
                   .arg(stats.acquisitions)
                   .arg(stats.timeouts)
                   .arg(stats.maxWaitMs, 0, 'f', 2)
            << Qt::endl;
    }
}

} // namespace javumbo
