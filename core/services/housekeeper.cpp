#include "housekeeper.h"

#include <algorithm>

namespace javumbo {

Housekeeper::~Housekeeper()
{
    if (m_thread.joinable()) {
        m_thread.request_stop();
        m_wake.notify_all();
        m_thread.join();
    }
}

void Housekeeper::add(Job job)
{
    std::lock_guard guard(m_mutex);
    const auto due = std::chrono::steady_clock::now() + job.every;
    m_jobs.push_back({std::move(job), due});
}

void Housekeeper::start()
{
    if (!m_thread.joinable())
        m_thread = std::jthread([this](std::stop_token stop) { loop(stop); });
}

quint64 Housekeeper::runs() const
{
    std::lock_guard guard(m_mutex);
    return m_runs;
}

void Housekeeper::runAllNow()
{
    std::vector<std::function<void()>> jobs;
    {
        std::lock_guard guard(m_mutex);
        for (const Scheduled &scheduled : m_jobs)
            jobs.push_back(scheduled.job.run);
    }
    std::lock_guard running(m_runMutex);
    for (const auto &job : jobs)
        job();
    std::lock_guard guard(m_mutex);
    m_runs += jobs.size();
}

void Housekeeper::loop(std::stop_token stop)
{
    std::unique_lock guard(m_mutex);
    while (!stop.stop_requested()) {
        if (m_jobs.empty()) {
            m_wake.wait(guard, stop, [] { return false; });
            continue;
        }
        const auto next = std::min_element(m_jobs.begin(), m_jobs.end(),
            [](const Scheduled &a, const Scheduled &b) { return a.due < b.due; });
        const auto due = next->due;
        if (m_wake.wait_until(guard, stop, due, [] { return false; }) || stop.stop_requested())
            break;
        const auto now = std::chrono::steady_clock::now();
        std::vector<std::function<void()>> ready;
        for (Scheduled &scheduled : m_jobs) {
            if (scheduled.due <= now) {
                ready.push_back(scheduled.job.run);
                scheduled.due = now + scheduled.job.every;
            }
        }
        guard.unlock();
        {
            std::lock_guard running(m_runMutex);
            for (const auto &job : ready)
                job();
        }
        guard.lock();
        m_runs += ready.size();
    }
}

} // namespace javumbo
