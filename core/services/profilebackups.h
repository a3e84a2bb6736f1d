#pragma once

#include "common/result.h"
#include "servicecontext.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace javumbo {

// The desktop app's automatic backups of each profile's collection, as
// Anki keeps them: taken when the app closes or switches profile and every
// 30 minutes of use, the newest `keep` kept per profile, in
// <data dir>/backups/user_N/ as user_N-<time>.db. Each is a consistent
// snapshot (storage::backupDatabase). A restore writes the backup into the
// live file through SQLite, under the user's lock, after backing up what is
// there now, so a mistaken restore can itself be undone.
class ProfileBackups
{
public:
    struct Entry
    {
        QString path;
        QDateTime takenAt;
        qint64 size = 0;
    };
    static constexpr int kDefaultKeep = 20;

    ProfileBackups(const ServiceContext &context, int keep = kDefaultKeep);

    QString folder(qint64 userId) const;
    Result<Entry> backUp(qint64 userId) const;
    // Newest first.
    QList<Entry> list(qint64 userId) const;
    // Backs up the current collection, then replaces its content with `backupPath`'s.
    Result<void> restore(qint64 userId, const QString &backupPath) const;

private:
    const ServiceContext &m_context;
    const int m_keep;
};

} // namespace javumbo
