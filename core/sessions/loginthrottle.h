#pragma once

#include "common/result.h"

#include <QString>

#include <chrono>
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
    // MemoryLoginThrottle: keys (accounts, pairs, addresses) remembered at most;
    // beyond it the stalest go first, so a flood of made-up names cannot
    // exhaust memory. (PgLoginThrottle deletes failures once out of the window.)
    qsizetype maxTrackedKeys = 100000;
};

// Slows down password guessing (docs/api.md: 429 too_many_attempts) without
// letting one student lock a class out: an account is refused only for its
// own failures (from that address, or from anywhere in larger numbers), never
// because of other accounts' failures, even when the whole class shares one
// address. A refusal lasts until the failure that caused it leaves the sliding
// window: the limit-th newest failure within the window decides. docs/api.md §2
// gives the numbers.
//
// Two implementations with one behaviour (tests/sessions/tst_loginthrottle runs
// against both): MemoryLoginThrottle for one server, PgLoginThrottle where
// several instances share a PostgreSQL database and must share the count — N
// instances must not give a guesser N times the attempts.
class LoginThrottle
{
public:
    using Policy = LoginThrottlePolicy;
    virtual ~LoginThrottle() = default;

    // Ask before checking credentials: seconds to wait (1..window) if blocked.
    // Usernames compare case-insensitively; an empty address is not tracked
    // (only the account-wide limit applies).
    virtual Result<std::optional<int>> retryAfterSeconds(
        const QString &username, const QString &address) const = 0;
    virtual Result<void> recordFailure(const QString &username, const QString &address) = 0;
    // Clears the failures of this account from this address; the account-wide
    // and address counts stay, so one valid login does not reset guessing
    // that goes on elsewhere.
    virtual Result<void> recordSuccess(const QString &username, const QString &address) = 0;

protected:
    // Rounded up: a client retrying on time must get through.
    static int secondsToWait(qint64 waitMs) { return int((waitMs + 999) / 1000); }
};

} // namespace javumbo
