#include "pgerror.h"

using namespace Qt::StringLiterals;

namespace javumbo::postgres {

QString sqlState(const QSqlError &error)
{
    return error.nativeErrorCode();
}

bool isConnectionLoss(const QSqlError &error)
{
    if (error.type() == QSqlError::NoError)
        return false;
    const QString state = sqlState(error);
    return error.type() == QSqlError::ConnectionError || state.startsWith("08"_L1)
        || state.startsWith("57P"_L1);
}

Error pgError(const QSqlError &error, const QString &context)
{
    const QString state = sqlState(error);
    const QString detail = error.databaseText().isEmpty() ? error.driverText() : error.databaseText();
    const QString message = context + u": "_s + detail.trimmed()
        + (state.isEmpty() ? QString() : u" (SQLSTATE "_s + state + u')');
    // 55P03 lock_not_available: SET LOCAL lock_timeout expired (userwritelock.h).
    if (state == "55P03"_L1)
        return makeError(ErrorCode::UserBusy, message);
    // 25006 read_only_sql_transaction: a standby, or default_transaction_read_only;
    // class 53 insufficient resources (53100 disk full, 53300 too many connections).
    if (isConnectionLoss(error) || state == "25006"_L1 || state.startsWith("53"_L1))
        return makeError(ErrorCode::StorageUnavailable, message);
    // XX001 data_corrupted, XX002 index_corrupted.
    if (state == "XX001"_L1 || state == "XX002"_L1)
        return makeError(ErrorCode::StorageCorrupt, message);
    return makeError(ErrorCode::Internal, message);
}

} // namespace javumbo::postgres
