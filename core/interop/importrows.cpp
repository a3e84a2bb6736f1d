#include "importrows.h"

#include "collection/notefields.h"

using namespace Qt::StringLiterals;

namespace javumbo::interop {

namespace notefields = collection::notefields;

Result<TargetIndex> TargetIndex::load(storage::Connection &db)
{
    TargetIndex index;
    storage::Query notes(db, u"SELECT id, guid, mod, flds, tags, csum FROM notes WHERE $user() TRUE"_s,
        storage::Query::Caching::Uncached);
    if (auto done = notes.exec(); !done)
        return done.error();
    while (notes.next()) {
        index.noteIds.insert(notes.int64(0));
        index.notesByGuid.insert(
            notes.text(1), NoteRef {notes.int64(0), notes.int64(2), notes.text(3), notes.text(4)});
        index.guidsByChecksum.insert(notes.int64(5), notes.text(1));
    }
    storage::Query cards(
        db, u"SELECT id, nid FROM cards WHERE $user() TRUE"_s, storage::Query::Caching::Uncached);
    if (auto done = cards.exec(); !done)
        return done.error();
    while (cards.next()) {
        index.cardIds.insert(cards.int64(0));
        index.notesWithCard.insert(cards.int64(1));
    }
    storage::Query revlog(
        db, u"SELECT id, cid FROM revlog WHERE $user() TRUE"_s, storage::Query::Caching::Uncached);
    if (auto done = revlog.exec(); !done)
        return done.error();
    while (revlog.next())
        index.revlogCards.insert(revlog.int64(0), revlog.int64(1));
    return index;
}

qint64 IdPool::claim(qint64 wanted, qint64 nowMs)
{
    qint64 id = wanted > 0 ? wanted : std::max(nowMs, m_freshFrom);
    QList<qint64> passed;
    while (m_taken.contains(id)) {
        passed.append(id);
        id = m_next.value(id, id + 1);
    }
    m_taken.insert(id);
    // Every id passed, and this one, now leads past it.
    for (qint64 taken : std::as_const(passed))
        m_next.insert(taken, id + 1);
    m_next.insert(id, id + 1);
    if (wanted <= 0)
        m_freshFrom = id + 1;
    return id;
}

namespace importrows {

Result<void> insertNote(storage::Connection &db, const NoteRow &note)
{
    storage::Query insert(db,
        u"INSERT INTO notes ($userColumn id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)"
        " VALUES ($userValue ?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')"_s);
    const QString &sortField = note.sortField;
    insert.bind(note.id).bind(note.guid).bind(note.modelId).bind(note.mod);
    insert.bind(notefields::joinTags(note.tags)).bind(notefields::joinFields(note.front, note.back));
    insert.bind(sortField).bind(notefields::checksumOfStripped(sortField));
    return insert.exec();
}

Result<void> updateNote(storage::Connection &db, const NoteRow &note)
{
    storage::Query update(db,
        u"UPDATE notes SET flds = ?, sfld = ?, csum = ?, tags = ?, mod = ?, usn = -1"
        " WHERE $user() id = ?"_s);
    const QString &sortField = note.sortField;
    update.bind(notefields::joinFields(note.front, note.back)).bind(sortField);
    update.bind(notefields::checksumOfStripped(sortField)).bind(notefields::joinTags(note.tags));
    update.bind(note.mod).bind(note.id);
    return update.exec();
}

Result<void> insertCard(storage::Connection &db, const SourceCard &card)
{
    storage::Query insert(db,
        u"INSERT INTO cards ($userColumn id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps,"
        " lapses, \"left\", odue, odid, flags, data)"
        " VALUES ($userValue ?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, '')"_s);
    insert.bind(card.id).bind(card.noteId).bind(card.deckId).bind(card.mod).bind(card.type).bind(card.queue);
    insert.bind(card.due).bind(card.ivl).bind(card.factor).bind(card.reps).bind(card.lapses).bind(card.left);
    return insert.exec();
}

Result<void> insertRevlog(storage::Connection &db, const SourceRevlog &entry)
{
    storage::Query insert(db,
        u"INSERT INTO revlog ($userColumn id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
        " VALUES ($userValue ?, ?, -1, ?, ?, ?, ?, ?, ?)"_s);
    insert.bind(entry.id).bind(entry.cardId).bind(entry.ease).bind(entry.ivl).bind(entry.lastIvl);
    insert.bind(entry.factor).bind(entry.time).bind(entry.type);
    return insert.exec();
}

} // namespace importrows
} // namespace javumbo::interop
