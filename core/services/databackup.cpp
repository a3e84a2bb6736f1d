#include "databackup.h"

#include "quarantine.h"
#include "storage/database.h"
#include "storage/filecheck.h"
#include "storage/onlinebackup.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

constexpr auto kManifest = "manifest.json";

Result<QByteArray> sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return makeError(ErrorCode::StorageUnavailable, u"cannot read %1"_s.arg(path));
    return hash.result().toHex();
}

Result<void> syncPath(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return makeError(ErrorCode::StorageUnavailable, u"cannot open %1 to sync it"_s.arg(path));
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced)
        return makeError(ErrorCode::StorageUnavailable, u"cannot sync %1"_s.arg(path));
    return {};
}

// Copies a plain file (media) or a closed database (restore) whole: written
// beside the target, synced, renamed into place.
Result<void> copyFile(const QString &from, const QString &to)
{
    const QString part = to + u".part"_s;
    QFile::remove(part);
    if (!QDir().mkpath(QFileInfo(to).absolutePath()) || !QFile::copy(from, part))
        return makeError(ErrorCode::StorageUnavailable, u"cannot copy %1 to %2"_s.arg(from, part));
    QFile(part).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (auto synced = syncPath(part); !synced)
        return synced;
    if (std::rename(QFile::encodeName(part).constData(), QFile::encodeName(to).constData()) != 0)
        return makeError(ErrorCode::StorageUnavailable, u"cannot rename %1 into place"_s.arg(part));
    return {};
}

struct AccountRow
{
    qint64 id = 0;
    QString username;
};

Result<QList<AccountRow>> accountsIn(const QString &adminDb)
{
    auto connection = storage::Database::open(adminDb, storage::OpenMode::ReadOnly, nullptr);
    if (!connection)
        return connection.error();
    QList<AccountRow> rows;
    {
        storage::Query query(*connection.value(), u"SELECT id, username FROM accounts ORDER BY id"_s,
            storage::Query::Caching::Uncached);
        if (auto done = query.exec(); !done)
            return done.error();
        while (query.next())
            rows.append({query.int64(0), query.text(1)});
    }
    storage::Database::closeOnThisThread(adminDb);
    return rows;
}

QString collectionRelative(qint64 userId)
{
    return u"user_dbs/user_%1.db"_s.arg(userId);
}

} // namespace

QByteArray BackupManifest::toJson() const
{
    QJsonArray list;
    for (const BackupFile &file : files)
        list.append(QJsonObject {
            {u"path"_s, file.path}, {u"size"_s, file.size}, {u"sha256"_s, QString::fromLatin1(file.sha256)}});
    return QJsonDocument(QJsonObject {{u"format"_s, kFormat}, {u"javumboVersion"_s, javumboVersion},
                             {u"createdAt"_s, createdAt.toUTC().toString(Qt::ISODateWithMs)},
                             {u"seconds"_s, seconds}, {u"files"_s, list}})
        .toJson();
}

Result<BackupManifest> BackupManifest::fromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    const QJsonObject root = document.object();
    if (error.error != QJsonParseError::NoError || root.value(u"format"_s).toInt() != kFormat)
        return makeError(
            ErrorCode::StorageCorrupt, u"the manifest is not a Javumbo backup manifest (format 1)"_s);
    BackupManifest manifest;
    manifest.javumboVersion = root.value(u"javumboVersion"_s).toString();
    manifest.createdAt = QDateTime::fromString(root.value(u"createdAt"_s).toString(), Qt::ISODateWithMs);
    manifest.seconds = root.value(u"seconds"_s).toDouble();
    for (const QJsonValue &value : root.value(u"files"_s).toArray()) {
        const QJsonObject file = value.toObject();
        const QString path = file.value(u"path"_s).toString();
        if (path.isEmpty() || path.startsWith(u'/') || path.contains(u".."_s))
            return makeError(
                ErrorCode::StorageCorrupt, u"the manifest names an unsafe path \"%1\""_s.arg(path));
        manifest.files.append(
            {path, qint64(file.value(u"size"_s).toDouble()), file.value(u"sha256"_s).toString().toLatin1()});
    }
    return manifest;
}

Result<BackupManifest> DataBackup::create(
    const QString &dataDir, const QString &destination, const QString &version, const Progress &progress)
{
    const QDir data(dataDir);
    QDir target(destination);
    if (target.exists() && !target.isEmpty())
        return makeError(ErrorCode::BadRequest, u"%1 exists and is not empty"_s.arg(destination));
    if (!QDir().mkpath(target.filePath(u"user_dbs"_s)))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create %1"_s.arg(destination));
    const QDateTime started = QDateTime::currentDateTimeUtc();
    QElapsedTimer timer;
    timer.start();

    if (!QFileInfo::exists(data.filePath(u"admin.db"_s)))
        return makeError(ErrorCode::StorageUnavailable, u"%1 has no admin.db"_s.arg(dataDir));
    if (auto copied = storage::backupDatabase(data.filePath(u"admin.db"_s), target.filePath(u"admin.db"_s));
        !copied)
        return copied.error();
    auto accounts = accountsIn(target.filePath(u"admin.db"_s));
    if (!accounts)
        return accounts.error();

    // What is left to copy, in order, with the live sizes for the progress bar.
    QStringList sources;
    if (QFileInfo::exists(data.filePath(u"idempotency.db"_s)))
        sources << u"idempotency.db"_s;
    for (const AccountRow &account : accounts.value()) {
        if (QFileInfo::exists(data.filePath(collectionRelative(account.id))))
            sources << collectionRelative(account.id);
    }
    QStringList media;
    QDirIterator mediaFiles(data.filePath(u"user_dbs"_s), QDir::Files, QDirIterator::Subdirectories);
    while (mediaFiles.hasNext()) {
        const QString path = data.relativeFilePath(mediaFiles.next());
        if (path.count(u'/') >= 2) // user_dbs/<folder>/...: a media folder
            media << path;
    }
    qint64 total = QFileInfo(target.filePath(u"admin.db"_s)).size();
    for (const QString &path : sources + media)
        total += QFileInfo(data.filePath(path)).size();
    qint64 done = QFileInfo(target.filePath(u"admin.db"_s)).size();
    if (progress)
        progress(done, total, u"admin.db"_s);
    for (const QString &path : sources) {
        if (auto copied = storage::backupDatabase(data.filePath(path), target.filePath(path)); !copied)
            return copied.error();
        done += QFileInfo(data.filePath(path)).size();
        if (progress)
            progress(std::min(done, total), total, path);
    }
    for (const QString &path : media) {
        if (auto copied = copyFile(data.filePath(path), target.filePath(path)); !copied)
            return copied.error();
        done += QFileInfo(data.filePath(path)).size();
        if (progress)
            progress(std::min(done, total), total, path);
    }

    BackupManifest manifest;
    manifest.javumboVersion = version;
    manifest.createdAt = started;
    for (const QString &path : QStringList {u"admin.db"_s} + sources + media) {
        auto digest = sha256Of(target.filePath(path));
        if (!digest)
            return digest.error();
        manifest.files.append({path, QFileInfo(target.filePath(path)).size(), digest.value()});
    }
    manifest.seconds = double(timer.nsecsElapsed()) / 1e9;
    QSaveFile file(target.filePath(QString::fromLatin1(kManifest)));
    if (!file.open(QIODevice::WriteOnly) || file.write(manifest.toJson()) < 0 || !file.commit())
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write the manifest in %1"_s.arg(destination));
    return manifest;
}

Result<BackupManifest> DataBackup::verify(const QString &backupDir)
{
    const QDir backup(backupDir);
    QFile file(backup.filePath(QString::fromLatin1(kManifest)));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::StorageCorrupt,
            u"%1 has no manifest.json: not a backup, or one that never finished"_s.arg(backupDir));
    auto manifest = BackupManifest::fromJson(file.readAll());
    if (!manifest)
        return manifest.error();
    bool hasAdmin = false;
    for (const BackupFile &entry : manifest->files) {
        hasAdmin = hasAdmin || entry.path == u"admin.db"_s;
        const QFileInfo info(backup.filePath(entry.path));
        if (!info.exists())
            return makeError(ErrorCode::StorageCorrupt, u"the backup lacks %1"_s.arg(entry.path));
        if (info.size() != entry.size)
            return makeError(ErrorCode::StorageCorrupt,
                u"%1 has %2 bytes, the manifest says %3"_s.arg(entry.path).arg(info.size()).arg(entry.size));
        auto digest = sha256Of(info.filePath());
        if (!digest)
            return digest.error();
        if (digest.value() != entry.sha256)
            return makeError(ErrorCode::StorageCorrupt,
                u"%1 does not match its SHA-256 in the manifest: the backup is damaged"_s.arg(entry.path));
    }
    if (!hasAdmin)
        return makeError(ErrorCode::StorageCorrupt, u"the backup's manifest lists no admin.db"_s);
    return manifest;
}

Result<QStringList> DataBackup::restore(
    const QString &backupDir, const QString &dataDir, const RestoreOptions &options)
{
    auto manifest = verify(backupDir);
    if (!manifest)
        return manifest.error();
    const QDir backup(backupDir);
    const QDir data(dataDir);

    QStringList paths;
    if (options.username.isEmpty()) {
        for (const BackupFile &entry : manifest->files)
            paths << entry.path;
    } else {
        // One user: the account must be the same one in the backup and here.
        auto saved = accountsIn(backup.filePath(u"admin.db"_s));
        if (!saved)
            return saved.error();
        auto live = accountsIn(data.filePath(u"admin.db"_s));
        if (!live)
            return live.error();
        const auto named = [&](const QList<AccountRow> &rows) -> std::optional<qint64> {
            for (const AccountRow &row : rows) {
                if (row.username == options.username)
                    return row.id;
            }
            return std::nullopt;
        };
        const std::optional<qint64> savedId = named(saved.value());
        const std::optional<qint64> liveId = named(live.value());
        if (!savedId)
            return makeError(ErrorCode::UserNotFound, u"the backup has no user %1"_s.arg(options.username));
        if (liveId != savedId)
            return makeError(ErrorCode::UserNotFound,
                u"user %1 is not the same account here (id %2) as in the backup (id %3)"_s
                    .arg(options.username)
                    .arg(liveId ? QString::number(*liveId) : u"none"_s)
                    .arg(*savedId));
        const QString relative = collectionRelative(*savedId);
        const bool listed = std::any_of(manifest->files.begin(), manifest->files.end(),
            [&](const BackupFile &entry) { return entry.path == relative; });
        if (!listed)
            return makeError(
                ErrorCode::NotFound, u"the backup has no collection for %1"_s.arg(options.username));
        paths << relative;
    }

    if (!options.force) {
        for (const QString &path : paths) {
            const QString live = data.filePath(path);
            // A quarantined collection is there to be replaced.
            if (QFileInfo::exists(live) && !QFileInfo::exists(Quarantine::markerPath(live)))
                return makeError(ErrorCode::BadRequest,
                    u"%1 exists; pass --force to overwrite it with the backup's copy"_s.arg(live));
        }
    }
    for (const QString &path : paths) {
        const QString live = data.filePath(path);
        // A WAL left beside the old file would be replayed into the new one.
        for (const QString &suffix : {u"-wal"_s, u"-shm"_s, u"-journal"_s})
            QFile::remove(live + suffix);
        if (auto copied = copyFile(backup.filePath(path), live); !copied)
            return copied.error();
        QFile::remove(Quarantine::markerPath(live));
        storage::FileWatch::instance().forget(QFileInfo(live).absoluteFilePath());
    }
    (void)syncPath(data.filePath(u"user_dbs"_s));
    (void)syncPath(dataDir);
    return paths;
}

QString DataBackup::scheduledFolderName(const QDateTime &when)
{
    return u"javumbo-backup-"_s + when.toUTC().toString(u"yyyyMMdd-HHmmss-zzz"_s);
}

void DataBackup::prune(const QString &backupRoot, int keep)
{
    QStringList folders = QDir(backupRoot).entryList({u"javumbo-backup-*"_s}, QDir::Dirs, QDir::Name);
    // Names sort by time: the oldest go first.
    while (folders.size() > std::max(keep, 1)) {
        QDir(QDir(backupRoot).filePath(folders.takeFirst())).removeRecursively();
    }
}

} // namespace javumbo
