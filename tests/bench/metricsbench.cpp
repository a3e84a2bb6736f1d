#include "metricsbench.h"

#include "metrics/httpmetrics.h"

#include <atomic>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

#include <QStringList>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using javumbo::server::HttpMetrics;

namespace javumbo {

namespace {

using Clock = std::chrono::steady_clock;

double perSecond(double operations, Clock::duration elapsed)
{
    return operations / std::chrono::duration<double>(elapsed).count();
}

// A handful of hot series, as a busy server sees: a few routes, mostly 200s.
const QStringList &benchRoutes()
{
    static const QStringList routes
        = {u"/api/v1/review/next"_s, u"/api/v1/review/answer"_s, u"/api/v1/cards/{id}"_s, u"/api/v1/decks"_s};
    return routes;
}

void recordOne(HttpMetrics &metrics, quint64 i)
{
    const QStringList &routes = benchRoutes();
    metrics.recordRequest(routes.at(qsizetype(i % quint64(routes.size()))), u"GET"_s, i % 16 == 0 ? 404 : 200,
        0.0001 * double(i % 97));
}

} // namespace

void benchMetrics(QTextStream &out)
{
    constexpr quint64 singleRounds = 2'000'000;
    constexpr int threadCount = 4;
    constexpr std::chrono::milliseconds contendedWindow = 1s;

    {
        HttpMetrics metrics;
        for (quint64 i = 0; i < 64; ++i)
            recordOne(metrics, i); // create the series outside the timing
        const Clock::time_point start = Clock::now();
        for (quint64 i = 0; i < singleRounds; ++i)
            recordOne(metrics, i);
        const Clock::duration elapsed = Clock::now() - start;
        out << u"metrics, 1 thread:  %1 recordRequest per second"_s.arg(
            perSecond(double(singleRounds), elapsed), 0, 'f', 0)
            << Qt::endl;
    }

    {
        // Time-boxed like the lock bench, so every thread is recording for the whole window.
        HttpMetrics metrics;
        for (quint64 i = 0; i < 64; ++i)
            recordOne(metrics, i);
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
                    while (!stop.load(std::memory_order_relaxed))
                        recordOne(metrics, done++);
                    operations += done;
                });
            }
            ready.arrive_and_wait();
            start = Clock::now();
            std::this_thread::sleep_for(contendedWindow);
            stop = true;
        }
        const Clock::duration elapsed = Clock::now() - start;
        out << u"metrics, %1 threads: %2 recordRequest per second (same series)"_s.arg(threadCount)
                   .arg(perSecond(double(operations.load()), elapsed), 0, 'f', 0)
            << Qt::endl;
    }

    {
        HttpMetrics metrics;
        for (int route = 0; route < 40; ++route) {
            for (const int status : {200, 201, 400, 404, 409, 412, 503})
                metrics.recordRequest(u"/api/v1/route%1/{id}"_s.arg(route), u"POST"_s, status, 0.003);
        }
        constexpr int renders = 200;
        qsizetype bytes = 0;
        const Clock::time_point start = Clock::now();
        for (int i = 0; i < renders; ++i)
            bytes = metrics.renderPrometheus().size();
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count() / renders;
        out << u"metrics, render:    %1 ms for 40 routes x 7 statuses (%2 characters)"_s.arg(ms, 0, 'f', 3)
                   .arg(bytes)
            << Qt::endl;
    }
}

} // namespace javumbo
