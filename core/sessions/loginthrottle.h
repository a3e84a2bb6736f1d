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
    // Failures of one account from one address within the window: guessing
    // from one place, and a student who forgot the password.
    int maxPairFailures = 5;
    // Failures of one account from anywhere: guessing spread over addresses.
    int maxAccountFailures = 20;
    // Failures from one address for any accounts: a flood (password spraying).
    // A whole class shares one address behind a school NAT or a proxy, so this
    // is far above what a class produces; past it, an account that failed from
    // that address is refused until its failure leaves the window (one try per
    // account and window instead of maxPairFailures).
    int floodFailures = 100;
    std::chrono::seconds window = std::chrono::seconds {60};
    // Keys (accounts, pairs, addresses) remembered at most; beyond it the
    // stalest go first, so a flood of made-up names cannot exhaust memory.
    qsizetype maxTrackedKeys = 100000;
};

// Slows down password guessing (docs/api.md: 429 too_many_attempts) without
// letting one student lock a class out: an account is refused only for its
// own failures (from that address, or from anywhere in larger numbers), never
// because of other accounts' failures, even when the whole class shares one
// address. A refusal lasts until the failure that caused it leaves the sliding
// window. In memory and thread-safe; forgetting everything on restart is
// acceptable. docs/api.md §2 gives the numbers.
class LoginThrottle
{
public:
    using Policy = LoginThrottlePolicy;

    explicit LoginThrottle(const Clock &clock, Policy policy = {});

    // Ask before checking credentials: seconds to wait (1..window) if blocked.
    // Usernames compare case-insensitively; an empty address is not tracked
    // (only the account-wide limit applies).
    std::optional<int> retryAfterSeconds(const QString &username, const QString &address) const;
    void recordFailure(const QString &username, const QString &address);
    // Clears the failures of this account from this address; the account-wide
    // and address counts stay, so one valid login does not reset guessing
    // that goes on elsewhere.
    void recordSuccess(const QString &username, const QString &address);

    qsizetype trackedKeys() const;

private:
    using Failures = std::deque<qint64>; // milliseconds, oldest first, at most the key's limit

    // How long `key` stays blocked when `limit` failures within the window block it.
    std::optional<qint64> blockedForMs(const QString &key, int limit, qint64 nowMs) const;
    void addFailure(const QString &key, int keep, qint64 nowMs);
    void prune(qint64 nowMs);

    const Clock &m_clock;
    const Policy m_policy;
    mutable std::mutex m_mutex;
    // Guarded by m_mutex (blockedForMs, addFailure and prune run holding it):
    QHash<QString, Failures> m_failures;
};

} // namespace javumbo
