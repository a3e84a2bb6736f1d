#pragma once

#include <chrono>

namespace javumbo::storage {

// How long a PostgreSQL write transaction begun on this thread may wait for
// its user's lock (postgres/userwritelock.h): what is left of the request's
// lock bound once the in-process lock (locking/) was taken. The service that
// holds that lock sets it for the duration of the write; a transaction begun
// without one waits at most kDefault.
class WriteLockBound
{
public:
    static constexpr std::chrono::milliseconds kDefault {5000};

    explicit WriteLockBound(std::chrono::steady_clock::time_point deadline);
    ~WriteLockBound();
    WriteLockBound(const WriteLockBound &) = delete;
    WriteLockBound &operator=(const WriteLockBound &) = delete;

    // What is left on this thread; never negative.
    static std::chrono::milliseconds remaining();

    // The planted fault no-user-lock (loadtest self-test) skips the user's
    // lock in PostgreSQL too while one of these lives on the thread.
    static bool lockSkipped();

private:
    std::chrono::steady_clock::time_point m_previous;
};

// The planted fault no-user-lock on PostgreSQL: write transactions begun on
// this thread while it lives take no user lock. Never in real use.
class PlantedNoUserLock
{
public:
    PlantedNoUserLock();
    ~PlantedNoUserLock();
    PlantedNoUserLock(const PlantedNoUserLock &) = delete;
    PlantedNoUserLock &operator=(const PlantedNoUserLock &) = delete;
};

} // namespace javumbo::storage
