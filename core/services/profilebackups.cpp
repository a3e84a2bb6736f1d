#include "profilebackups.h"

#include "pgmigration.h"
#include "storage/pgcollections.h"

#include "storage/filecheck.h"
#include "storage/onlinebackup.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace javumbo {

ProfileBackups::ProfileBackups(const ServiceContext &context, int keep) : m_context(context), m_keep(keep) { }

QString ProfileBackups::folder(qint64 userId) const
{
    return QDir(m_context.dataDir).filePath(u"backups/user_%1"_s.arg(userId));
}

Result<ProfileBackups::Entry> ProfileBackups::backUp(qint64 userId) const
{
    if (!QDir().mkpath(folder(userId)))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create %1"_s.arg(folder(userId)));
    // Named by the time, to the millisecond; two in one millisecond take the next.
    QDateTime now = QDateTime::fromMSecsSinceEpoch(m_context.clock->nowMs(), Qt::UTC);
    const auto nameAt = [&](const QDateTime &when) {
        return QDir(folder(userId))
            .filePath(u"user_%1-%2.db"_s.arg(userId).arg(when.toString(u"yyyyMMdd-HHmmss-zzz"_s)));
    };
    while (QFileInfo::exists(nameAt(now)))
        now = now.addMSecs(1);
    const QString target = nameAt(now);
    auto copied = m_context.postgres
        ? PgMigration::copyCollectionToFile(m_context.postgres->database(), userId, target)
        : storage::backupDatabase(m_context.collectionPath(userId), target);
    if (!copied)
        return copied.error();
    const QList<Entry> all = list(userId);
    for (qsizetype i = m_keep; i < all.size(); ++i)
        QFile::remove(all[i].path);
    return Entry {target, now, QFileInfo(target).size()};
}

QList<ProfileBackups::Entry> ProfileBackups::list(qint64 userId) const
{
    QList<Entry> entries;
    const QDir dir(folder(userId));
    // Names carry the time, so the newest sorts last.
    const QStringList names
        = dir.entryList({u"user_%1-*.db"_s.arg(userId)}, QDir::Files, QDir::Name | QDir::Reversed);
    for (const QString &name : names) {
        const QString stamp = name.section(u'-', 1).chopped(3);
        QDateTime when = QDateTime::fromString(stamp, u"yyyyMMdd-HHmmss-zzz"_s);
        when.setTimeSpec(Qt::UTC);
        entries.append({dir.filePath(name), when, QFileInfo(dir.filePath(name)).size()});
    }
    return entries;
}

Result<void> ProfileBackups::restore(qint64 userId, const QString &backupPath) const
{
    if (auto sound = storage::checkFile(backupPath, true); !sound)
        return sound;
    auto held = m_context.locks->lock(userId, m_context.lockTimeout);
    if (!held)
        return held.error();
    if (auto saved = backUp(userId); !saved)
        return saved.error();
    return storage::restoreInto(backupPath, m_context.collectionPath(userId));
}

} // namespace javumbo
