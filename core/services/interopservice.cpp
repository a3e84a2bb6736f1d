#include "interopservice.h"

#include "pgmigration.h"
#include "profilebackups.h"

#include "interop/csvreader.h"
#include "interop/mediafolder.h"
#include "interop/mediaplacer.h"
#include "interop/mediastore.h"
#include "interop/packagefile.h"
#include "interop/sourcecollection.h"
#include "interop/textexporter.h"
#include "interop/textimporter.h"
#include "interop/ziparchive.h"
#include "storage/collectionschema.h"
#include "storage/database.h"
#include "storage/pgcollections.h"

#include <QDir>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QUuid>

#include <optional>

using namespace Qt::StringLiterals;

namespace javumbo {

namespace {

// Removes a staging folder (and a media folder this import created) on every way out.
class StagingGuard
{
public:
    StagingGuard(QString mediaFolder, QString staging)
        : m_mediaFolder(std::move(mediaFolder))
        , m_staging(std::move(staging))
        , m_existed(QDir(m_mediaFolder).exists())
    { }
    ~StagingGuard()
    {
        QDir(m_staging).removeRecursively();
        if (!m_existed)
            QDir().rmdir(m_mediaFolder); // only when empty
    }

private:
    QString m_mediaFolder;
    QString m_staging;
    bool m_existed;
};

// A replaced collection starts from an empty one: no notes, only the Default deck.
Result<void> emptyCollection(collection::WriteContext &context, const interop::ExchangeData &data)
{
    for (const QString &sql :
        {u"DELETE FROM notes WHERE $user() TRUE"_s, u"DELETE FROM cards WHERE $user() TRUE"_s,
            u"DELETE FROM revlog WHERE $user() TRUE"_s, u"DELETE FROM graves WHERE $user() TRUE"_s}) {
        if (auto done = storage::Query(context.db(), sql).exec(); !done)
            return done;
    }
    auto meta = context.meta();
    if (!meta)
        return meta.error();
    const QJsonObject defaultDeck = meta.value()->decks().value(u"1"_s).toObject();
    meta.value()->editDecks() = QJsonObject {{u"1"_s, defaultDeck}};
    meta.value()->editConf().insert(u"curDeck"_s, 1);
    meta.value()->editConf().insert(u"nextPos"_s, 1);
    // The package's own Default options become this collection's.
    const scheduling::DeckConfig defaults = data.deckConfigs.value(1).config;
    const QJsonObject dconf {{u"1"_s, defaults.toDconfJson(1, u"Default"_s)}};
    auto edited = meta.value()->editDconf();
    if (!edited)
        return edited.error();
    *edited.value() = dconf;
    return {};
}

} // namespace

InteropService::InteropService(const ServiceContext &context) : m_access(context) { }

QString InteropService::mediaFolder(qint64 userId) const
{
    return m_access.context().mediaFolder(userId);
}

Result<interop::ImportSummary> InteropService::importPackage(qint64 userId, const PackageSource &source,
    const interop::ImportOptions &options, const interop::ProgressSink &progress) const
{
    auto done = importPackageAs(Mode::Merge, userId, source, options, progress);
    if (!done)
        return done.error();
    return done->summary;
}

Result<InteropService::Replacement> InteropService::replaceCollection(
    qint64 userId, const PackageSource &source, const interop::ProgressSink &progress) const
{
    return importPackageAs(Mode::Replace, userId, source, interop::ImportOptions {}, progress);
}

Result<InteropService::Replacement> InteropService::importPackageAs(Mode mode, qint64 userId,
    const PackageSource &source, const interop::ImportOptions &options,
    const interop::ProgressSink &progress) const
{
    // Outside the lock: everything that reads (and may refuse) the file.
    auto archive = source.path.isEmpty() ? interop::ZipArchive::openBytes(source.bytes)
                                         : interop::ZipArchive::openFile(source.path);
    if (!archive)
        return archive.error();
    QTemporaryDir work;
    if (!work.isValid())
        return makeError(ErrorCode::StorageUnavailable, u"cannot create a temporary folder"_s);
    const QString media = mediaFolder(userId);
    const QString staging
        = QDir(media).filePath(u".import-"_s % QUuid::createUuid().toString(QUuid::WithoutBraces));
    StagingGuard guard(media, staging);
    auto package = interop::PackageFile::read(*archive.value(), limits(), work.path(), staging, progress);
    if (!package)
        return package.error();
    auto read = interop::readSourceCollection(package->collectionPath, package->version, progress);
    if (!read)
        return read.error();
    interop::ExchangeData data = std::move(read).value();

    Replacement replacement;
    const auto store = m_access.context().mediaStore(userId);
    interop::MediaPlacer placer(*store, package->media);
    // The media are renamed into place only once the batch holding the merge has committed
    // (group commit, CollectionAccess::write): a merge that never reaches the disk adds no file.
    std::optional<Result<qint64>> placed;
    auto merged = m_access.write(
        userId,
        [&](collection::UserCollection &target) -> Result<interop::ImportSummary> {
            if (auto planned = placer.plan(); !planned)
                return planned.error();
            data.mediaRenames = placer.renames();
            if (mode == Mode::Replace) {
                // Under the lock, so no write of ours commits between the copy and the
                // replacement. The copy reads the last commit on a connection of its own (the
                // batch this write joined is not committed yet), and goes where the desktop's
                // own backups go, so Profile > Restore from backup offers it.
                auto saved = ProfileBackups(m_access.context()).backUp(userId);
                if (!saved)
                    return saved.error();
                replacement.backupPath = saved->path;
            }
            return target.transact([&](collection::WriteContext &context) -> Result<interop::ImportSummary> {
                if (mode == Mode::Replace) {
                    if (auto emptied = emptyCollection(context, data); !emptied)
                        return emptied.error();
                }
                return interop::ExchangeImporter(
                    context, data, options, interop::ExchangeImporter::Matching::Package, progress)
                    .run();
            });
        },
        [&](const interop::ImportSummary &) { placed = placer.place(); });
    if (!merged)
        return merged.error();
    replacement.summary = std::move(merged).value();
    if (placed && !*placed)
        return placed->error();
    replacement.summary.mediaAdded = placed ? placed->value() : 0;
    return replacement;
}

Result<interop::ImportSummary> InteropService::importText(qint64 userId, const QByteArray &bytes,
    const interop::ImportOptions &options, const interop::ProgressSink &progress) const
{
    auto file = interop::readCsv(bytes);
    if (!file)
        return file.error();
    interop::ImportSummary lines;
    const interop::ExchangeData data = interop::textToExchange(file.value(), lines);
    auto merged = m_access.write(userId, [&](collection::UserCollection &target) {
        return target.transact([&](collection::WriteContext &context) {
            return interop::ExchangeImporter(
                context, data, options, interop::ExchangeImporter::Matching::TextFile, progress)
                .run();
        });
    });
    if (!merged)
        return merged.error();
    interop::ImportSummary summary = std::move(merged).value();
    summary.absorb(lines);
    return summary;
}

Result<interop::PackageExportResult> InteropService::exportPackage(qint64 userId,
    const interop::PackageExportOptions &options, const QString &outPath,
    const interop::ProgressSink &progress) const
{
    const ServiceContext &context = m_access.context();
    if (!context.postgres)
        return interop::exportPackage(
            context.collectionPath(userId), *context.clock, options, outPath, progress);
    // On PostgreSQL the exporter gets what it works on: the collection as a
    // file, copied from one snapshot, and its media files beside it.
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return makeError(ErrorCode::StorageUnavailable,
            u"cannot make a scratch directory for the export: %1"_s.arg(scratch.errorString()));
    const QString copy = scratch.filePath(u"collection.db"_s);
    if (auto copied = PgMigration::copyCollectionToFile(context.postgres->database(), userId, copy); !copied)
        return copied.error();
    const QString copyMedia = interop::mediafolder::forCollection(copy);
    const auto stored = context.mediaStore(userId);
    const auto beside = interop::MediaStore::forCollection(copy, copyMedia);
    if (auto media = interop::copyMissingMedia(*stored, *beside, copyMedia); !media) {
        storage::Database::closeOnThisThread(copy);
        return media.error();
    }
    auto exported = interop::exportPackage(copy, *context.clock, options, outPath, progress);
    storage::Database::closeOnThisThread(copy);
    return exported;
}

Result<QByteArray> InteropService::exportText(qint64 userId, std::optional<qint64> deckId) const
{
    auto view
        = collection::ReadView::open(m_access.context().collectionPath(userId), *m_access.context().clock);
    if (!view)
        return view.error();
    return interop::exportText(view.value(), deckId);
}

} // namespace javumbo
