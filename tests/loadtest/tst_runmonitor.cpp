// The load tester's monitor thread: it ticks once per interval while it
// lives, and going away does not wait out an interval.
#include "loadtest/runmonitor.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>

using namespace javumbo::loadtest;
using namespace std::chrono_literals;

class TestRunMonitor : public QObject
{
    Q_OBJECT
private slots:
    void ticksOncePerInterval_untilDestroyed()
    {
        std::atomic<int> ticks {0};
        auto monitor = std::make_unique<RunMonitor>(1ms, [&ticks] { ++ticks; });
        QTRY_VERIFY_WITH_TIMEOUT(ticks >= 3, 5000);
        monitor.reset(); // joins: returns only once the thread is gone
    }

    void destruction_wakesTheThreadInsteadOfWaitingTheInterval()
    {
        std::atomic<int> ticks {0};
        QElapsedTimer clock;
        clock.start();
        {
            RunMonitor monitor(1h, [&ticks] { ++ticks; });
        }
        QVERIFY2(clock.elapsed() < 10'000, "the monitor waited for its interval");
        QCOMPARE(ticks.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRunMonitor)
#include "tst_runmonitor.moc"
