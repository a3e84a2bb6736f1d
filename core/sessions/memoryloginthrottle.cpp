#include "memoryloginthrottle.h"

#include <QList>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

// One map for every kind of key; the prefixes keep them from colliding.
QString accountKey(const QString &username)
{
    return u"u:"_s % username.toLower();
}

QString pairKey(const QString &username, const QString &address)
{
    return u"p:"_s % username.toLower() % u'\n' % address;
}

QString addressKey(const QString &address)
{
    return u"a:"_s % address;
}

} // namespace

MemoryLoginThrottle::MemoryLoginThrottle(const Clock &clock, Policy policy)
    : m_clock(clock), m_policy(std::move(policy))
{ }

Result<std::optional<int>> MemoryLoginThrottle::retryAfterSeconds(
    const QString &username, const QString &address) const
{
    const qint64 nowMs = m_clock.nowMs();
    std::scoped_lock locker(m_mutex);
    std::optional<qint64> waitMs = blockedForMs(accountKey(username), m_policy.maxAccountFailures, nowMs);
    const auto longest = [&waitMs](std::optional<qint64> other) {
        if (other)
            waitMs = std::max(waitMs.value_or(0), *other);
    };
    if (!address.isEmpty()) {
        const bool flooded = blockedForMs(addressKey(address), m_policy.floodFailures, nowMs).has_value();
        const int pairLimit = flooded ? 1 : m_policy.maxPairFailures;
        longest(blockedForMs(pairKey(username, address), pairLimit, nowMs));
    }
    if (!waitMs)
        return std::optional<int>();
    return std::optional(secondsToWait(*waitMs));
}

Result<void> MemoryLoginThrottle::recordFailure(const QString &username, const QString &address)
{
    const qint64 nowMs = m_clock.nowMs();
    std::scoped_lock locker(m_mutex);
    addFailure(accountKey(username), m_policy.maxAccountFailures, nowMs);
    if (!address.isEmpty()) {
        addFailure(pairKey(username, address), m_policy.maxPairFailures, nowMs);
        addFailure(addressKey(address), m_policy.floodFailures, nowMs);
    }
    if (m_failures.size() > m_policy.maxTrackedKeys)
        prune(nowMs);
    return {};
}

Result<void> MemoryLoginThrottle::recordSuccess(const QString &username, const QString &address)
{
    std::scoped_lock locker(m_mutex);
    m_failures.remove(pairKey(username, address));
    return {};
}

qsizetype MemoryLoginThrottle::trackedKeys() const
{
    std::scoped_lock locker(m_mutex);
    return m_failures.size();
}

std::optional<qint64> MemoryLoginThrottle::blockedForMs(const QString &key, int limit, qint64 nowMs) const
{
    const auto it = m_failures.constFind(key);
    limit = std::max(1, limit);
    if (it == m_failures.cend() || qsizetype(it->size()) < limit)
        return std::nullopt;
    // The limit-th newest failure decides: until it leaves the window, the
    // window holds `limit` failures.
    const qint64 releaseMs = (*it)[it->size() - size_t(limit)] + qint64(m_policy.window.count()) * 1000;
    if (releaseMs <= nowMs)
        return std::nullopt;
    return releaseMs - nowMs;
}

void MemoryLoginThrottle::addFailure(const QString &key, int keep, qint64 nowMs)
{
    Failures &failures = m_failures[key];
    const qint64 windowStartMs = nowMs - qint64(m_policy.window.count()) * 1000;
    while (!failures.empty() && failures.front() <= windowStartMs)
        failures.pop_front();
    failures.push_back(nowMs);
    while (qsizetype(failures.size()) > qMax(1, keep))
        failures.pop_front();
}

void MemoryLoginThrottle::prune(qint64 nowMs)
{
    const qint64 windowStartMs = nowMs - qint64(m_policy.window.count()) * 1000;
    m_failures.removeIf([windowStartMs](const auto &entry) { return entry.value().back() <= windowStartMs; });
    if (m_failures.size() <= m_policy.maxTrackedKeys)
        return;
    // Still too many live entries (a flood): drop the stalest quarter at once
    // so pruning stays rare, O(n) amortised over many failures.
    QList<qint64> newest;
    newest.reserve(m_failures.size());
    for (const Failures &failures : std::as_const(m_failures))
        newest.append(failures.back());
    const qsizetype keep = m_policy.maxTrackedKeys * 3 / 4;
    const qsizetype dropCount = m_failures.size() - keep;
    std::nth_element(newest.begin(), newest.begin() + dropCount - 1, newest.end());
    const qint64 threshold = newest.at(dropCount - 1);
    // Everything staler than the threshold goes; ties at it only as far as needed.
    m_failures.removeIf([threshold](const auto &entry) { return entry.value().back() < threshold; });
    qsizetype surplus = m_failures.size() - keep;
    m_failures.removeIf([&](const auto &entry) {
        if (surplus > 0 && entry.value().back() == threshold) {
            --surplus;
            return true;
        }
        return false;
    });
}

} // namespace javumbo
