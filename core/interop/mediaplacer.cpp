#include "mediaplacer.h"

#include "mediafolder.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace {

QByteArray sha1Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(&file);
    return hash.result();
}

} // namespace

MediaPlacer::MediaPlacer(QString mediaFolder, QList<StagedMedia> staged)
    : m_folder(std::move(mediaFolder)), m_staged(std::move(staged))
{ }

Result<void> MediaPlacer::plan()
{
    if (m_staged.isEmpty())
        return {};
    if (!QDir().mkpath(m_folder))
        return makeError(ErrorCode::StorageUnavailable, u"cannot create the media folder %1"_s.arg(m_folder));
    const QDir folder(m_folder);
    QSet<QString> reserved;
    for (const StagedMedia &media : std::as_const(m_staged)) {
        QString name = media.name;
        const QString existing = folder.filePath(name);
        if (QFileInfo::exists(existing) || reserved.contains(name)) {
            if (!reserved.contains(name) && sha1Of(existing) == media.sha1)
                continue; // the same file is already here
            name = mediafolder::uniqueName(m_folder, media.name, media.sha1, reserved);
            m_renames.insert(media.name, name);
        }
        reserved.insert(name);
        m_moves.append(Move {media.stagedPath, folder.filePath(name)});
    }
    return {};
}

Result<qint64> MediaPlacer::place()
{
    qint64 added = 0;
    for (const Move &move : std::as_const(m_moves)) {
        if (!QFile::rename(move.from, move.to))
            return makeError(ErrorCode::StorageUnavailable,
                u"the notes were imported, but media file %1 could not be moved into %2"_s.arg(
                    move.to, m_folder));
        ++added;
    }
    return added;
}

} // namespace javumbo::interop
