#include "pgloginthrottle.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

// Usernames compare case-insensitively, as in MemoryLoginThrottle.
QString accountKey(const QString &username)
{
    return username.toLower();
}

} // namespace

PgLoginThrottle::PgLoginThrottle(postgres::PgDatabase &database, const Clock &clock, Policy policy)
    : m_database(database), m_clock(clock), m_policy(std::move(policy))
{ }

Result<std::optional<qint64>> PgLoginThrottle::blockedForMs(
    QSqlDatabase &db, const QString &where, const QVariantList &bindings, int limit, qint64 nowMs) const
{
    // The limit-th newest failure within the window decides: until it leaves
    // the window, the window holds `limit` failures.
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(
        u"SELECT at_ms FROM login_failures WHERE %1 AND at_ms > ? ORDER BY at_ms DESC OFFSET ? LIMIT 1"_s.arg(
            where));
    for (const QVariant &value : bindings)
        query.addBindValue(value);
    query.addBindValue(nowMs - windowMs());
    query.addBindValue(std::max(1, limit) - 1);
    if (!query.exec())
        return m_database.failure(db, query.lastError(), u"reading failed logins"_s);
    if (!query.next())
        return std::optional<qint64>();
    return std::optional(query.value(0).toLongLong() + windowMs() - nowMs);
}

Result<std::optional<int>> PgLoginThrottle::retryAfterSeconds(
    const QString &username, const QString &address) const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    const qint64 nowMs = m_clock.nowMs();
    const QString account = accountKey(username);
    auto waitMs
        = blockedForMs(db.value(), u"username_key = ?"_s, {account}, m_policy.maxAccountFailures, nowMs);
    if (!waitMs)
        return waitMs.error();
    if (!address.isEmpty()) {
        auto flooded = blockedForMs(db.value(), u"address = ?"_s, {address}, m_policy.floodFailures, nowMs);
        if (!flooded)
            return flooded.error();
        const int pairLimit = flooded.value() ? 1 : m_policy.maxPairFailures;
        auto pair = blockedForMs(db.value(), u"username_key = ? AND address = ? AND NOT pair_cleared"_s,
            {account, address}, pairLimit, nowMs);
        if (!pair)
            return pair.error();
        if (pair.value())
            waitMs = std::optional(std::max(waitMs.value().value_or(0), *pair.value()));
    }
    if (!waitMs.value())
        return std::optional<int>();
    return std::optional(secondsToWait(*waitMs.value()));
}

Result<void> PgLoginThrottle::recordFailure(const QString &username, const QString &address)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    const qint64 nowMs = m_clock.nowMs();
    // Failures that left the window count for nothing any more.
    QSqlQuery expired(db.value());
    expired.prepare(u"DELETE FROM login_failures WHERE at_ms <= ?"_s);
    expired.addBindValue(nowMs - windowMs());
    if (!expired.exec())
        return m_database.failure(db.value(), expired.lastError(), u"deleting old failed logins"_s);
    QSqlQuery insert(db.value());
    insert.prepare(u"INSERT INTO login_failures (at_ms, username_key, address) VALUES (?, ?, ?)"_s);
    insert.addBindValue(nowMs);
    insert.addBindValue(accountKey(username));
    insert.addBindValue(address);
    if (!insert.exec())
        return m_database.failure(db.value(), insert.lastError(), u"recording a failed login"_s);
    return {};
}

Result<void> PgLoginThrottle::recordSuccess(const QString &username, const QString &address)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    QSqlQuery clear(db.value());
    clear.prepare(u"UPDATE login_failures SET pair_cleared = true WHERE username_key = ? AND address = ?"_s);
    clear.addBindValue(accountKey(username));
    clear.addBindValue(address);
    if (!clear.exec())
        return m_database.failure(db.value(), clear.lastError(), u"clearing failed logins"_s);
    return {};
}

} // namespace javumbo
