#include "sqliteerror.h"

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace javumbo::storage {

SqliteCode sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int native = error.nativeErrorCode().toInt(&ok);
    if (!ok)
        return SqliteCode::Other;
    switch (native & 0xff) { // extended codes carry the primary code in the low byte
    case 5:
        return SqliteCode::Busy;
    case 6:
        return SqliteCode::Locked;
    case 8:
        return SqliteCode::ReadOnly;
    case 10:
        return SqliteCode::IoError;
    case 11:
        return SqliteCode::Corrupt;
    case 13:
        return SqliteCode::Full;
    case 14:
        return SqliteCode::CantOpen;
    case 19:
        return SqliteCode::Constraint;
    case 26:
        return SqliteCode::NotADatabase;
    default:
        return SqliteCode::Other;
    }
}

Error storageError(const QSqlError &error, const QString &context)
{
    const QString detail = context % u": "_s % error.text();
    switch (sqliteCode(error)) {
    case SqliteCode::Busy:
    case SqliteCode::Locked:
        return makeError(ErrorCode::StorageUnavailable, u"database busy: "_s % detail);
    case SqliteCode::ReadOnly:
        return makeError(ErrorCode::StorageUnavailable, u"storage is read-only: "_s % detail);
    case SqliteCode::Full:
        return makeError(ErrorCode::StorageUnavailable, u"disk full: "_s % detail);
    case SqliteCode::IoError:
    case SqliteCode::CantOpen:
        return makeError(ErrorCode::StorageUnavailable, u"storage I/O error: "_s % detail);
    case SqliteCode::Corrupt:
    case SqliteCode::NotADatabase:
        return makeError(ErrorCode::StorageCorrupt, detail);
    case SqliteCode::Constraint:
    case SqliteCode::Other:
        break;
    }
    return makeError(ErrorCode::Internal, detail);
}

QSqlError sqliteError(sqlite3 *db, int code, const QString &driverText, QSqlError::ErrorType type)
{
    const QString databaseText = db ? QString::fromUtf16(static_cast<const char16_t *>(sqlite3_errmsg16(db)))
                                    : u"no SQLite handle"_s;
    return QSqlError(driverText, databaseText, type, QString::number(code));
}

} // namespace javumbo::storage
