#include "packagefile.h"

#include "interoperrors.h"
#include "mediafolder.h"
#include "protoreader.h"
#include "zstdstream.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace {

constexpr qint64 kMaxMetaBytes = 1024;
constexpr qint64 kMaxMediaMapBytes = 64 << 20;

struct MapEntry
{
    QString zipName;
    QString name;
};

Result<QList<MapEntry>> legacyMediaMap(const QByteArray &json)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return invalidPackage(
            u"the package's media list is not a JSON object (%1)"_s.arg(error.errorString()));
    QList<MapEntry> entries;
    const QJsonObject map = document.object();
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.value().isString())
            return invalidPackage(u"the media list gives no file name for entry \"%1\""_s.arg(it.key()));
        entries.append({it.key(), it.value().toString()});
    }
    return entries;
}

Result<QList<MapEntry>> mediaEntriesV3(const QByteArray &message)
{
    QList<MapEntry> entries;
    ProtoReader reader(message);
    ProtoReader::Field field;
    while (reader.next(field)) {
        if (field.number != 1 || field.type != ProtoReader::WireType::Bytes)
            continue;
        ProtoReader entry(field.bytes);
        ProtoReader::Field inner;
        QString name;
        while (entry.next(inner)) {
            if (inner.number == 1 && inner.type == ProtoReader::WireType::Bytes)
                name = inner.text();
        }
        if (entry.failed())
            return invalidPackage(u"the package's media list is damaged"_s);
        entries.append({QString::number(entries.size()), name});
    }
    if (reader.failed())
        return invalidPackage(u"the package's media list is damaged"_s);
    return entries;
}

// Streams one entry into a new file, through zstd for version 3.
Result<QByteArray> extract(
    ZipArchive &archive, const ZipEntry &entry, bool zstd, const QString &path, ExpansionBudget &budget)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, out.errorString()));
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    auto write = [&](QByteArrayView chunk) -> Result<void> {
        sha1.addData(chunk);
        if (out.write(chunk.data(), chunk.size()) != chunk.size())
            return makeError(
                ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, out.errorString()));
        return {};
    };
    if (auto done = zstd ? readZstd(archive, entry, write, budget) : archive.read(entry, write, budget);
        !done)
        return done.error();
    if (!out.flush())
        return makeError(
            ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, out.errorString()));
    return sha1.result();
}

} // namespace

Result<int> PackageFile::detectVersion(ZipArchive &archive, ExpansionBudget &budget)
{
    if (const ZipEntry *meta = archive.find(u"meta"_s)) {
        auto bytes = archive.readAll(*meta, budget, kMaxMetaBytes);
        if (!bytes)
            return bytes.error();
        ProtoReader reader(bytes.value());
        ProtoReader::Field field;
        quint64 version = 0;
        while (reader.next(field)) {
            if (field.number == 1 && field.type == ProtoReader::WireType::Varint)
                version = field.varint;
        }
        if (reader.failed())
            return invalidPackage(u"the package's \"meta\" entry is damaged"_s);
        if (version < 1 || version > 3)
            return unsupportedPackage(
                u"the package was made by a newer Anki (package version %1); Javumbo reads"
                " versions 1 to 3. In Anki, export with \"Support older Anki versions\""
                " ticked"_s.arg(version));
        return int(version);
    }
    if (archive.find(u"collection.anki21"_s))
        return 2;
    if (archive.find(u"collection.anki2"_s))
        return 1;
    return invalidPackage(u"the file is a zip archive but holds no Anki collection (no collection.anki2,"
                          " collection.anki21 or meta)"_s);
}

Result<PackageFile> PackageFile::read(ZipArchive &archive, const PackageLimits &limits,
    const QString &workDir, const QString &stagingDir, const ProgressSink &progress)
{
    if (auto checked = checkDirectory(archive.entries(), limits); !checked)
        return checked.error();
    ExpansionBudget budget(limits);
    auto version = detectVersion(archive, budget);
    if (!version)
        return version.error();
    PackageFile package;
    package.version = version.value();
    const bool zstd = package.version == 3;
    const QString collectionName = package.version == 3 ? u"collection.anki21b"_s
        : package.version == 2                          ? u"collection.anki21"_s
                                                        : u"collection.anki2"_s;
    const ZipEntry *collection = archive.find(collectionName);
    if (!collection)
        return invalidPackage(
            u"the package declares version %1 but holds no %2"_s.arg(package.version).arg(collectionName));

    QList<MapEntry> mediaMap;
    if (const ZipEntry *media = archive.find(u"media"_s)) {
        auto bytes = zstd ? readZstdEntry(archive, *media, budget, kMaxMediaMapBytes)
                          : archive.readAll(*media, budget, kMaxMediaMapBytes);
        if (!bytes)
            return bytes.error();
        auto parsed = zstd ? mediaEntriesV3(bytes.value()) : legacyMediaMap(bytes.value());
        if (!parsed)
            return parsed.error();
        mediaMap = std::move(parsed).value();
    }
    // Every name and every entry is checked before anything is written.
    for (const MapEntry &entry : std::as_const(mediaMap)) {
        if (auto safe = mediafolder::checkName(entry.name); !safe)
            return safe.error();
        if (!archive.find(entry.zipName))
            return invalidPackage(u"the media list names file \"%1\" (entry %2), which is missing from the"
                                  " package"_s.arg(entry.name, entry.zipName));
    }

    report(progress, u"Reading the collection"_s, 0, 1 + mediaMap.size());
    package.collectionPath = QDir(workDir).filePath(u"collection.db"_s);
    if (auto done = extract(archive, *collection, zstd, package.collectionPath, budget); !done)
        return done.error();
    if (!mediaMap.isEmpty() && !QDir().mkpath(stagingDir))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create %1"_s.arg(stagingDir));
    for (qsizetype i = 0; i < mediaMap.size(); ++i) {
        const MapEntry &entry = mediaMap.at(i);
        StagedMedia staged {entry.name, QDir(stagingDir).filePath(QString::number(i)), {}};
        auto sha1 = extract(archive, *archive.find(entry.zipName), zstd, staged.stagedPath, budget);
        if (!sha1)
            return sha1.error();
        staged.sha1 = sha1.value();
        package.media.append(staged);
        report(progress, u"Reading media"_s, 1 + i, 1 + mediaMap.size());
    }
    return package;
}

} // namespace javumbo::interop
