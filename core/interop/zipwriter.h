#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

struct zip;

namespace javumbo::interop {

// Writes a zip archive through Debian's libzip. Entries are only queued
// until close(), which writes them all (libzip writes a temporary file and
// renames it into place, so a half-written package never has the name).
class ZipWriter
{
public:
    static Result<std::unique_ptr<ZipWriter>> create(const QString &path);
    ~ZipWriter(); // without close(): nothing is written
    ZipWriter(const ZipWriter &) = delete;
    ZipWriter &operator=(const ZipWriter &) = delete;

    // `deflate`: compressed (databases, text); otherwise stored (media, as Anki does).
    Result<void> addBytes(const QString &name, const QByteArray &bytes, bool deflate);
    // The file is read at close(): it must stay until then.
    Result<void> addFile(const QString &name, const QString &sourcePath, bool deflate);
    Result<void> close();

private:
    ZipWriter(zip *archive, QString path);
    Result<void> added(qint64 index, const QString &name, bool deflate);

    zip *m_archive = nullptr;
    QString m_path;
    QList<QByteArray> m_buffers; // libzip reads them at close()
};

} // namespace javumbo::interop
