#pragma once

#include "records.h"
#include "writecontext.h"

#include <QList>
#include <QStringList>
#include <QVariantList>

namespace javumbo::collection {

// One change to many cards at once, as the browser makes it (Anki's
// "Change Deck", "Add Tags", "Toggle Suspend", "Delete", flags and bury).
struct BulkChange
{
    enum class Kind
    {
        SetDeck,
        AddTags,
        RemoveTags,
        Suspend,
        Unsuspend,
        Bury, // until the next day (queue −3, Anki's "buried by the user")
        Flag, // 0 none, 1 red, 2 orange, 3 green, 4 blue
        Delete,
    };
    Kind kind = Kind::Suspend;
    QList<qint64> cardIds;
    qint64 deckId = 0; // SetDeck
    QStringList tags; // AddTags, RemoveTags
    int flag = 0; // Flag
};

// Every row a bulk change touched, as it was before: putting them back
// undoes the change exactly, in one step.
struct BulkUndoRecord
{
    BulkChange::Kind kind = BulkChange::Kind::Suspend;
    QList<QVariantList> cardRows; // bulkedit::kCardColumns of each card
    QList<QVariantList> noteRows; // bulkedit::kNoteColumns of each note
    QList<std::pair<qint64, qint64>> modsAfter; // (card id, its mod right after); empty for Delete
    // The record a server kept instead (docs/api.md §4.6): a remote client
    // carries only this id, never the rows, so a client cannot write rows
    // of its choosing. 0 for a record that holds its rows.
    qint64 undoId = 0;
    bool isEmpty() const { return cardRows.isEmpty() && undoId == 0; }
};

struct BulkResult
{
    int changed = 0; // cards changed
    BulkUndoRecord undo;
};

// Bulk changes run inside the caller's WriteContext: one transaction, so a
// failure half-way changes nothing, and one undo record for all of them.
namespace bulkedit {

extern const QStringList kCardColumns;
extern const QStringList kNoteColumns;

// Unknown card ids are card_not_found; a missing deck deck_not_found.
Result<BulkResult> apply(WriteContext &context, const BulkChange &change);
// Puts every row back (and removes the graves a Delete wrote). StaleCard when
// one of the cards changed after the bulk change: nothing is undone then.
Result<int> undo(WriteContext &context, const BulkUndoRecord &record);

// Anki's unburying at the start of a study day: cards buried on an earlier
// day (queues −2, −3) go back to their queues; col.conf.lastUnburied records
// the day, so this writes once a day at most. Returns the cards unburied.
Result<int> unburyForNewDay(WriteContext &context);
// Whether unburyForNewDay would do anything today (a cheap read, no transaction).
bool needsUnbury(const CollectionMeta &meta, int today);

} // namespace bulkedit
} // namespace javumbo::collection
