#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <thread>

namespace javumbo::loadtest {

// The run's monitor thread: calls `tick` once per interval until destroyed
// (LoadTestRunner's tick: the deadline, the server's lock figures, an
// incremental integrity pass and a snapshot). Destruction wakes the thread,
// lets a tick under way finish and joins it.
class RunMonitor
{
public:
    RunMonitor(std::chrono::microseconds interval, std::function<void()> tick);
    RunMonitor(const RunMonitor &) = delete;
    RunMonitor &operator=(const RunMonitor &) = delete;

private:
    void loop(std::stop_token stop);

    std::chrono::microseconds m_interval;
    std::function<void()> m_tick;
    std::condition_variable_any m_wake; // woken early by the jthread's stop request
    std::jthread m_thread; // last: starts once the members above exist, joins first
};

} // namespace javumbo::loadtest
