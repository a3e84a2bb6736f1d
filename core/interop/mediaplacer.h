#pragma once

#include "mediastore.h"
#include "packagefile.h"

#include <QHash>

namespace javumbo::interop {

// Puts a package's staged media into the collection's media store, as Anki
// does: a file that is already there with the same content is dropped, one
// whose name is taken by different content gets "stem-<hash>.ext" (and the
// notes' references follow: renames()). plan() runs under the user's lock
// before the transaction; place() after it committed.
class MediaPlacer
{
public:
    // `store` must outlive the placer.
    MediaPlacer(MediaStore &store, QList<StagedMedia> staged);

    Result<void> plan();
    const QHash<QString, QString> &renames() const { return m_renames; }
    // Moves the planned files into place; returns how many were added.
    Result<qint64> place();

private:
    struct Move
    {
        QString from;
        QString to; // the name in the store
    };
    MediaStore &m_store;
    QList<StagedMedia> m_staged;
    QHash<QString, QString> m_renames;
    QList<Move> m_moves;
};

} // namespace javumbo::interop
