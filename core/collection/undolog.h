#pragma once

#include "collectionmeta.h"
#include "records.h"
#include "storage/connection.h"

#include <QJsonObject>

#include <optional>

namespace javumbo::collection {

class WriteContext;

// What the server needs to take an answer back, kept in the collection file
// itself (table javumbo_undo, docs/scheduling.md §9.6) and written in the
// answer's own transaction, so it can never disagree with the answer and
// never comes from a client. Anki knows nothing of the table: exports leave
// it out.
//
// An undo restores exactly what its answer changed: the card row, the note's
// tags when the answer tagged a leech, the day counters of the card's deck
// and its parents, and deletes the answer's revlog row, in one transaction;
// it is refused (stale_card) when the card is no longer as the answer left it.
// The day counters lose only this answer's share: answers of other cards made
// since keep theirs, whatever order undos come in.
// Entries are kept for at least the last kKeptAnswers answers and at least
// kKeptMs; an undone entry stays (marked) so its id is never handed out again.
namespace undolog {

inline constexpr int kKeptAnswers = 10;
inline constexpr qint64 kKeptMs = 24LL * 3600 * 1000;

// The state an answer is about to change, read inside its transaction.
struct Before
{
    QJsonObject card; // every column of the card row but its id
    QJsonObject note; // tags, mod and usn of the note
    QJsonObject deckCounters; // deck id -> its day counters
};

Result<Before> snapshot(storage::Connection &db, const CollectionMeta &meta, qint64 cardId);

// Records an answer and prunes what is no longer kept; returns the undo id.
// `after`: the collection's decks with the answer counted, so the undo takes
// back only the answer's share of the day counters. `leechTagged`: the answer
// added the leech tag, so the undo restores the note.
Result<qint64> record(storage::Connection &db, const Before &before, const CollectionMeta &after,
    const CardRecord &answered, qint64 revlogId, bool leechTagged, qint64 nowMs);

// Shared with the bulk changes' records (bulkundolog.h), each in its own table:
// forgets rows that are neither among the last `kept` nor younger than
// `keptMs`, and gives a new row's id, now in ms bumped past every id the
// table handed out (the newest row always survives pruning).
Result<void> prune(storage::Connection &db, const QString &table, int kept, qint64 keptMs, qint64 nowMs);
Result<qint64> freshId(storage::Connection &db, const QString &table, qint64 nowMs);

// Takes the answer `undoId` back inside the caller's transaction: the card as
// it was before, NothingToUndo for an unknown, undone or expired id,
// StaleCard when the card changed after the answer. `deleteRevlog` is false
// only under the planted fault undo-keeps-revlog (CollectionHooks).
Result<CardRecord> undo(WriteContext &context, qint64 undoId, bool deleteRevlog);

} // namespace undolog
} // namespace javumbo::collection
