// DeadlineWheel: one coarse timer for every connection's deadline (issue 17).
#include "transport/deadlinewheel.h"

#include <QElapsedTimer>
#include <QTest>

#include <functional>
#include <memory>
#include <vector>

using namespace std::chrono_literals;
using javumbo::server::DeadlineWheel;

namespace {

struct Probe : DeadlineWheel::Entry
{
    int fired = 0;
    qint64 firedAtMs = 0;
    std::function<void()> onFire;
    void deadlineReached(qint64 nowMs) override
    {
        ++fired;
        firedAtMs = nowMs;
        if (onFire)
            onFire();
    }
};

} // namespace

class TestDeadlineWheel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deadlines_fireOnceAndNeverEarly()
    {
        DeadlineWheel wheel(10ms);
        std::vector<std::unique_ptr<Probe>> probes;
        const qint64 start = DeadlineWheel::nowMs();
        for (int i = 0; i < 50; ++i) {
            probes.push_back(std::make_unique<Probe>());
            wheel.schedule(*probes.back(), start + 20 + 3 * i);
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(probes.begin(), probes.end(), [](const auto &p) { return p->fired; }), 5000);
        for (const auto &probe : probes) {
            QCOMPARE(probe->fired, 1);
            QVERIFY(probe->firedAtMs >= probe->deadlineMs());
            QVERIFY(!wheel.isScheduled(*probe));
        }
    }

    void movingLaterOrEarlier_firesAtTheNewDeadline()
    {
        DeadlineWheel wheel(10ms);
        Probe later;
        Probe earlier;
        const qint64 now = DeadlineWheel::nowMs();
        wheel.schedule(later, now + 30);
        wheel.schedule(later, now + 200); // moved later: fires at 200, not 30
        wheel.schedule(earlier, now + 5000);
        wheel.schedule(earlier, now + 60); // moved earlier
        QTRY_COMPARE_WITH_TIMEOUT(earlier.fired, 1, 3000);
        QVERIFY(earlier.firedAtMs < now + 1000);
        QCOMPARE(later.fired, 0);
        QTRY_COMPARE_WITH_TIMEOUT(later.fired, 1, 3000);
        QVERIFY(later.firedAtMs >= now + 200);
    }

    void deadlinesBeyondOneRevolution_wait()
    {
        DeadlineWheel wheel(1ms); // 512 slots: one revolution is 512 ms
        Probe far;
        const qint64 now = DeadlineWheel::nowMs();
        wheel.schedule(far, now + 1200);
        QTest::qWait(700); // past one revolution, not a synchronisation
        QCOMPARE(far.fired, 0);
        QTRY_COMPARE_WITH_TIMEOUT(far.fired, 1, 3000);
        QVERIFY(far.firedAtMs >= now + 1200);
    }

    void cancelledOrDestroyed_neverFire_andAnEntryMayRescheduleItself()
    {
        DeadlineWheel wheel(10ms);
        Probe cancelled;
        auto destroyed = std::make_unique<Probe>();
        Probe again;
        const qint64 now = DeadlineWheel::nowMs();
        wheel.schedule(cancelled, now + 20);
        wheel.schedule(*destroyed, now + 20);
        wheel.schedule(again, now + 20);
        again.onFire = [&] {
            if (again.fired == 1)
                wheel.schedule(again, DeadlineWheel::nowMs() + 30);
        };
        wheel.cancel(cancelled);
        destroyed.reset();
        QTRY_COMPARE_WITH_TIMEOUT(again.fired, 2, 3000);
        QCOMPARE(cancelled.fired, 0);
        QVERIFY(!wheel.isScheduled(again));
    }
};

QTEST_GUILESS_MAIN(TestDeadlineWheel)
#include "tst_deadlinewheel.moc"
