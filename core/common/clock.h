#pragma once

#include <QtGlobal>

#include <atomic>

namespace javumbo {

// The only source of time in core. Production uses SystemClock; tests pin a
// ManualClock so schedules, expiries and ids are reproducible.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
    // Minutes *west* of UTC at the given moment (UTC+2 is -120), as Anki stores it.
    virtual int utcOffsetMinutesWest(qint64 epochSeconds) const = 0;
    qint64 nowSeconds() const { return nowMs() / 1000; }
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
    int utcOffsetMinutesWest(qint64 epochSeconds) const override;
};

// A clock that moves only when told to. Thread-safe.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1704103200000, int offsetMinutesWest = 0)
        : m_nowMs(startMs), m_offset(offsetMinutesWest)
    { }
    qint64 nowMs() const override { return m_nowMs.load(); }
    int utcOffsetMinutesWest(qint64) const override { return m_offset.load(); }
    void setNowMs(qint64 ms) { m_nowMs.store(ms); }
    void advanceMs(qint64 ms) { m_nowMs.fetch_add(ms); }
    void setOffsetMinutesWest(int minutes) { m_offset.store(minutes); }

private:
    std::atomic<qint64> m_nowMs;
    std::atomic<int> m_offset;
};

} // namespace javumbo
