#pragma once

#include "collectionaccess.h"
#include "interop/exchangeimporter.h"
#include "interop/importsummary.h"
#include "interop/packageexporter.h"
#include "interop/packagelimits.h"

namespace javumbo {

// A package to import: a file on disk (command line, desktop) or the bytes of
// an upload (API).
struct PackageSource
{
    QString path;
    QByteArray bytes;
};

// Import and export for one user (docs/scheduling.md §11), used by all three
// faces. Everything slow and everything that can fail on a bad file (unzip,
// limits, reading the package's collection, staging its media) runs before
// the user's lock is taken; under the lock come only the merge, in one
// transaction, and the renames of the staged media. A damaged file therefore
// changes nothing, and studying the same collection waits for one short
// transaction at most. Exports read a VACUUM INTO snapshot, without the lock.
class InteropService
{
public:
    explicit InteropService(const ServiceContext &context);

    Result<interop::ImportSummary> importPackage(qint64 userId, const PackageSource &source,
        const interop::ImportOptions &options, const interop::ProgressSink &progress = {}) const;
    Result<interop::ImportSummary> importText(qint64 userId, const QByteArray &bytes,
        const interop::ImportOptions &options, const interop::ProgressSink &progress = {}) const;

    struct Replacement
    {
        interop::ImportSummary summary;
        QString backupPath; // the old collection, as it was (a ProfileBackups entry)
    };
    // A .colpkg: the user's collection becomes the package's, after a backup
    // of the old one (the callers confirm first: the desktop asks, the API
    // wants replace=true, docs/api.md §7a).
    Result<Replacement> replaceCollection(
        qint64 userId, const PackageSource &source, const interop::ProgressSink &progress = {}) const;

    Result<interop::PackageExportResult> exportPackage(qint64 userId,
        const interop::PackageExportOptions &options, const QString &outPath,
        const interop::ProgressSink &progress = {}) const;
    Result<QByteArray> exportText(qint64 userId, std::optional<qint64> deckId) const;

    QString mediaFolder(qint64 userId) const;
    // The zip-bomb limits every package is read with (packagelimits.h).
    static interop::PackageLimits limits() { return {}; }

private:
    enum class Mode
    {
        Merge,
        Replace
    };
    Result<Replacement> importPackageAs(Mode mode, qint64 userId, const PackageSource &source,
        const interop::ImportOptions &options, const interop::ProgressSink &progress) const;

    CollectionAccess m_access;
};

} // namespace javumbo
