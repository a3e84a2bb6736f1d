#pragma once

#include "readview.h"
#include "records.h"
#include "writecontext.h"

namespace javumbo::collection {

// The card operations of a collection (Basic notes: one card each): adding,
// editing, deleting and suspending, and the searches. Writes run inside the
// caller's WriteContext (UserCollection::transact); the checks that need no
// data run before it, so bad input never takes the write lock.
namespace cardops {

// Front and back are acceptable: a non-empty front, no field separator, not too long.
Result<void> checkFields(const QString &front, const QString &back);
// The card with its tags normalised, or why it cannot be added.
Result<NewCard> checkNewCard(const NewCard &card);

Result<CardRecord> add(WriteContext &context, const NewCard &checked);
Result<CardRecord> update(WriteContext &context, qint64 cardId, const CardEdit &edit);
// expectedEtag: refuse with stale_card unless the card is still that version (If-Match).
Result<void> remove(WriteContext &context, qint64 cardId, const std::optional<QString> &expectedEtag);
// Queue −1, or back to the queue its type implies (docs/scheduling.md §1).
Result<CardRecord> setSuspended(
    WriteContext &context, qint64 cardId, bool suspended, const std::optional<QString> &expectedEtag);

Result<std::optional<CardRecord>> findByGuid(storage::Connection &db, const QString &guid);
Result<CardPage> find(const ReadView &view, const CardQuery &query);

} // namespace cardops
} // namespace javumbo::collection
