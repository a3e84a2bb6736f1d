#include "undolog.h"

#include "cardrows.h"
#include "decktree.h"
#include "storage/sqldialect.h"
#include "writecontext.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace javumbo::collection::undolog {

namespace {

// Every column of a card row but its id: an undo puts all of them back.
const QStringList kCardColumns
    = {u"nid"_s, u"did"_s, u"ord"_s, u"mod"_s, u"usn"_s, u"type"_s, u"queue"_s, u"due"_s, u"ivl"_s,
        u"factor"_s, u"reps"_s, u"lapses"_s, u"left"_s, u"odue"_s, u"odid"_s, u"flags"_s, u"data"_s};
const QStringList kTextCardColumns = {u"data"_s};
// The per-day counters DeckTree::recordAnswer bumps.
const QStringList kCounterKeys = {u"newToday"_s, u"revToday"_s, u"lrnToday"_s, u"timeToday"_s};

const QString kTable = u"javumbo_undo"_s;
// Javumbo's own table beside Anki's five (docs/scheduling.md §9.6). Made on
// first use, so collections made before it need no migration.
const QString kCreateTable = u"CREATE TABLE IF NOT EXISTS javumbo_undo ("
                             "id integer PRIMARY KEY,"
                             " cid integer NOT NULL,"
                             " rid integer NOT NULL,"
                             " etag text NOT NULL,"
                             " card text NOT NULL,"
                             " note text NOT NULL,"
                             " decks text NOT NULL,"
                             " undone integer NOT NULL DEFAULT 0)"_s;

// A column as an SQL name, quoted: cards' "left" is a reserved word in PostgreSQL. The
// unquoted names stay the keys of the stored undo entries.
QString sqlName(const QString &column)
{
    return u'"' % column % u'"';
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject parsed(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

Error nothingToUndo(qint64 undoId)
{
    return makeError(ErrorCode::NothingToUndo,
        u"answer %1 cannot be undone: it is unknown, already undone or too old"_s.arg(undoId));
}

Error changedSince(qint64 cardId, const QString &how)
{
    return makeError(
        ErrorCode::StaleCard, u"card %1 %2 after it was answered; nothing was undone"_s.arg(cardId).arg(how));
}

Result<QJsonObject> readRow(
    storage::Connection &db, const QString &sql, const QStringList &columns, qint64 id)
{
    storage::Query query(db, sql);
    query.bind(id);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return makeError(ErrorCode::Internal, u"row %1 vanished inside its transaction"_s.arg(id));
    QJsonObject row;
    for (int i = 0; i < columns.size(); ++i)
        row.insert(columns.at(i), QJsonValue::fromVariant(query.value(i)));
    return row;
}

Result<void> restoreCard(storage::Connection &db, qint64 cardId, const QJsonObject &card)
{
    QStringList assignments;
    for (const QString &column : kCardColumns)
        assignments.append(sqlName(column) % u" = ?"_s);
    storage::Query update(
        db, u"UPDATE cards SET "_s % assignments.join(u", "_s) % u" WHERE $user() id = ?"_s);
    for (const QString &column : kCardColumns) {
        const QJsonValue value = card.value(column);
        update.bind(
            kTextCardColumns.contains(column) ? QVariant(value.toString()) : QVariant(value.toInteger()));
    }
    update.bind(cardId);
    return update.exec();
}

Result<void> restoreNote(storage::Connection &db, qint64 noteId, const QJsonObject &note)
{
    storage::Query update(db, u"UPDATE notes SET tags = ?, mod = ?, usn = ? WHERE $user() id = ?"_s);
    update.bind(note.value(u"tags"_s).toString())
        .bind(note.value(u"mod"_s).toInteger())
        .bind(note.value(u"usn"_s).toInteger())
        .bind(noteId);
    return update.exec();
}

// Each day counter of each deck as it was before the answer and right after:
// {"<deck id>": {"<key>": {"before": [day, n] or absent, "after": [day, n]}}}.
QJsonObject counterChanges(const QJsonObject &before, const QJsonObject &afterDecks)
{
    QJsonObject changes;
    for (auto it = before.begin(); it != before.end(); ++it) {
        const QJsonObject was = it.value().toObject();
        const QJsonObject now = afterDecks.value(it.key()).toObject();
        QJsonObject deckChanges;
        for (const QString &key : kCounterKeys) {
            QJsonObject change {{u"after"_s, now.value(key)}};
            if (was.contains(key))
                change.insert(u"before"_s, was.value(key));
            deckChanges.insert(key, change);
        }
        changes.insert(it.key(), deckChanges);
    }
    return changes;
}

// A counter nobody touched since the answer goes back exactly as it was. One
// that answers of other cards have counted on since (undo is not newest-first
// only) loses just this answer's share, and one that has moved on to a later
// day no longer holds the answer at all.
QJsonValue counterWithout(const QJsonValue &current, const QJsonObject &change)
{
    const QJsonArray after = change.value(u"after"_s).toArray();
    if (current == change.value(u"after"_s))
        return change.value(u"before"_s); // undefined when it was absent
    const QJsonArray counter = current.toArray();
    const qint64 day = after.at(0).toInteger();
    if (counter.at(0).toInteger() != day)
        return current;
    const QJsonArray before = change.value(u"before"_s).toArray();
    // A counter of an earlier day counted zero for this one: the answer began the day.
    const qint64 share
        = after.at(1).toInteger() - (before.at(0).toInteger() == day ? before.at(1).toInteger() : 0);
    return QJsonArray {day, std::max<qint64>(0, counter.at(1).toInteger() - share)};
}

void restoreCounters(QJsonObject &decks, const QJsonObject &changes)
{
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (!decks.contains(it.key()))
            continue; // deleted since: its counters went with it
        QJsonObject deck = decks.value(it.key()).toObject();
        const QJsonObject deckChanges = it.value().toObject();
        for (auto change = deckChanges.begin(); change != deckChanges.end(); ++change) {
            const QJsonValue restored = counterWithout(deck.value(change.key()), change.value().toObject());
            if (restored.isUndefined())
                deck.remove(change.key());
            else
                deck.insert(change.key(), restored);
        }
        decks.insert(it.key(), deck);
    }
}

struct Entry
{
    qint64 cardId = 0;
    qint64 revlogId = 0;
    QString answeredEtag;
    QJsonObject card;
    QJsonObject note; // empty: the answer did not touch the note
    QJsonObject counterChanges; // counterChanges()
};

Result<Entry> loadEntry(storage::Connection &db, qint64 undoId)
{
    storage::Query query(db,
        u"SELECT cid, rid, etag, card, note, decks FROM javumbo_undo"
        " WHERE $user() id = ? AND undone = 0"_s);
    query.bind(undoId);
    if (auto done = query.exec(); !done)
        return done.error();
    if (!query.next())
        return nothingToUndo(undoId);
    return Entry {query.int64(0), query.int64(1), query.text(2), parsed(query.text(3)), parsed(query.text(4)),
        parsed(query.text(5))};
}

} // namespace

Result<void> prune(storage::Connection &db, const QString &table, int kept, qint64 keptMs, qint64 nowMs)
{
    storage::Query prune(db,
        u"DELETE FROM %1 WHERE $user() id < ? AND id NOT IN"
        " (SELECT k.id FROM %1 k WHERE $user(k) TRUE ORDER BY k.id DESC LIMIT ?)"_s.arg(table));
    prune.bind(nowMs - keptMs).bind(kept);
    return prune.exec();
}

Result<qint64> freshId(storage::Connection &db, const QString &table, qint64 nowMs)
{
    storage::Query newest(db, u"SELECT max(id) FROM %1 WHERE $user() TRUE"_s.arg(table));
    auto largest = newest.scalar();
    if (!largest)
        return largest.error();
    const qint64 taken = largest.value() && !largest.value()->isNull() ? largest.value()->toLongLong() : 0;
    return std::max(nowMs, taken + 1);
}

Result<Before> snapshot(storage::Connection &db, const CollectionMeta &meta, qint64 cardId)
{
    Before before;
    QStringList columns;
    for (const QString &column : kCardColumns)
        columns.append(sqlName(column));
    auto card = readRow(db, u"SELECT "_s % columns.join(u", "_s) % u" FROM cards WHERE $user() id = ?"_s,
        kCardColumns, cardId);
    if (!card)
        return card.error();
    before.card = std::move(card).value();
    auto note = readRow(db, u"SELECT tags, mod, usn FROM notes WHERE $user() id = ?"_s,
        {u"tags"_s, u"mod"_s, u"usn"_s}, before.card.value(u"nid"_s).toInteger());
    if (!note)
        return note.error();
    before.note = std::move(note).value();
    const DeckTree tree(meta.decks());
    for (qint64 deckId : tree.withAncestors(before.card.value(u"did"_s).toInteger())) {
        const QJsonObject deck = meta.decks().value(QString::number(deckId)).toObject();
        QJsonObject counters;
        for (const QString &key : kCounterKeys) {
            if (deck.contains(key))
                counters.insert(key, deck.value(key)); // a missing one is restored as missing
        }
        before.deckCounters.insert(QString::number(deckId), counters);
    }
    return before;
}

Result<qint64> record(storage::Connection &db, const Before &before, const CollectionMeta &after,
    const CardRecord &answered, qint64 revlogId, bool leechTagged, qint64 nowMs)
{
    if (auto made = storage::dialect::ensureOwnTable(db, kCreateTable); !made)
        return made.error();
    if (auto pruned = prune(db, kTable, kKeptAnswers, kKeptMs, nowMs); !pruned)
        return pruned.error();
    auto id = freshId(db, kTable, nowMs);
    if (!id)
        return id.error();
    storage::Query insert(db,
        u"INSERT INTO javumbo_undo ($userColumn id, cid, rid, etag, card, note, decks)"
        " VALUES ($userValue ?, ?, ?, ?, ?, ?, ?)"_s);
    insert.bind(id.value())
        .bind(answered.cardId)
        .bind(revlogId)
        .bind(answered.etag())
        .bind(compact(before.card));
    insert.bind(leechTagged ? compact(before.note) : QString())
        .bind(compact(counterChanges(before.deckCounters, after.decks())));
    if (auto done = insert.exec(); !done)
        return done.error();
    return id.value();
}

Result<CardRecord> undo(WriteContext &context, qint64 undoId, bool deleteRevlog)
{
    storage::Connection &db = context.db();
    if (auto made = storage::dialect::ensureOwnTable(db, kCreateTable); !made)
        return made.error();
    if (auto pruned = prune(db, kTable, kKeptAnswers, kKeptMs, context.nowMs()); !pruned)
        return pruned.error(); // what is no longer kept is expired, even before the next answer
    auto entry = loadEntry(db, undoId);
    if (!entry)
        return entry.error();
    auto current = cardrows::load(db, entry->cardId);
    if (!current)
        return current.error();
    if (!current.value())
        return changedSince(entry->cardId, u"was deleted"_s);
    if (current.value()->etag() != entry->answeredEtag)
        return changedSince(entry->cardId, u"changed"_s);

    if (auto done = restoreCard(db, entry->cardId, entry->card); !done)
        return done.error();
    if (!entry->note.isEmpty()) {
        if (auto done = restoreNote(db, current.value()->noteId, entry->note); !done)
            return done.error();
    }
    // Planted fault (loadtest self-test) undo-keeps-revlog: the answer's review stays logged.
    if (deleteRevlog) {
        storage::Query removal(db, u"DELETE FROM revlog WHERE $user() id = ? AND cid = ?"_s);
        removal.bind(entry->revlogId).bind(entry->cardId);
        if (auto done = removal.exec(); !done)
            return done.error();
    }
    auto meta = context.meta();
    if (!meta)
        return meta.error();
    restoreCounters(meta.value()->editDecks(), entry->counterChanges);
    storage::Query undone(db, u"UPDATE javumbo_undo SET undone = 1 WHERE $user() id = ?"_s);
    undone.bind(undoId);
    if (auto done = undone.exec(); !done)
        return done.error();
    return cardrows::loadExisting(db, entry->cardId);
}

} // namespace javumbo::collection::undolog
