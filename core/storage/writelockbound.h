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

private:
    std::chrono::steady_clock::time_point m_previous;
};

} // namespace javumbo::storage
