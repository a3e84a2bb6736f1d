#include "answerundo.h"

#include "cardrows.h"
#include "collectionerrors.h"
#include "decktree.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace javumbo::collection {

namespace {

// The per-day counters DeckTree::recordAnswer bumps.
const QStringList kCounterKeys = {u"newToday"_s, u"revToday"_s, u"lrnToday"_s, u"timeToday"_s};

Error staleUndo(qint64 cardId)
{
    return makeError(
        ErrorCode::StaleCard, u"card %1 changed after it was answered; nothing was undone"_s.arg(cardId));
}

Result<QVariantList> readRow(storage::Connection &db, const QString &sql, qint64 id, int columns)
{
    storage::Query query(db, sql);
    query.bind(id);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return cardNotFound(id);
    QVariantList row;
    for (int i = 0; i < columns; ++i)
        row.append(query.value(i));
    return row;
}

// The card must still be as the answer left it, with the answer's revlog row.
Result<void> checkStillAnswered(storage::Connection &db, const AnswerUndoRecord &record)
{
    auto current = cardrows::load(db, record.cardId);
    if (!current)
        return current.error();
    if (!current.value() || current.value()->mod != record.answeredMod)
        return staleUndo(record.cardId);
    storage::Query revlog(db, u"SELECT count(*) FROM revlog WHERE id = ? AND cid = ?"_s);
    revlog.bind(record.revlogId).bind(record.cardId);
    auto found = revlog.scalar();
    if (!found)
        return found.error();
    if (!found.value() || found.value()->toLongLong() != 1)
        return staleUndo(record.cardId);
    return {};
}

// Puts the card and note rows back and deletes the answer's revlog row.
Result<void> restoreRows(
    storage::Connection &db, const AnswerUndoRecord &record, const QStringList &cardColumns)
{
    QStringList assignments;
    for (const QString &column : cardColumns)
        assignments.append(column % u" = ?"_s);
    storage::Query card(db, u"UPDATE cards SET "_s % assignments.join(u", "_s) % u" WHERE id = ?"_s);
    for (const QVariant &value : record.cardRow)
        card.bind(value);
    card.bind(record.cardId);
    if (auto done = card.exec(); !done)
        return done;
    storage::Query note(db, u"UPDATE notes SET tags = ?, mod = ?, usn = ? WHERE id = ?"_s);
    note.bind(record.noteRow.value(0)).bind(record.noteRow.value(1)).bind(record.noteRow.value(2));
    note.bind(record.noteId);
    if (auto done = note.exec(); !done)
        return done;
    storage::Query removal(db, u"DELETE FROM revlog WHERE id = ?"_s);
    removal.bind(record.revlogId);
    return removal.exec();
}

void restoreDeckCounters(QJsonObject &decks, const AnswerUndoRecord &record)
{
    for (auto it = record.deckCounters.begin(); it != record.deckCounters.end(); ++it) {
        if (!decks.contains(it.key()))
            continue; // deleted since: its counters went with it
        QJsonObject deck = decks.value(it.key()).toObject();
        const QJsonObject counters = it.value().toObject();
        for (const QString &key : kCounterKeys) {
            if (counters.contains(key) && !counters.value(key).isUndefined())
                deck.insert(key, counters.value(key));
            else
                deck.remove(key);
        }
        decks.insert(it.key(), deck);
    }
}

} // namespace

const QStringList AnswerUndo::kCardColumns
    = {u"nid"_s, u"did"_s, u"ord"_s, u"mod"_s, u"usn"_s, u"type"_s, u"queue"_s, u"due"_s, u"ivl"_s,
        u"factor"_s, u"reps"_s, u"lapses"_s, u"left"_s, u"odue"_s, u"odid"_s, u"flags"_s, u"data"_s};

AnswerUndo::AnswerUndo(UserCollection &collection) : m_collection(collection) { }

Result<UndoableAnswer> AnswerUndo::answer(const AnswerRequest &request)
{
    auto db = m_collection.connection();
    if (!db)
        return db.error();
    AnswerUndoRecord record;
    record.cardId = request.cardId;
    auto cardRow
        = readRow(*db.value(), u"SELECT "_s % kCardColumns.join(u", "_s) % u" FROM cards WHERE id = ?"_s,
            request.cardId, int(kCardColumns.size()));
    if (!cardRow)
        return cardRow.error();
    record.cardRow = cardRow.value();
    record.noteId = record.cardRow.at(0).toLongLong();
    auto noteRow = readRow(*db.value(), u"SELECT tags, mod, usn FROM notes WHERE id = ?"_s, record.noteId, 3);
    if (!noteRow)
        return noteRow.error();
    record.noteRow = noteRow.value();
    auto meta = CollectionMeta::load(*db.value());
    if (!meta)
        return meta.error();
    const DeckTree tree(meta->decks());
    for (qint64 deckId : tree.withAncestors(record.cardRow.at(1).toLongLong())) {
        const QJsonObject deck = meta->decks().value(QString::number(deckId)).toObject();
        QJsonObject counters;
        for (const QString &key : kCounterKeys)
            counters.insert(key, deck.value(key)); // undefined when missing: restored as missing
        record.deckCounters.insert(QString::number(deckId), counters);
    }

    auto answered = m_collection.answer(request);
    if (!answered)
        return answered.error();
    // Under the user's lock no one else answers in between: the newest row of the card is ours.
    storage::Query revlog(*db.value(), u"SELECT max(id) FROM revlog WHERE cid = ?"_s);
    revlog.bind(request.cardId);
    auto revlogId = revlog.scalar();
    if (!revlogId)
        return revlogId.error();
    record.revlogId = revlogId.value() ? revlogId.value()->toLongLong() : 0;
    record.answeredMod = answered->mod;
    return UndoableAnswer {answered.value(), record};
}

Result<CardRecord> AnswerUndo::undo(const AnswerUndoRecord &record)
{
    return m_collection.transact([&](WriteContext &context) -> Result<CardRecord> {
        if (auto unchanged = checkStillAnswered(context.db(), record); !unchanged)
            return unchanged.error();
        if (auto restored = restoreRows(context.db(), record, kCardColumns); !restored)
            return restored.error();
        auto meta = context.meta();
        if (!meta)
            return meta.error();
        restoreDeckCounters(meta.value()->editDecks(), record);
        return cardrows::loadExisting(context.db(), record.cardId);
    });
}

} // namespace javumbo::collection
