#pragma once

#include "interopprogress.h"
#include "ziparchive.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace javumbo::interop {

// A media file of a package, extracted into a staging folder.
struct StagedMedia
{
    QString name; // as the package's map names it (checked: a plain file name)
    QString stagedPath;
    QByteArray sha1;
};

// An Anki package (.apkg / .colpkg) read as docs/scheduling.md §11 says: the
// version from `meta`, else collection.anki21, else collection.anki2 (never
// the dummy collection.anki2 of a newer package), the collection extracted to
// a file of its own, the media checked and staged. Everything is checked
// before the first byte is written: the directory against the limits, every
// media name; then each entry streams with the limits enforced as it expands.
struct PackageFile
{
    int version = 0; // 1, 2 or 3
    QString collectionPath; // the extracted SQLite file (inside workDir)
    QList<StagedMedia> media;

    // `workDir` receives the collection, `stagingDir` (inside the media folder, so that
    // staged files can be renamed into place) the media files.
    static Result<PackageFile> read(ZipArchive &archive, const PackageLimits &limits, const QString &workDir,
        const QString &stagingDir, const ProgressSink &progress = {});

    // The version a package declares, without extracting anything.
    static Result<int> detectVersion(ZipArchive &archive, ExpansionBudget &budget);
};

} // namespace javumbo::interop
