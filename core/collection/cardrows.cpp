#include "cardrows.h"

#include "collectionerrors.h"
#include "collectionhooks.h"
#include "notefields.h"

using namespace Qt::StringLiterals;

namespace javumbo::collection::cardrows {

// "left" is quoted: a reserved word in PostgreSQL.
const QString kSelectColumns = u"c.id, c.nid, c.did, c.type, c.queue, c.due, c.ivl, c.factor, c.reps,"
                               " c.lapses, c.\"left\", c.mod, n.flds, n.tags, c.flags"_s;

CardRecord readCard(const storage::Query &query)
{
    CardRecord card;
    card.cardId = query.int64(0);
    card.noteId = query.int64(1);
    card.deckId = query.int64(2);
    card.state.id = card.cardId;
    card.state.type = query.int32(3);
    card.state.queue = query.int32(4);
    card.state.due = query.int64(5);
    card.state.ivl = query.int32(6);
    card.state.factor = query.int32(7);
    card.state.reps = query.int32(8);
    card.state.lapses = query.int32(9);
    card.state.left = query.int32(10);
    card.mod = query.int64(11);
    std::tie(card.front, card.back) = notefields::splitFields(query.text(12));
    card.tags = notefields::splitTags(query.text(13));
    card.flags = query.int32(14) & 0b111;
    return card;
}

Result<qint64> nextId(
    storage::Connection &connection, Table table, qint64 nowMs, const CollectionHooks &hooks)
{
    if (const auto chosen = hooks.newRowId(nowMs)) [[unlikely]]
        return *chosen;
    static const QString statements[] = {u"SELECT max(id) FROM notes WHERE $user() TRUE"_s,
        u"SELECT max(id) FROM cards WHERE $user() TRUE"_s,
        u"SELECT max(id) FROM revlog WHERE $user() TRUE"_s};
    storage::Query query(connection, statements[int(table)]);
    auto largest = query.scalar();
    if (!largest)
        return largest.error();
    const qint64 taken = largest.value() && !largest.value()->isNull() ? largest.value()->toLongLong() : 0;
    return std::max(nowMs, taken + 1);
}

Result<std::optional<CardRecord>> load(storage::Connection &connection, qint64 cardId, Lookup lookup)
{
    static const QString own = u"SELECT "_s % kSelectColumns
        % u" FROM cards c JOIN notes n ON $user(n) n.id = c.nid WHERE $user(c) c.id = ?"_s;
    static const QString any
        = u"SELECT "_s % kSelectColumns % u" FROM cards c JOIN notes n ON n.id = c.nid WHERE c.id = ?"_s;
    storage::Query query(connection, lookup == Lookup::OwnCollection ? own : any);
    query.bind(cardId);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return std::optional<CardRecord> {};
    return std::optional<CardRecord> {readCard(query)};
}

Result<CardRecord> loadExisting(storage::Connection &connection, qint64 cardId, Lookup lookup)
{
    auto loaded = load(connection, cardId, lookup);
    if (!loaded)
        return loaded.error();
    if (!loaded.value())
        return cardNotFound(cardId);
    return *loaded.value();
}

Result<CardRecord> insert(storage::Connection &connection, const NewCard &card, qint64 modelId,
    qint64 position, qint64 nowMs, const CollectionHooks &hooks)
{
    auto noteId = nextId(connection, Table::Notes, nowMs, hooks);
    if (!noteId)
        return noteId.error();
    auto cardId = nextId(connection, Table::Cards, nowMs, hooks);
    if (!cardId)
        return cardId.error();
    const qint64 nowSeconds = nowMs / 1000;

    storage::Query note(connection,
        u"INSERT INTO notes ($userColumn id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)"
        " VALUES ($userValue ?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')"_s);
    note.bind(noteId.value())
        .bind(card.guid.isEmpty() ? notefields::newGuid() : card.guid)
        .bind(modelId)
        .bind(nowSeconds);
    const QString sortField = notefields::stripHtml(card.front);
    note.bind(notefields::joinTags(card.tags)).bind(notefields::joinFields(card.front, card.back));
    note.bind(sortField).bind(notefields::checksumOfStripped(sortField));
    if (auto done = note.exec(); !done)
        return done.error();

    storage::Query row(connection,
        u"INSERT INTO cards ($userColumn id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps,"
        " lapses, \"left\", odue, odid, flags, data) VALUES ($userValue ?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0,"
        " 0, 0, 0, 0, 0, '')"_s);
    row.bind(cardId.value()).bind(noteId.value()).bind(card.deckId).bind(nowSeconds).bind(position);
    if (auto done = row.exec(); !done)
        return done.error();

    CardRecord record;
    record.cardId = cardId.value();
    record.noteId = noteId.value();
    record.deckId = card.deckId;
    record.front = card.front;
    record.back = card.back;
    record.tags = card.tags;
    record.state.id = record.cardId;
    record.state.due = position;
    record.mod = nowSeconds;
    return record;
}

Result<void> updateNote(storage::Connection &connection, qint64 noteId, const QString &front,
    const QString &back, const QStringList &tags, qint64 nowSeconds)
{
    storage::Query note(connection,
        u"UPDATE notes SET flds = ?, sfld = ?, csum = ?, tags = ?, mod = ?, usn = -1 WHERE $user() id = ?"_s);
    note.bind(notefields::joinFields(front, back))
        .bind(notefields::stripHtml(front))
        .bind(notefields::checksum(front));
    note.bind(notefields::joinTags(tags)).bind(nowSeconds).bind(noteId);
    return note.exec();
}

Result<void> updateCard(storage::Connection &connection, qint64 cardId, qint64 deckId,
    const scheduling::CardState &state, qint64 mod)
{
    storage::Query card(connection,
        u"UPDATE cards SET did = ?, type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?,"
        " lapses = ?, \"left\" = ?, mod = ?, usn = -1 WHERE $user() id = ?"_s);
    card.bind(deckId).bind(state.type).bind(state.queue).bind(state.due).bind(state.ivl).bind(state.factor);
    card.bind(state.reps).bind(state.lapses).bind(state.left).bind(mod).bind(cardId);
    return card.exec();
}

Result<qint64> insertRevlog(storage::Connection &connection, qint64 cardId,
    const scheduling::RevlogEntry &entry, qint64 nowMs, const CollectionHooks &hooks)
{
    auto id = nextId(connection, Table::Revlog, nowMs, hooks);
    if (!id)
        return id.error();
    storage::Query revlog(connection,
        u"INSERT INTO revlog ($userColumn id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
        " VALUES ($userValue ?, ?, -1, ?, ?, ?, ?, ?, ?)"_s);
    revlog.bind(id.value())
        .bind(cardId)
        .bind(entry.ease)
        .bind(entry.ivl)
        .bind(entry.lastIvl)
        .bind(entry.factor);
    revlog.bind(entry.timeMs).bind(entry.type);
    if (auto done = revlog.exec(); !done)
        return done.error();
    return id.value();
}

Result<void> addGrave(storage::Connection &connection, qint64 objectId, int type)
{
    storage::Query grave(
        connection, u"INSERT INTO graves ($userColumn usn, oid, type) VALUES ($userValue -1, ?, ?)"_s);
    grave.bind(objectId).bind(type);
    return grave.exec();
}

Result<QList<qint64>> noteIdsInDecks(storage::Connection &connection, const QList<qint64> &deckIds)
{
    QList<qint64> noteIds;
    for (qint64 deckId : deckIds) {
        storage::Query query(connection, u"SELECT DISTINCT nid FROM cards WHERE $user() did = ?"_s);
        query.bind(deckId);
        if (auto done = query.exec(); !done)
            return done.error();
        while (query.next())
            noteIds.append(query.int64(0));
    }
    return noteIds;
}

Result<void> deleteNotes(storage::Connection &connection, const QList<qint64> &noteIds)
{
    constexpr int kCardGrave = 0;
    constexpr int kNoteGrave = 1;
    for (qint64 noteId : noteIds) {
        QList<qint64> cardIds;
        {
            storage::Query cards(connection, u"SELECT id FROM cards WHERE $user() nid = ?"_s);
            cards.bind(noteId);
            if (auto done = cards.exec(); !done)
                return done;
            while (cards.next())
                cardIds.append(cards.int64(0));
        }
        for (qint64 cardId : cardIds) {
            if (auto done = addGrave(connection, cardId, kCardGrave); !done)
                return done;
        }
        if (auto done = addGrave(connection, noteId, kNoteGrave); !done)
            return done;
        storage::Query removeCards(connection, u"DELETE FROM cards WHERE $user() nid = ?"_s);
        removeCards.bind(noteId);
        if (auto done = removeCards.exec(); !done)
            return done;
        storage::Query removeNote(connection, u"DELETE FROM notes WHERE $user() id = ?"_s);
        removeNote.bind(noteId);
        if (auto done = removeNote.exec(); !done)
            return done;
    }
    return {};
}

} // namespace javumbo::collection::cardrows
