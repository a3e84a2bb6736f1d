#include "datadirectory.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryFile>

using namespace Qt::StringLiterals;

namespace javumbo::hosting {

Result<QString> resolveDataDirectory(const QString &given)
{
    const QString dir
        = given.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : given;
    if (dir.isEmpty())
        return makeError(ErrorCode::StorageUnavailable, u"no data directory: pass --data-dir"_s);
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create the data directory %1"_s.arg(dir));
    // Permissions alone do not tell (root ignores them; a read-only mount does not): try.
    QTemporaryFile probe(QDir(dir).filePath(u".write-test-XXXXXX"_s));
    if (!probe.open())
        return makeError(ErrorCode::StorageUnavailable,
            u"the data directory %1 is not writable: %2"_s.arg(dir, probe.errorString()));
    return QFileInfo(dir).absoluteFilePath();
}

Result<QString> existingDataDirectory(const QString &given)
{
    const QString dir
        = given.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : given;
    if (dir.isEmpty())
        return makeError(ErrorCode::StorageUnavailable, u"no data directory: pass --data-dir"_s);
    if (!QFileInfo(dir).isDir())
        return makeError(ErrorCode::StorageUnavailable, u"the data directory %1 does not exist"_s.arg(dir));
    return QFileInfo(dir).absoluteFilePath();
}

Result<std::unique_ptr<QLockFile>> claimDataDirectory(const QString &dataDir)
{
    auto lock = std::make_unique<QLockFile>(QDir(dataDir).filePath(u"javumbo-server.lock"_s));
    lock->setStaleLockTime(0); // only a dead owner makes the lock stale, never its age
    if (lock->tryLock(0))
        return lock;
    if (lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host, application;
        lock->getLockInfo(&pid, &host, &application);
        return makeError(ErrorCode::StorageUnavailable,
            u"another Javumbo server (pid %1 on %2) already uses %3"_s.arg(pid).arg(host, dataDir));
    }
    return makeError(ErrorCode::StorageUnavailable, u"cannot create the lock file in %1"_s.arg(dataDir));
}

} // namespace javumbo::hosting
