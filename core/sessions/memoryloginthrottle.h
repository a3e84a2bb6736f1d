#pragma once

#include "common/clock.h"
#include "loginthrottle.h"

#include <QHash>
#include <QString>

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>

namespace javumbo {

// LoginThrottle in this process's memory: for one server (the desktop app's,
// or `serve` on a data directory). Thread-safe; forgetting everything on
// restart is acceptable.
class MemoryLoginThrottle final : public LoginThrottle
{
public:
    explicit MemoryLoginThrottle(const Clock &clock, Policy policy = {});

    Result<std::optional<int>> retryAfterSeconds(
        const QString &username, const QString &address) const override;
    Result<void> recordFailure(const QString &username, const QString &address) override;
    Result<void> recordSuccess(const QString &username, const QString &address) override;

    // Keys (accounts, pairs, addresses) remembered now; at most Policy::maxTrackedKeys.
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
