#include "runmonitor.h"

#include <mutex>

namespace javumbo::loadtest {

RunMonitor::RunMonitor(std::chrono::microseconds interval, std::function<void()> tick)
    : m_interval(interval), m_tick(std::move(tick)), m_thread([this](std::stop_token stop) { loop(stop); })
{ }

void RunMonitor::loop(std::stop_token stop)
{
    std::mutex mutex; // the wait needs one; nothing else shares it
    std::unique_lock lock(mutex);
    while (!m_wake.wait_for(lock, stop, m_interval, [&stop] { return stop.stop_requested(); }))
        m_tick();
}

} // namespace javumbo::loadtest
