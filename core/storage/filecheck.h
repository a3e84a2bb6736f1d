#pragma once

#include "common/result.h"

#include <QString>

#include <map>
#include <mutex>
#include <optional>

namespace javumbo::storage {

// What stat() says of a file: which file it is (device, inode) and what it
// last looked like (size, modification time). Cheap: one syscall.
struct FileStamp
{
    bool exists = false;
    quint64 device = 0;
    quint64 inode = 0;
    qint64 size = 0;
    qint64 modifiedNs = 0;

    static FileStamp of(const QString &path);
    bool sameFile(const FileStamp &other) const
    {
        return exists && other.exists && device == other.device && inode == other.inode;
    }
    bool operator==(const FileStamp &) const = default;
};

// Detects damage done to a database file while it is open (defect 7 of
// issue 14): SQLite trusts its page cache and never looks at the file's
// identity, so a file truncated, replaced or overwritten under a running
// server went unnoticed until a restart. Every use of a cached connection
// compares the file with the stamp it had when last verified:
//   - another inode or device, or no file: replaced or deleted;
//   - a size of 0 or not a whole number of pages: truncated;
//   - the same file but another size or time than our own writes left: an
//     unexplained change, so PRAGMA quick_check runs on a private connection
//     (no page cache to hide the damage) before the file is trusted again.
// Our own writes to the main file (checkpoints) call noteOwnWrite() so they
// do not count as unexplained. Process-wide, thread-safe.
class FileWatch
{
public:
    static FileWatch &instance();

    // Ok when `path` is the file `opened` names (its stamp at open) and is
    // unchanged or passes quick_check; StorageCorrupt otherwise.
    Result<void> verify(const QString &path, const FileStamp &opened, int pageSize);
    // After a write of ours reached the main file: its new stamp is trusted,
    // provided it was trusted just before (`before`).
    void noteOwnWrite(const QString &path, const FileStamp &before);
    // Forgets a file (removed or restored): the next open checks it afresh.
    void forget(const QString &path);
    // Whether `stamp` is the one last verified for `path`.
    bool isVerified(const QString &path, const FileStamp &stamp) const;
    void setVerified(const QString &path, const FileStamp &stamp);
    // Whether a check of `path` found damage since it was last forgotten.
    bool isDamaged(const QString &path) const;
    // Whether `path` was last verified holding data: an empty file there now was truncated, not
    // created (a connection opened on another thread sees only the empty file).
    bool wasVerifiedNonEmpty(const QString &path) const;
    // Whether `stamp` names another file than the one last verified at `path`: a
    // file replaced behind our back, even when no open connection is left to notice.
    bool wasReplaced(const QString &path, const FileStamp &stamp) const;
    void markDamaged(const QString &path);

private:
    Result<void> compare(const QString &path, const FileStamp &opened, int pageSize);

    mutable std::mutex m_mutex;
    // Guarded by m_mutex:
    std::map<QString, FileStamp> m_verified;
    std::map<QString, bool> m_damaged;
};

// PRAGMA quick_check (or integrity_check when `thorough`) on a private,
// read-only connection: "ok" gives a value, damage gives StorageCorrupt with
// SQLite's findings. A file SQLite cannot open is StorageUnavailable.
Result<void> checkFile(const QString &path, bool thorough = false);
// Its findings as text, "ok" for a sound file (check-data's report).
Result<QString> integrityReport(const QString &path, bool thorough);

} // namespace javumbo::storage
