#include "userwritelock.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace javumbo::postgres {

Result<void> lockUserForWrite(
    PgDatabase &database, QSqlDatabase &db, qint64 userId, std::chrono::milliseconds remaining)
{
    // lock_timeout = 0 would mean "wait forever": a bound that is used up waits 1 ms.
    const qint64 timeoutMs = std::max<qint64>(1, remaining.count());
    if (auto set = database.execute(db, u"SET LOCAL lock_timeout = %1"_s.arg(timeoutMs)); !set)
        return set;
    // Not a prepared statement: Qt deallocates those when the QSqlQuery goes,
    // which fails (and warns) inside the transaction a timeout has just aborted.
    QSqlQuery lock(db);
    if (lock.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(userId)))
        return {};
    Error error = database.failure(db, lock.lastError(), u"taking user %1's write lock"_s.arg(userId));
    if (error.code == ErrorCode::UserBusy)
        error.message = u"user %1's data is being written through another connection (another instance); "
                        "waited %2 ms"_s.arg(userId)
                            .arg(timeoutMs);
    return error;
}

} // namespace javumbo::postgres
