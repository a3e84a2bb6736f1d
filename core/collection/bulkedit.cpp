#include "bulkedit.h"

#include "cardrows.h"
#include "collectionerrors.h"
#include "decktree.h"
#include "notefields.h"
#include "scheduling/cardstate.h"
#include "storage/sqldialect.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace javumbo::collection::bulkedit {

const QStringList kCardColumns
    = {u"id"_s, u"nid"_s, u"did"_s, u"ord"_s, u"mod"_s, u"usn"_s, u"type"_s, u"queue"_s, u"due"_s, u"ivl"_s,
        u"factor"_s, u"reps"_s, u"lapses"_s, u"left"_s, u"odue"_s, u"odid"_s, u"flags"_s, u"data"_s};
const QStringList kNoteColumns = {u"id"_s, u"guid"_s, u"mid"_s, u"mod"_s, u"usn"_s, u"tags"_s, u"flds"_s,
    u"sfld"_s, u"csum"_s, u"flags"_s, u"data"_s};

namespace {

// Column positions in kCardColumns / kNoteColumns.
enum CardColumn
{
    CardId = 0,
    CardNote = 1,
    CardDeck = 2,
    CardMod = 4,
    CardType = 6,
    CardQueue = 7,
    CardDue = 8,
    CardFlags = 16,
};
enum NoteColumn
{
    NoteId = 0,
    NoteTags = 5,
};
constexpr int kCardGrave = 0;
constexpr int kNoteGrave = 1;

// The columns as SQL names, each quoted: cards' "left" is a reserved word in PostgreSQL.
QString columnList(const QStringList &columns)
{
    QStringList quoted;
    for (const QString &column : columns)
        quoted.append(u'"' % column % u'"');
    return quoted.join(u", "_s);
}

Result<QVariantList> readRow(
    storage::Connection &db, const QString &table, const QStringList &columns, qint64 id)
{
    storage::Query query(
        db, u"SELECT "_s % columnList(columns) % u" FROM "_s % table % u" WHERE $user() id = ?"_s);
    query.bind(id);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return QVariantList {};
    QVariantList row;
    for (int i = 0; i < columns.size(); ++i)
        row.append(query.value(i));
    return row;
}

Result<void> writeRow(
    storage::Connection &db, const QString &table, const QStringList &columns, const QVariantList &row)
{
    QStringList quoted;
    for (const QString &column : columns)
        quoted.append(u'"' % column % u'"');
    storage::Query insert(db, storage::dialect::insertOrReplace(db.engine(), table, quoted, {u"id"_s}));
    for (const QVariant &value : row)
        insert.bind(value);
    return insert.exec();
}

// A restored object is no longer deleted: its grave goes (sync would delete it again).
Result<void> removeGrave(storage::Connection &db, qint64 objectId, int type)
{
    storage::Query removal(db, u"DELETE FROM graves WHERE $user() oid = ? AND type = ?"_s);
    removal.bind(objectId).bind(type);
    return removal.exec();
}

// One card's change: the columns it sets (bound in order; none: only touched), and a new version,
// as cardrows::nextMod does: now, or one past the old mod within the same second.
Result<void> updateCard(storage::Connection &db, qint64 cardId, const QString &assignments,
    const QVariantList &values, qint64 nowSeconds)
{
    storage::Query update(db,
        u"UPDATE cards SET "_s % (assignments.isEmpty() ? QString() : assignments + u", "_s)
            % u"mod = CASE WHEN mod >= ? THEN mod + 1 ELSE ? END, usn = -1 WHERE $user() id = ?"_s);
    for (const QVariant &value : values)
        update.bind(value);
    update.bind(nowSeconds).bind(nowSeconds).bind(cardId);
    return update.exec();
}

// The card's change, or none when it already is as asked.
std::optional<std::pair<QString, QVariantList>> cardChange(const BulkChange &change, const QVariantList &row)
{
    const int queue = row.at(CardQueue).toInt();
    switch (change.kind) {
    case BulkChange::Kind::SetDeck:
        if (row.at(CardDeck).toLongLong() == change.deckId)
            return std::nullopt;
        return std::pair {u"did = ?"_s, QVariantList {change.deckId}};
    case BulkChange::Kind::Suspend:
        if (queue == -1)
            return std::nullopt;
        return std::pair {u"queue = -1"_s, QVariantList {}};
    case BulkChange::Kind::Unsuspend:
        if (queue != -1)
            return std::nullopt;
        return std::pair {u"queue = ?"_s,
            QVariantList {scheduling::queueForType(row.at(CardType).toInt(), row.at(CardDue).toLongLong())}};
    case BulkChange::Kind::Bury:
        if (queue < 0)
            return std::nullopt; // suspended or buried already
        return std::pair {u"queue = -3"_s, QVariantList {}};
    case BulkChange::Kind::Flag: {
        const int flags = (row.at(CardFlags).toInt() & ~0b111) | change.flag;
        if (flags == row.at(CardFlags).toInt())
            return std::nullopt;
        return std::pair {u"flags = ?"_s, QVariantList {flags}};
    }
    case BulkChange::Kind::AddTags:
    case BulkChange::Kind::RemoveTags:
    case BulkChange::Kind::Delete:
        break;
    }
    return std::nullopt;
}

// The note's tags after the change, or none when they stay as they are.
std::optional<QString> changedTags(const BulkChange &change, const QString &stored)
{
    const QStringList before = notefields::splitTags(stored);
    QStringList after = before;
    if (change.kind == BulkChange::Kind::AddTags) {
        after = notefields::normalizeTags(before + change.tags);
    } else {
        after.removeIf([&](const QString &tag) { return change.tags.contains(tag, Qt::CaseInsensitive); });
    }
    if (after == before)
        return std::nullopt;
    return notefields::joinTags(after);
}

Result<void> checkChange(WriteContext &context, const BulkChange &change)
{
    if (change.kind == BulkChange::Kind::SetDeck) {
        auto meta = context.meta();
        if (!meta)
            return meta.error();
        if (!DeckTree(meta.value()->decks()).contains(change.deckId))
            return deckNotFound(change.deckId);
    }
    if (change.kind == BulkChange::Kind::Flag && (change.flag < 0 || change.flag > 7))
        return makeError(ErrorCode::BadRequest, u"flags are 0 (none) to 7"_s);
    if (change.kind == BulkChange::Kind::AddTags || change.kind == BulkChange::Kind::RemoveTags) {
        bool ok = true;
        notefields::normalizeTags(change.tags, &ok);
        if (!ok || change.tags.isEmpty())
            return makeError(ErrorCode::BadRequest,
                u"tags must be non-empty words without spaces, at most 100 characters"_s);
    }
    return {};
}

// Changes the tags of the cards' notes; the cards of a changed note get a new version too.
Result<void> applyTags(WriteContext &context, const BulkChange &change, const QList<QVariantList> &cards,
    BulkUndoRecord &record, QSet<qint64> &changed)
{
    QSet<qint64> seen;
    for (const QVariantList &card : cards) {
        const qint64 noteId = card.at(CardNote).toLongLong();
        if (seen.contains(noteId))
            continue;
        seen.insert(noteId);
        auto note = readRow(context.db(), u"notes"_s, kNoteColumns, noteId);
        if (!note)
            return note.error();
        const auto tags = changedTags(change, note->value(NoteTags).toString());
        if (!tags)
            continue;
        record.noteRows.append(note.value());
        storage::Query update(
            context.db(), u"UPDATE notes SET tags = ?, mod = ?, usn = -1 WHERE $user() id = ?"_s);
        update.bind(*tags).bind(context.nowSeconds()).bind(noteId);
        if (auto done = update.exec(); !done)
            return done;
        for (const QVariantList &sibling : cards) {
            if (sibling.at(CardNote).toLongLong() == noteId)
                changed.insert(sibling.at(CardId).toLongLong());
        }
    }
    for (const QVariantList &card : cards) {
        const qint64 cardId = card.at(CardId).toLongLong();
        if (!changed.contains(cardId))
            continue;
        if (auto done = updateCard(context.db(), cardId, QString(), {}, context.nowSeconds()); !done)
            return done;
    }
    return {};
}

} // namespace

Result<BulkResult> apply(WriteContext &context, const BulkChange &change)
{
    if (auto valid = checkChange(context, change); !valid)
        return valid.error();
    // Cards buried on an earlier day come back first, so the day is recorded and what is buried now
    // stays buried until tomorrow, whoever looks first.
    if (change.kind == BulkChange::Kind::Bury) {
        if (auto unburied = unburyForNewDay(context); !unburied)
            return unburied.error();
    }
    QList<QVariantList> cards;
    QSet<qint64> unique;
    for (qint64 cardId : change.cardIds) {
        if (unique.contains(cardId))
            continue;
        unique.insert(cardId);
        auto row = readRow(context.db(), u"cards"_s, kCardColumns, cardId);
        if (!row)
            return row.error();
        if (row->isEmpty())
            return cardNotFound(cardId);
        cards.append(row.value());
    }

    BulkResult result;
    result.undo.kind = change.kind;
    QSet<qint64> changed;
    if (change.kind == BulkChange::Kind::Delete) {
        QList<qint64> noteIds;
        for (const QVariantList &card : cards) {
            const qint64 noteId = card.at(CardNote).toLongLong();
            if (noteIds.contains(noteId))
                continue;
            noteIds.append(noteId);
            auto note = readRow(context.db(), u"notes"_s, kNoteColumns, noteId);
            if (!note)
                return note.error();
            result.undo.noteRows.append(note.value());
        }
        if (auto done = cardrows::deleteNotes(context.db(), noteIds); !done)
            return done.error();
        result.undo.cardRows = cards; // Basic notes: the selected cards are all their notes' cards
        result.changed = int(cards.size());
        return result;
    }
    if (change.kind == BulkChange::Kind::AddTags || change.kind == BulkChange::Kind::RemoveTags) {
        if (auto done = applyTags(context, change, cards, result.undo, changed); !done)
            return done.error();
    } else {
        for (const QVariantList &card : cards) {
            const auto update = cardChange(change, card);
            if (!update)
                continue;
            const qint64 cardId = card.at(CardId).toLongLong();
            if (auto done
                = updateCard(context.db(), cardId, update->first, update->second, context.nowSeconds());
                !done)
                return done.error();
            changed.insert(cardId);
        }
    }
    for (const QVariantList &card : cards) {
        const qint64 cardId = card.at(CardId).toLongLong();
        if (!changed.contains(cardId))
            continue;
        result.undo.cardRows.append(card);
        auto after = cardrows::loadExisting(context.db(), cardId);
        if (!after)
            return after.error();
        result.undo.modsAfter.append({cardId, after->mod});
    }
    result.changed = int(changed.size());
    return result;
}

Result<int> undo(WriteContext &context, const BulkUndoRecord &record)
{
    for (const auto &[cardId, modAfter] : record.modsAfter) {
        auto current = cardrows::load(context.db(), cardId);
        if (!current)
            return current.error();
        if (!current.value() || current.value()->mod != modAfter)
            return makeError(ErrorCode::StaleCard,
                u"card %1 changed after the bulk change; nothing was undone"_s.arg(cardId));
    }
    const bool deleted = record.kind == BulkChange::Kind::Delete;
    for (const QVariantList &note : record.noteRows) {
        if (auto done = writeRow(context.db(), u"notes"_s, kNoteColumns, note); !done)
            return done.error();
        if (auto done
            = deleted ? removeGrave(context.db(), note.at(NoteId).toLongLong(), kNoteGrave) : Result<void> {};
            !done)
            return done.error();
    }
    for (const QVariantList &card : record.cardRows) {
        if (auto done = writeRow(context.db(), u"cards"_s, kCardColumns, card); !done)
            return done.error();
        if (auto done
            = deleted ? removeGrave(context.db(), card.at(CardId).toLongLong(), kCardGrave) : Result<void> {};
            !done)
            return done.error();
    }
    return int(record.cardRows.size());
}

bool needsUnbury(const CollectionMeta &meta, int today)
{
    return meta.conf().value(u"lastUnburied"_s).toInt(-1) < today;
}

Result<int> unburyForNewDay(WriteContext &context)
{
    auto meta = context.meta();
    if (!meta)
        return meta.error();
    const qint64 now = context.nowSeconds();
    const int today = meta.value()->timing(now, context.clock().utcOffsetMinutesWest(now)).today;
    if (!needsUnbury(*meta.value(), today))
        return 0;
    // The queue each type implies (scheduling::queueForType), in SQL.
    storage::Query unbury(context.db(),
        u"UPDATE cards SET queue = CASE type WHEN 0 THEN 0 WHEN 2 THEN 2"
        " WHEN 1 THEN (CASE WHEN due > 1000000000 THEN 1 ELSE 3 END)"
        " WHEN 3 THEN (CASE WHEN due > 1000000000 THEN 1 ELSE 3 END) ELSE -1 END,"
        " mod = CASE WHEN mod >= ? THEN mod + 1 ELSE ? END, usn = -1"
        " WHERE $user() queue IN (-2, -3)"_s);
    unbury.bind(now).bind(now);
    if (auto done = unbury.exec(); !done)
        return done.error();
    meta.value()->editConf().insert(u"lastUnburied"_s, today);
    return unbury.rowsAffected();
}

} // namespace javumbo::collection::bulkedit
