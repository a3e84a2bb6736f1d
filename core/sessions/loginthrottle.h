#pragma once

#include "common/clock.h"

#include <QHash>
#include <QString>

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>

namespace javumbo {

// Outside the class only because a nested struct's member initializers
// cannot feed a default argument of the enclosing class (CWG 1397).
struct LoginThrottlePolicy
{
    int maxFailures = 5;
    std::chrono::seconds window = std::chrono::seconds {60};
    // Usernames plus addresses remembered at most; beyond it the stalest go
    // first, so a flood of made-up names cannot exhaust memory.
    qsizetype maxTrackedKeys = 100000;
};

// Slows down password guessing (API.md: 429 too_many_attempts): a username or
// a client address with maxFailures failed logins within the sliding window
// is refused until the oldest of them leaves the window. In memory and
// thread-safe; forgetting everything on restart is acceptable.
class LoginThrottle
{
public:
    using Policy = LoginThrottlePolicy;

    explicit LoginThrottle(const Clock &clock, Policy policy = {});

    // Ask before checking credentials: seconds to wait (1..window) if blocked.
    // Usernames compare case-insensitively; an empty address is not tracked.
    std::optional<int> retryAfterSeconds(const QString &username, const QString &address) const;
    void recordFailure(const QString &username, const QString &address);
    // Clears the username's failures; the address keeps its own, so one valid
    // account does not reset an address that is guessing at many others.
    void recordSuccess(const QString &username, const QString &address);

    qsizetype trackedKeys() const;

private:
    using Failures = std::deque<qint64>; // milliseconds, oldest first, at most maxFailures

    std::optional<qint64> blockedForMs(const QString &key, qint64 nowMs) const;
    void addFailure(const QString &key, qint64 nowMs);
    void prune(qint64 nowMs);

    const Clock &m_clock;
    const Policy m_policy;
    mutable std::mutex m_mutex;
    // Guarded by m_mutex (blockedForMs, addFailure and prune run holding it):
    QHash<QString, Failures> m_failures;
};

} // namespace javumbo
