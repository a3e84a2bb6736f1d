#pragma once

#include "collection/bulkedit.h"
#include "collectionaccess.h"

namespace javumbo {

// The browser's changes to many cards (and the reviewer's bury and flag):
// each one transaction under the user's lock, undone in one step.
class BulkEditService
{
public:
    explicit BulkEditService(const ServiceContext &context);

    Result<collection::BulkResult> apply(qint64 userId, const collection::BulkChange &change) const;
    Result<int> undo(qint64 userId, const collection::BulkUndoRecord &record) const;
    // The server's form (docs/api.md §4.6): the collection keeps the undo
    // record in the change's transaction and the result carries only its id
    // (undo.undoId, 0 when nothing changed); undoKept takes that id.
    Result<collection::BulkResult> applyKept(qint64 userId, const collection::BulkChange &change) const;
    Result<int> undoKept(qint64 userId, qint64 undoId) const;
    // Unburies yesterday's buried cards once a new study day began; takes the
    // lock only when there is something to do (a read says so first).
    Result<int> unburyIfNewDay(qint64 userId) const;

private:
    CollectionAccess m_access;
};

} // namespace javumbo
