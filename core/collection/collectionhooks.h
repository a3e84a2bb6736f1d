#pragma once

#include "common/result.h"
#include "records.h"

#include <optional>

namespace javumbo::collection {

class UserCollection;

// Seams where a caller may change how the collection behaves without the
// collection knowing why. Every default is the real behaviour; the only
// override in the product is the load tester's planted faults
// (services/plantedfaults.h), which reproduce the original app's bugs here.
// Implementations are called from many threads at once and must be stateless
// or thread-safe.
class CollectionHooks
{
public:
    virtual ~CollectionHooks();

    // The id of a new note, card or revlog row taken at `nowMs`; nothing (the
    // default) for the next unique id (cardrows::nextId).
    virtual std::optional<qint64> newRowId(qint64 nowMs) const;
    // Runs before an answer's transaction begins. A card returned here is
    // answered instead of the one the transaction reads; the default returns
    // nothing, so the answer reads (and checks) the card under its write lock.
    virtual Result<std::optional<CardRecord>> cardBeforeAnswer(
        UserCollection &collection, qint64 cardId) const;
    // How many revlog rows one answer writes: 1.
    virtual int revlogRowsPerAnswer() const;
    // Whether undoing an answer deletes the revlog row it wrote: true.
    virtual bool undoDeletesRevlog() const;
    // Whether looking a card up by id (UserCollection::card, GET /cards/{id})
    // keeps the owner's filter: true. Only matters where collections share
    // tables (PostgreSQL); a user's SQLite file holds nobody else's cards.
    virtual bool cardLookupKeepsUserFilter() const;

    // The defaults: the real behaviour.
    static const CollectionHooks &none();
};

} // namespace javumbo::collection
