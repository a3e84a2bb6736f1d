#include "zipwriter.h"

#include <QFile>

#include <zip.h>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace {

Error writeError(const QString &path, const QString &detail)
{
    return makeError(ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(path, detail));
}

} // namespace

ZipWriter::ZipWriter(zip *archive, QString path) : m_archive(archive), m_path(std::move(path)) { }

ZipWriter::~ZipWriter()
{
    if (m_archive)
        zip_discard(m_archive);
}

Result<std::unique_ptr<ZipWriter>> ZipWriter::create(const QString &path)
{
    int code = 0;
    zip *archive = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        const QString text = QString::fromUtf8(zip_error_strerror(&error));
        zip_error_fini(&error);
        return writeError(path, text);
    }
    return std::unique_ptr<ZipWriter>(new ZipWriter(archive, path));
}

Result<void> ZipWriter::added(qint64 index, const QString &name, bool deflate)
{
    if (index < 0)
        return writeError(m_path, u"adding %1: %2"_s.arg(name, QString::fromUtf8(zip_strerror(m_archive))));
    if (zip_set_file_compression(m_archive, zip_uint64_t(index), deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0)
        != 0)
        return writeError(m_path, QString::fromUtf8(zip_strerror(m_archive)));
    return {};
}

Result<void> ZipWriter::addBytes(const QString &name, const QByteArray &bytes, bool deflate)
{
    m_buffers.append(bytes);
    const QByteArray &kept = m_buffers.constLast();
    zip_source_t *source = zip_source_buffer(m_archive, kept.constData(), zip_uint64_t(kept.size()), 0);
    if (!source)
        return writeError(m_path, QString::fromUtf8(zip_strerror(m_archive)));
    const zip_int64_t index = zip_file_add(m_archive, name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0)
        zip_source_free(source);
    return added(index, name, deflate);
}

Result<void> ZipWriter::addFile(const QString &name, const QString &sourcePath, bool deflate)
{
    zip_source_t *source = zip_source_file(m_archive, QFile::encodeName(sourcePath).constData(), 0, -1);
    if (!source)
        return writeError(m_path, u"%1: %2"_s.arg(sourcePath, QString::fromUtf8(zip_strerror(m_archive))));
    const zip_int64_t index = zip_file_add(m_archive, name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0)
        zip_source_free(source);
    return added(index, name, deflate);
}

Result<void> ZipWriter::close()
{
    if (zip_close(m_archive) != 0) {
        const QString text = QString::fromUtf8(zip_strerror(m_archive));
        return writeError(m_path, text); // the destructor discards what is left
    }
    m_archive = nullptr;
    m_buffers.clear();
    return {};
}

} // namespace javumbo::interop
