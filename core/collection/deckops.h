#pragma once

#include "readview.h"
#include "records.h"
#include "writecontext.h"

namespace javumbo::collection {

// The deck operations of a collection: the list with today's counts, and
// creating, renaming and deleting decks. Writes run inside the caller's
// WriteContext (UserCollection::transact).
namespace deckops {

Result<QList<DeckSummary>> list(const ReadView &view);
// One deck with its counts; deck_not_found when it does not exist.
Result<DeckSummary> get(const ReadView &view, qint64 deckId);
Result<DeckSummary> create(WriteContext &context, const QString &name);
Result<DeckSummary> rename(WriteContext &context, qint64 deckId, const QString &name);
// Deletes the deck, its children and all their cards, leaving graves. The
// Default deck is protected: callers refuse it before the transaction.
Result<void> remove(WriteContext &context, qint64 deckId);

} // namespace deckops
} // namespace javumbo::collection
