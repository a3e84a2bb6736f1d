#include "mediaplacer.h"

#include "mediafolder.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace javumbo::interop {

MediaPlacer::MediaPlacer(MediaStore &store, QList<StagedMedia> staged)
    : m_store(store), m_staged(std::move(staged))
{ }

Result<void> MediaPlacer::plan()
{
    QSet<QString> reserved;
    QHash<QString, bool> taken; // asked of the store once per name
    const auto isTaken = [&](const QString &name) -> Result<bool> {
        if (reserved.contains(name))
            return true;
        if (const auto known = taken.constFind(name); known != taken.cend())
            return *known;
        auto sha1 = m_store.sha1Of(name);
        if (!sha1)
            return sha1.error();
        taken.insert(name, sha1.value().has_value());
        return sha1.value().has_value();
    };
    for (const StagedMedia &media : std::as_const(m_staged)) {
        QString name = media.name;
        auto existing = m_store.sha1Of(name);
        if (!existing)
            return existing.error();
        if (existing.value() || reserved.contains(name)) {
            if (!reserved.contains(name) && existing.value() == media.sha1)
                continue; // the same file is already here
            auto unique = mediafolder::uniqueName(media.name, media.sha1, isTaken);
            if (!unique)
                return unique.error();
            name = unique.value();
            m_renames.insert(media.name, name);
        }
        reserved.insert(name);
        m_moves.append(Move {media.stagedPath, name});
    }
    return {};
}

Result<qint64> MediaPlacer::place()
{
    qint64 added = 0;
    for (const Move &move : std::as_const(m_moves)) {
        if (auto done = m_store.add(move.to, move.from); !done)
            return makeError(ErrorCode::StorageUnavailable,
                u"the notes were imported, but media file %1 could not be added to %2: %3"_s.arg(
                    move.to, m_store.where(), done.error().message));
        ++added;
    }
    return added;
}

} // namespace javumbo::interop
