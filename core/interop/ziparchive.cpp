#include "ziparchive.h"

#include "interoperrors.h"

#include <QFile>

#include <zip.h>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace {

constexpr qint64 kChunkBytes = 256 * 1024;

QString libzipError(int code)
{
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const QString text = QString::fromUtf8(zip_error_strerror(&error));
    zip_error_fini(&error);
    return text;
}

Error notAZip(const QString &detail)
{
    return invalidPackage(u"the file is not a readable zip archive (%1): it may be truncated or not"
                          " an Anki package at all"_s.arg(detail));
}

} // namespace

ZipArchive::ZipArchive(zip *archive, QByteArray keepAlive) : m_archive(archive), m_bytes(std::move(keepAlive))
{ }

ZipArchive::~ZipArchive()
{
    if (m_archive)
        zip_discard(m_archive); // read-only: nothing to write back
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::openFile(const QString &path)
{
    if (!QFile::exists(path))
        return makeError(ErrorCode::NotFound, u"%1 does not exist"_s.arg(path));
    int code = 0;
    zip *archive = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!archive)
        return notAZip(libzipError(code));
    std::unique_ptr<ZipArchive> opened(new ZipArchive(archive, {}));
    if (auto loaded = opened->loadDirectory(); !loaded)
        return loaded.error();
    return opened;
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::openBytes(const QByteArray &bytes)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(bytes.constData(), zip_uint64_t(bytes.size()), 0, &error);
    if (!source) {
        const QString text = QString::fromUtf8(zip_error_strerror(&error));
        zip_error_fini(&error);
        return notAZip(text);
    }
    zip *archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive) {
        const QString text = QString::fromUtf8(zip_error_strerror(&error));
        zip_source_free(source);
        zip_error_fini(&error);
        return notAZip(text);
    }
    zip_error_fini(&error);
    std::unique_ptr<ZipArchive> opened(new ZipArchive(archive, bytes));
    if (auto loaded = opened->loadDirectory(); !loaded)
        return loaded.error();
    return opened;
}

Result<void> ZipArchive::loadDirectory()
{
    const zip_int64_t count = zip_get_num_entries(m_archive, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(m_archive, zip_uint64_t(i), 0, &stat) != 0)
            return notAZip(QString::fromUtf8(zip_strerror(m_archive)));
        const zip_uint64_t needed = ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE;
        if ((stat.valid & needed) != needed)
            return notAZip(u"entry %1 has no name or size"_s.arg(i));
        ZipEntry entry;
        entry.index = i;
        entry.name = QString::fromUtf8(stat.name);
        entry.size
            = qint64(std::min<zip_uint64_t>(stat.size, zip_uint64_t(std::numeric_limits<qint64>::max())));
        entry.compressedSize = qint64(
            std::min<zip_uint64_t>(stat.comp_size, zip_uint64_t(std::numeric_limits<qint64>::max())));
        entry.stored = (stat.valid & ZIP_STAT_COMP_METHOD) && stat.comp_method == ZIP_CM_STORE;
        m_entries.append(entry);
    }
    return {};
}

const ZipEntry *ZipArchive::find(const QString &name) const
{
    for (const ZipEntry &entry : m_entries) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

Result<void> ZipArchive::read(const ZipEntry &entry, const ChunkSink &sink, ExpansionBudget &budget)
{
    zip_file_t *file = zip_fopen_index(m_archive, zip_uint64_t(entry.index), 0);
    if (!file)
        return invalidPackage(u"cannot open \"%1\" in the package: %2"_s.arg(
            entry.name, QString::fromUtf8(zip_strerror(m_archive))));
    QByteArray buffer(kChunkBytes, Qt::Uninitialized);
    qint64 total = 0;
    Result<void> outcome;
    while (outcome) {
        const zip_int64_t got = zip_fread(file, buffer.data(), zip_uint64_t(buffer.size()));
        if (got < 0) {
            outcome = invalidPackage(u"\"%1\" in the package is damaged: %2"_s.arg(
                entry.name, QString::fromUtf8(zip_file_strerror(file))));
            break;
        }
        if (got == 0)
            break;
        total += got;
        // Never trust the directory alone: more bytes than declared is a lie (or a bomb).
        if (total > entry.size) {
            outcome
                = invalidPackage(u"\"%1\" holds more data than the zip directory declares"_s.arg(entry.name));
            break;
        }
        outcome = budget.spend(got, entry.name);
        if (outcome)
            outcome = sink(QByteArrayView(buffer.constData(), qsizetype(got)));
    }
    zip_fclose(file);
    if (outcome && total != entry.size)
        return invalidPackage(
            u"\"%1\" is truncated (%2 of %3 bytes)"_s.arg(entry.name).arg(total).arg(entry.size));
    return outcome;
}

Result<QByteArray> ZipArchive::readAll(const ZipEntry &entry, ExpansionBudget &budget, qint64 maxBytes)
{
    if (entry.size > maxBytes)
        return invalidPackage(
            u"\"%1\" is %2 bytes, more than the %3 expected"_s.arg(entry.name).arg(entry.size).arg(maxBytes));
    QByteArray all;
    all.reserve(qsizetype(entry.size));
    auto done = read(
        entry,
        [&](QByteArrayView chunk) -> Result<void> {
            all.append(chunk);
            return {};
        },
        budget);
    if (!done)
        return done.error();
    return all;
}

} // namespace javumbo::interop
