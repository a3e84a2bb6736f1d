#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace javumbo {

// One file of a backup, as its manifest lists it.
struct BackupFile
{
    QString path; // relative to the backup's folder, '/'-separated
    qint64 size = 0;
    QByteArray sha256; // hex
};

// manifest.json: what a backup holds and how to tell it is whole.
struct BackupManifest
{
    static constexpr int kFormat = 1;
    QString javumboVersion;
    QDateTime createdAt;
    double seconds = 0; // how long taking it took
    QList<BackupFile> files;

    QByteArray toJson() const;
    static Result<BackupManifest> fromJson(const QByteArray &json);
};

// Consistent backups of a data directory while the server runs, and their
// restore (README "Admins"). Every SQLite file is copied with SQLite's backup
// API (storage::backupDatabase), never as bytes beside a live WAL; media
// folders, if any, are copied as files.
//
// Order, so a restored data directory is coherent: admin.db first (the
// accounts whose collections are then copied), idempotency.db next (a key is
// completed only after its card committed, so a key in the copy never names a
// card the copy lacks), then every collection. Each copy is taken after the
// backup started, so it holds every write acknowledged before that.
class DataBackup
{
public:
    using Progress = std::function<void(qint64 doneBytes, qint64 totalBytes, const QString &file)>;

    // Writes a backup of `dataDir` into `destination`, which must not exist
    // or be empty; manifest.json is written last, so a folder without one is
    // an unfinished backup.
    static Result<BackupManifest> create(const QString &dataDir, const QString &destination,
        const QString &version, const Progress &progress = {});
    // Checks every file the manifest lists (present, size, SHA-256) and that
    // nothing it needs is missing.
    static Result<BackupManifest> verify(const QString &backupDir);

    struct RestoreOptions
    {
        bool force = false; // overwrite existing files
        QString username; // restore only this user's collection
    };
    // Restores into `dataDir`, which no server may be using (the caller
    // checks the claim): verifies the backup first; refuses to overwrite
    // existing files without `force` (a quarantined collection may always be
    // replaced); removes stale -wal/-shm files and quarantine marks of what it
    // replaced. Returns the relative paths restored.
    static Result<QStringList> restore(
        const QString &backupDir, const QString &dataDir, const RestoreOptions &options);

    // Scheduled backups (`serve --backup-dir`): a new folder named by the
    // time, and only the newest `keep` kept.
    static QString scheduledFolderName(const QDateTime &when);
    static void prune(const QString &backupRoot, int keep);
};

} // namespace javumbo
