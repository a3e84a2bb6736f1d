#include "notelookups.h"

#include "notefields.h"

#include <QCollator>

using namespace Qt::StringLiterals;

namespace javumbo::collection::notelookups {

Result<QStringList> allTags(const ReadView &view)
{
    storage::Query query(*view.db, u"SELECT DISTINCT tags FROM notes WHERE $user() tags <> ''"_s);
    if (auto done = query.exec(); !done)
        return done.error();
    QStringList tags;
    while (query.next()) {
        for (const QString &tag : notefields::splitTags(query.text(0))) {
            if (!tags.contains(tag, Qt::CaseInsensitive))
                tags.append(tag);
        }
    }
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(tags.begin(), tags.end(), collator);
    return tags;
}

Result<QList<qint64>> duplicateFronts(const ReadView &view, qint64 deckId, const QString &front)
{
    const QString stripped = notefields::stripHtml(front);
    if (stripped.trimmed().isEmpty())
        return QList<qint64> {};
    storage::Query query(*view.db,
        u"SELECT DISTINCT n.id, n.flds FROM notes n JOIN cards c ON $user(c) c.nid = n.id"
        " WHERE $user(n) n.csum = ? AND c.did = ?"_s);
    query.bind(notefields::checksumOfStripped(stripped)).bind(deckId);
    if (auto done = query.exec(); !done)
        return done.error();
    QList<qint64> notes;
    while (query.next()) {
        const QString existing = notefields::stripHtml(notefields::splitFields(query.text(1)).first);
        if (existing == stripped)
            notes.append(query.int64(0));
    }
    return notes;
}

} // namespace javumbo::collection::notelookups
