#pragma once

#include "packagelimits.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <memory>

struct zip;

namespace javumbo::interop {

// Receives an entry's bytes chunk by chunk; an error stops the reading.
using ChunkSink = std::function<Result<void>(QByteArrayView chunk)>;

// A zip archive opened for reading through Debian's libzip, from a file or
// from bytes in memory (an upload). Entries stream in bounded chunks and are
// counted as they come: an entry that yields more than its directory claims,
// or more than the budget allows, is refused mid-stream.
class ZipArchive
{
public:
    static Result<std::unique_ptr<ZipArchive>> openFile(const QString &path);
    static Result<std::unique_ptr<ZipArchive>> openBytes(const QByteArray &bytes);
    ~ZipArchive();
    ZipArchive(const ZipArchive &) = delete;
    ZipArchive &operator=(const ZipArchive &) = delete;

    const QList<ZipEntry> &entries() const { return m_entries; }
    // The first entry of that exact name, or null.
    const ZipEntry *find(const QString &name) const;

    Result<void> read(const ZipEntry &entry, const ChunkSink &sink, ExpansionBudget &budget);
    // The whole entry in memory; refused above `maxBytes` (small entries only: meta, media map).
    Result<QByteArray> readAll(const ZipEntry &entry, ExpansionBudget &budget, qint64 maxBytes);

private:
    ZipArchive(zip *archive, QByteArray keepAlive);
    Result<void> loadDirectory();

    zip *m_archive = nullptr;
    QByteArray m_bytes; // libzip reads the upload in place: it must outlive the archive
    QList<ZipEntry> m_entries;
};

} // namespace javumbo::interop
