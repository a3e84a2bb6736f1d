#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace javumbo::interop {

// Where a collection's media files (the images and sounds its notes name) are
// kept. A SQLite collection keeps them as files in the folder beside it
// (mediafolder::forCollection); a collection in PostgreSQL keeps them as rows
// of the `media` table under its user, so every instance behind a load
// balancer serves the same files (docs/postgresql.md §3). Names are checked by
// the caller (mediafolder::checkName). Not thread-safe; cheap to make.
class MediaStore
{
public:
    virtual ~MediaStore();

    // The SHA-1 of the file `name`, or nothing when there is no such file.
    virtual Result<std::optional<QByteArray>> sha1Of(const QString &name) = 0;
    // Adds the file at `path` (moved or copied in, then gone from `path`) as
    // `name`, a name not yet taken.
    virtual Result<void> add(const QString &name, const QString &path) = 0;
    // The content of `name`, or nothing when there is no such file.
    virtual Result<std::optional<QByteArray>> read(const QString &name) = 0;
    // Every file's name, sorted (not the importer's dot-named staging).
    virtual Result<QStringList> names() = 0;
    // Where a message says the files are: a folder's path or "PostgreSQL".
    virtual QString where() const = 0;

    // The store of the collection at `collection` (a file or a PostgreSQL
    // locator; storage::PgCollections), its folder `folder` on SQLite.
    static std::unique_ptr<MediaStore> forCollection(const QString &collection, const QString &folder);
};

// Copies every file of `from` that `to` lacks, each checked by reading its
// SHA-1 back from `to`; returns how many it copied. A file `to` holds with
// other content is an error (storage_corrupt), never overwritten. Running it
// again copies nothing twice (migrate resumes so). `scratchFolder` holds each
// file on its way, and must be on the folder store's file system.
Result<qint64> copyMissingMedia(MediaStore &from, MediaStore &to, const QString &scratchFolder);

} // namespace javumbo::interop
