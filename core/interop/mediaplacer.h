#pragma once

#include "packagefile.h"

#include <QHash>

namespace javumbo::interop {

// Puts a package's staged media into the collection's media folder, as Anki
// does: a file that is already there with the same content is dropped, one
// whose name is taken by different content gets "stem-<hash>.ext" (and the
// notes' references follow: renames()). plan() runs under the user's lock
// before the transaction; place() after it committed.
class MediaPlacer
{
public:
    MediaPlacer(QString mediaFolder, QList<StagedMedia> staged);

    Result<void> plan();
    const QHash<QString, QString> &renames() const { return m_renames; }
    // Moves the planned files into place; returns how many were added.
    Result<qint64> place();

private:
    struct Move
    {
        QString from;
        QString to;
    };
    QString m_folder;
    QList<StagedMedia> m_staged;
    QHash<QString, QString> m_renames;
    QList<Move> m_moves;
};

} // namespace javumbo::interop
