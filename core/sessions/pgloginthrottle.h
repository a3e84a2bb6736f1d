#pragma once

#include "common/clock.h"
#include "loginthrottle.h"
#include "postgres/pgdatabase.h"

namespace javumbo {

// LoginThrottle in PostgreSQL (table login_failures, docs/postgresql.md §3):
// every instance sharing the database counts the same failures, so failed
// logins spread over instances are refused as soon as they would be on one.
// The same rules as MemoryLoginThrottle, in SQL: a key is blocked while the
// limit-th newest of its failures is within the window. Failures that left
// the window are deleted as new ones arrive. A database that cannot be
// reached is storage_unavailable (503), never a login let through unchecked.
class PgLoginThrottle final : public LoginThrottle
{
public:
    PgLoginThrottle(postgres::PgDatabase &database, const Clock &clock, Policy policy = {});

    Result<std::optional<int>> retryAfterSeconds(
        const QString &username, const QString &address) const override;
    Result<void> recordFailure(const QString &username, const QString &address) override;
    Result<void> recordSuccess(const QString &username, const QString &address) override;

private:
    // How long the key matched by `where` (with `bindings`) stays blocked when
    // `limit` failures within the window block it.
    Result<std::optional<qint64>> blockedForMs(
        QSqlDatabase &db, const QString &where, const QVariantList &bindings, int limit, qint64 nowMs) const;
    qint64 windowMs() const { return qint64(m_policy.window.count()) * 1000; }

    postgres::PgDatabase &m_database;
    const Clock &m_clock;
    const Policy m_policy;
};

} // namespace javumbo
