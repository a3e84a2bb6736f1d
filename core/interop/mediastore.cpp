#include "mediastore.h"

#include "collection/readview.h"
#include "mediafolder.h"
#include "storage/pgcollections.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace {

QByteArray sha1OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(&file);
    return hash.result();
}

class FolderMediaStore final : public MediaStore
{
public:
    explicit FolderMediaStore(QString folder) : m_folder(std::move(folder)) { }

    Result<std::optional<QByteArray>> sha1Of(const QString &name) override
    {
        const QString path = QDir(m_folder).filePath(name);
        if (!QFileInfo(path).isFile())
            return std::optional<QByteArray> {};
        return std::optional<QByteArray> {sha1OfFile(path)};
    }

    Result<void> add(const QString &name, const QString &path) override
    {
        if (!QDir().mkpath(m_folder))
            return makeError(
                ErrorCode::StorageUnavailable, u"cannot create the media folder %1"_s.arg(m_folder));
        if (!QFile::rename(path, QDir(m_folder).filePath(name)))
            return makeError(ErrorCode::StorageUnavailable,
                u"media file %1 could not be moved into %2"_s.arg(name, m_folder));
        return {};
    }

    Result<std::optional<QByteArray>> read(const QString &name) override
    {
        QFile file(QDir(m_folder).filePath(name));
        if (!QFileInfo(file.fileName()).isFile() || !file.open(QIODevice::ReadOnly))
            return std::optional<QByteArray> {};
        return std::optional<QByteArray> {file.readAll()};
    }

    Result<QStringList> names() override
    {
        QStringList found = QDir(m_folder).entryList(QDir::Files, QDir::Name);
        found.removeIf([](const QString &name) { return name.startsWith(u'.'); });
        return found;
    }

    QString where() const override { return m_folder; }

private:
    QString m_folder;
};

// Rows of `media` on the thread's link to the collection's database. Each
// statement runs in the transaction open on that link, if any, else alone.
class PgMediaStore final : public MediaStore
{
public:
    explicit PgMediaStore(QString locator) : m_locator(std::move(locator)) { }

    Result<std::optional<QByteArray>> sha1Of(const QString &name) override
    {
        return lookup(u"SELECT sha1 FROM media WHERE $user() name = ?"_s, name);
    }

    Result<void> add(const QString &name, const QString &path) override
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::StorageUnavailable,
                u"cannot read media file %1: %2"_s.arg(path, file.errorString()));
        const QByteArray data = file.readAll();
        file.close();
        auto link = collection::openCollection(m_locator);
        if (!link)
            return link.error();
        storage::Query insert(
            *link.value(), u"INSERT INTO media ($userColumn name, sha1, data) VALUES ($userValue ?, ?, ?)"_s);
        const QByteArray sha1 = QCryptographicHash::hash(data, QCryptographicHash::Sha1); // of what is stored
        if (auto done = insert.bind(name).bind(sha1).bind(data).exec(); !done)
            return done;
        QFile::remove(path);
        return {};
    }

    Result<std::optional<QByteArray>> read(const QString &name) override
    {
        return lookup(u"SELECT data FROM media WHERE $user() name = ?"_s, name);
    }

    Result<QStringList> names() override
    {
        auto link = collection::openCollection(m_locator);
        if (!link)
            return link.error();
        // COLLATE "C": the order of QDir::Name on file names, whatever the database's locale.
        storage::Query query(
            *link.value(), u"SELECT name FROM media WHERE $user() TRUE ORDER BY name COLLATE \"C\""_s);
        if (auto done = query.exec(); !done)
            return done.error();
        QStringList found;
        while (query.next())
            found.append(query.text(0));
        return found;
    }

    QString where() const override { return u"PostgreSQL"_s; }

private:
    Result<std::optional<QByteArray>> lookup(const QString &sql, const QString &name)
    {
        auto link = collection::openCollection(m_locator);
        if (!link)
            return link.error();
        storage::Query query(*link.value(), sql);
        auto value = query.bind(name).scalar();
        if (!value)
            return value.error();
        if (!value.value())
            return std::optional<QByteArray> {};
        return std::optional<QByteArray> {value.value()->toByteArray()};
    }

    QString m_locator;
};

} // namespace

MediaStore::~MediaStore() = default;

std::unique_ptr<MediaStore> MediaStore::forCollection(const QString &collection, const QString &folder)
{
    if (storage::PgCollections::isLocator(collection))
        return std::make_unique<PgMediaStore>(collection);
    return std::make_unique<FolderMediaStore>(folder);
}

Result<qint64> copyMissingMedia(MediaStore &from, MediaStore &to, const QString &scratchFolder)
{
    auto names = from.names();
    if (!names)
        return names.error();
    if (!QDir().mkpath(scratchFolder))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create %1"_s.arg(scratchFolder));
    qint64 copied = 0;
    for (const QString &name : std::as_const(names.value())) {
        auto sha1 = from.sha1Of(name);
        if (!sha1)
            return sha1.error();
        auto there = to.sha1Of(name);
        if (!there)
            return there.error();
        if (there.value()) {
            if (there.value() == sha1.value())
                continue;
            return makeError(ErrorCode::StorageCorrupt,
                u"media file %1 differs between %2 and %3"_s.arg(name, from.where(), to.where()));
        }
        auto content = from.read(name);
        if (!content)
            return content.error();
        if (!content.value())
            continue; // gone since names(): nothing to copy
        const QString staged = QDir(scratchFolder).filePath(u".copy-"_s + name);
        QSaveFile file(staged);
        if (!file.open(QIODevice::WriteOnly) || file.write(*content.value()) != content.value()->size()
            || !file.commit())
            return makeError(
                ErrorCode::StorageUnavailable, u"cannot write %1: %2"_s.arg(staged, file.errorString()));
        if (auto added = to.add(name, staged); !added)
            return added.error();
        auto arrived = to.sha1Of(name);
        if (!arrived)
            return arrived.error();
        if (arrived.value() != sha1.value())
            return makeError(ErrorCode::StorageCorrupt,
                u"media file %1 did not arrive intact in %2"_s.arg(name, to.where()));
        ++copied;
    }
    return copied;
}

} // namespace javumbo::interop
