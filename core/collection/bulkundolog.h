#pragma once

#include "bulkedit.h"

namespace javumbo::collection {

class WriteContext;

// The undo records of bulk changes made through the server, kept in the
// collection file itself (table javumbo_bulk_undo, docs/api.md §4.6) and
// written in the change's own transaction. A remote client holds only the
// id: the rows an undo writes back always come from here, never from a
// client, which could otherwise write rows of its choosing.
//
// Records are kept for at least the last kKeptChanges changes and at least
// kKeptMs; an undone one keeps its row (without the rows it held) so that
// its id is never handed out again.
namespace bulkundolog {

inline constexpr int kKeptChanges = 20;
inline constexpr qint64 kKeptMs = 24LL * 3600 * 1000;

// Keeps `record` and prunes what is no longer kept; returns the undo id.
Result<qint64> keep(WriteContext &context, const BulkUndoRecord &record);

// The record `undoId` names, marked undone in the caller's transaction (so
// a failing undo rolls the mark back too): NothingToUndo for an unknown,
// undone or expired id.
Result<BulkUndoRecord> take(WriteContext &context, qint64 undoId);

} // namespace bulkundolog
} // namespace javumbo::collection
