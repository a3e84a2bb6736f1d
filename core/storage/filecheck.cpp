#include "filecheck.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <sqlite3.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace javumbo::storage {

FileStamp FileStamp::of(const QString &path)
{
    struct stat info
    {
    };
    FileStamp stamp;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return stamp;
    stamp.exists = true;
    stamp.device = quint64(info.st_dev);
    stamp.inode = quint64(info.st_ino);
    stamp.size = qint64(info.st_size);
    stamp.modifiedNs = qint64(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
    return stamp;
}

FileWatch &FileWatch::instance()
{
    static FileWatch watch;
    return watch;
}

bool FileWatch::isVerified(const QString &path, const FileStamp &stamp) const
{
    std::lock_guard guard(m_mutex);
    const auto it = m_verified.find(path);
    return it != m_verified.end() && it->second == stamp;
}

void FileWatch::setVerified(const QString &path, const FileStamp &stamp)
{
    std::lock_guard guard(m_mutex);
    m_verified.insert_or_assign(path, stamp);
}

void FileWatch::noteOwnWrite(const QString &path, const FileStamp &before)
{
    const FileStamp after = FileStamp::of(path);
    std::lock_guard guard(m_mutex);
    const auto it = m_verified.find(path);
    if (it != m_verified.end() && it->second == before && after.sameFile(before))
        it->second = after;
}

void FileWatch::forget(const QString &path)
{
    std::lock_guard guard(m_mutex);
    m_verified.erase(path);
    m_damaged.erase(path);
}

bool FileWatch::wasVerifiedNonEmpty(const QString &path) const
{
    std::lock_guard guard(m_mutex);
    const auto it = m_verified.find(path);
    return it != m_verified.end() && it->second.size > 0;
}

bool FileWatch::wasReplaced(const QString &path, const FileStamp &stamp) const
{
    std::lock_guard guard(m_mutex);
    const auto it = m_verified.find(path);
    return it != m_verified.end() && stamp.exists && !stamp.sameFile(it->second);
}

bool FileWatch::isDamaged(const QString &path) const
{
    std::lock_guard guard(m_mutex);
    return m_damaged.contains(path);
}

void FileWatch::markDamaged(const QString &path)
{
    std::lock_guard guard(m_mutex);
    m_damaged.insert_or_assign(path, true);
    m_verified.erase(path);
}

Result<void> FileWatch::verify(const QString &path, const FileStamp &opened, int pageSize)
{
    Result<void> checked = compare(path, opened, pageSize);
    if (!checked && checked.code() == ErrorCode::StorageCorrupt)
        markDamaged(path);
    return checked;
}

Result<void> FileWatch::compare(const QString &path, const FileStamp &opened, int pageSize)
{
    const FileStamp now = FileStamp::of(path);
    if (!now.exists)
        return makeError(ErrorCode::StorageCorrupt, u"%1 was deleted while open"_s.arg(path));
    if (!now.sameFile(opened))
        return makeError(
            ErrorCode::StorageCorrupt, u"%1 was replaced by another file while open"_s.arg(path));
    if ((now.size == 0 && opened.size > 0) || (pageSize > 0 && now.size % pageSize != 0))
        return makeError(ErrorCode::StorageCorrupt,
            u"%1 was truncated while open (%2 bytes, pages of %3)"_s.arg(path).arg(now.size).arg(pageSize));
    if (isVerified(path, now))
        return {};
    if (auto checked = checkFile(path); !checked)
        return checked;
    setVerified(path, now);
    return {};
}

namespace {

// A private read-only connection: its own page cache, so what it reads is
// what the file holds now.
struct PrivateConnection
{
    sqlite3 *db = nullptr;
    ~PrivateConnection() { sqlite3_close_v2(db); }
};

} // namespace

namespace {

Result<QString> runCheck(const QString &path, bool thorough, bool immutable)
{
    PrivateConnection connection;
    const QByteArray uri
        = "file:" + QUrl::toPercentEncoding(path, "/") + (immutable ? "?immutable=1" : "?mode=ro");
    if (sqlite3_open_v2(uri.constData(), &connection.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr)
        != SQLITE_OK) {
        const int code = connection.db ? sqlite3_extended_errcode(connection.db) : SQLITE_CANTOPEN;
        return makeError(
            (code & 0xff) == SQLITE_NOTADB ? ErrorCode::StorageCorrupt : ErrorCode::StorageUnavailable,
            u"cannot open %1 to check it: %2"_s.arg(path, QString::fromUtf8(sqlite3_errstr(code))));
    }
    sqlite3_busy_timeout(connection.db, 5000);
    sqlite3_stmt *statement = nullptr;
    const char *sql = thorough ? "PRAGMA integrity_check(20)" : "PRAGMA quick_check(20)";
    int rc = sqlite3_prepare_v2(connection.db, sql, -1, &statement, nullptr);
    QStringList findings;
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        rc = sqlite3_step(statement);
        if (rc != SQLITE_ROW)
            break;
        findings << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) {
        const int code = sqlite3_extended_errcode(connection.db) & 0xff;
        const QString why = QString::fromUtf8(sqlite3_errmsg(connection.db));
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
            return why;
        return makeError(ErrorCode::StorageUnavailable, u"checking %1: %2"_s.arg(path, why));
    }
    return findings.join(u"; "_s);
}

} // namespace

Result<QString> integrityReport(const QString &path, bool thorough)
{
    auto report = runCheck(path, thorough, false);
    // A read-only WAL reader needs a -shm, which a full disk or a directory
    // we may not write cannot give. With no commits in a WAL the file alone
    // is the database: check it as immutable (as Database::open reads it).
    const QFileInfo wal(path + u"-wal"_s);
    if (!report && report.code() == ErrorCode::StorageUnavailable && (!wal.exists() || wal.size() == 0))
        return runCheck(path, thorough, true);
    return report;
}

Result<void> checkFile(const QString &path, bool thorough)
{
    auto report = integrityReport(path, thorough);
    if (!report)
        return report.error();
    if (report.value() != u"ok"_s)
        return makeError(ErrorCode::StorageCorrupt, u"%1 is damaged: %2"_s.arg(path, report.value()));
    return {};
}

} // namespace javumbo::storage
