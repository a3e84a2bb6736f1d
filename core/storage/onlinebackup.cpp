#include "onlinebackup.h"

#include <QFile>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace javumbo::storage {

namespace {

struct Handle
{
    sqlite3 *db = nullptr;
    ~Handle() { sqlite3_close_v2(db); }
    QString message() const { return QString::fromUtf8(sqlite3_errmsg(db)); }
};

Result<void> syncFile(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0)
            ::close(fd);
        return makeError(ErrorCode::StorageUnavailable, u"cannot sync %1"_s.arg(path));
    }
    ::close(fd);
    return {};
}

// Every page of `from` into `to` (SQLite's backup API), in one step: one read
// transaction on the source, so a commit meanwhile can neither restart the
// copy nor tear it; and one write transaction on the destination.
Result<void> copyPages(const Handle &from, const Handle &to, const QString &source)
{
    sqlite3_backup *backup = sqlite3_backup_init(to.db, "main", from.db, "main");
    if (!backup)
        return makeError(ErrorCode::StorageUnavailable, u"cannot copy %1: %2"_s.arg(source, to.message()));
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return makeError(rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? ErrorCode::StorageCorrupt
                                                                     : ErrorCode::StorageUnavailable,
            u"copying %1: %2"_s.arg(source, QString::fromUtf8(sqlite3_errstr(rc))));
    return {};
}

} // namespace

Result<void> backupDatabase(const QString &source, const QString &destination)
{
    const QString part = destination + u".part"_s;
    QFile::remove(part);
    {
        Handle from;
        // Read-write only so SQLite can join the WAL's shared memory when no
        // other process has the file open; nothing is written through it, and
        // closing it must not checkpoint either.
        if (sqlite3_open_v2(QFile::encodeName(source).constData(), &from.db, SQLITE_OPEN_READWRITE, nullptr)
            != SQLITE_OK)
            return makeError(
                ErrorCode::StorageUnavailable, u"cannot open %1: %2"_s.arg(source, from.message()));
        sqlite3_db_config(from.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        sqlite3_busy_timeout(from.db, 10000);
        Handle to;
        if (sqlite3_open_v2(QFile::encodeName(part).constData(), &to.db,
                SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
            != SQLITE_OK)
            return makeError(
                ErrorCode::StorageUnavailable, u"cannot create %1: %2"_s.arg(part, to.message()));
        if (auto copied = copyPages(from, to, source); !copied)
            return copied;
        // A self-contained file: no -wal beside the copy.
        sqlite3_exec(to.db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
    }
    if (auto synced = syncFile(part); !synced)
        return synced;
    QFile::remove(destination);
    if (::rename(QFile::encodeName(part).constData(), QFile::encodeName(destination).constData()) != 0)
        return makeError(ErrorCode::StorageUnavailable, u"cannot rename %1 into place"_s.arg(part));
    return {};
}

Result<void> restoreInto(const QString &source, const QString &destination)
{
    Handle from;
    if (sqlite3_open_v2(QFile::encodeName(source).constData(), &from.db, SQLITE_OPEN_READONLY, nullptr)
        != SQLITE_OK)
        return makeError(ErrorCode::StorageUnavailable, u"cannot open %1: %2"_s.arg(source, from.message()));
    Handle to;
    if (sqlite3_open_v2(QFile::encodeName(destination).constData(), &to.db, SQLITE_OPEN_READWRITE, nullptr)
        != SQLITE_OK)
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot open %1: %2"_s.arg(destination, to.message()));
    sqlite3_busy_timeout(to.db, 10000);
    return copyPages(from, to, source);
}

} // namespace javumbo::storage
