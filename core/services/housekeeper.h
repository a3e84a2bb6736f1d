#pragma once

#include <QString>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace javumbo {

// Periodic upkeep on one thread of its own, off the request path: purging
// expired sessions and Idempotency-Keys (which nothing else removes, so
// idempotency.db grew without bound; issue 14) and the scheduled backups of
// `javumbo serve --backup-every`. Jobs run one at a time, each when its
// interval has passed since it last ran. Thread-safe.
class Housekeeper
{
public:
    struct Job
    {
        QString name;
        std::chrono::milliseconds every;
        std::function<void()> run; // must not throw
    };

    Housekeeper() = default;
    // Stops the thread, waiting for a job that runs.
    ~Housekeeper();
    Housekeeper(const Housekeeper &) = delete;
    Housekeeper &operator=(const Housekeeper &) = delete;

    // Before start().
    void add(Job job);
    // Starts the thread; the first run of each job is one interval away.
    void start();
    // Runs every job now on the calling thread (tests, and shutdown paths).
    void runAllNow();
    quint64 runs() const;

private:
    void loop(std::stop_token stop);

    struct Scheduled
    {
        Job job;
        std::chrono::steady_clock::time_point due;
    };
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    // Guarded by m_mutex:
    std::vector<Scheduled> m_jobs;
    quint64 m_runs = 0;
    std::mutex m_runMutex; // one job at a time, on the thread or in runAllNow()
    std::jthread m_thread; // last: starts after everything it uses exists
};

} // namespace javumbo
